import { loadEsm } from 'load-esm';

/** Files larger than this are refused with 413 (contract: 20 MB per file). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The document and image types a task may carry, judged by the bytes (file-type's magic numbers),
 * never by the file name or the Content-Type the browser sent. Text (CSV, plain text) has no magic
 * number: it is accepted when it is valid UTF-8 without control characters.
 */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'application/x-cfb': 'Older Office document (.doc, .xls)',
  'text/plain': 'Text',
  'text/csv': 'CSV',
};

type FileTypeModule = typeof import('file-type');
let fileTypeModule: Promise<FileTypeModule> | null = null;

/** Plain UTF-8 text: no NUL or other control characters besides tab, CR and LF. */
export function looksLikeText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/** The content type the bytes show, when it is on the allow-list; null otherwise. */
export async function allowedContentType(buf: Buffer, fileName: string): Promise<string | null> {
  fileTypeModule ??= loadEsm<FileTypeModule>('file-type');
  const { fileTypeFromBuffer } = await fileTypeModule;
  const detected = await fileTypeFromBuffer(buf);
  if (detected) return ALLOWED_TYPES[detected.mime] ? detected.mime : null;
  if (!looksLikeText(buf)) return null;
  return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain';
}
