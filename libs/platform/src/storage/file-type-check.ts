/** Files larger than this are refused with 413 (contract: 20 MB per file). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The document and image types a task may carry, judged by the bytes (their magic numbers),
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

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);

/**
 * The type the bytes show (magic numbers), for the allow-list only. Office Open XML and
 * OpenDocument files are ZIP archives: told apart by the parts they name near the start.
 */
export function sniff(buf: Buffer): string | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (buf.subarray(0, 6).toString('latin1') === 'GIF87a' || buf.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-cfb';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const head = buf.subarray(0, Math.min(buf.length, 64 * 1024)).toString('latin1');
    const odf = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation))/.exec(head);
    if (odf) return odf[1];
    if (head.includes('[Content_Types].xml') || /(word|xl|ppt)\//.test(head)) {
      if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    }
    return 'application/zip';
  }
  return null;
}

/** The content type the bytes show, when it is on the allow-list; null otherwise. */
export async function allowedContentType(buf: Buffer, fileName: string): Promise<string | null> {
  const detected = sniff(buf);
  if (detected) return ALLOWED_TYPES[detected] ? detected : null;
  if (!looksLikeText(buf)) return null;
  return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain';
}
