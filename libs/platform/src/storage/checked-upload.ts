import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BadRequestError } from '../errors/domain-errors';
import { ALLOWED_TYPES, allowedContentType, MAX_FILE_BYTES } from './file-type-check';

/** A file as multer hands it over (memory storage). */
export interface UploadedFileInput {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** A file that passed the checks: what to store and record. */
export interface CheckedUpload {
  buffer: Buffer;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Multer's default memory storage (never a temporary file), at most one file of MAX_FILE_BYTES: a
 * bigger one is 413 before it is read to the end. File names are read as UTF-8, as every browser
 * sends them (busboy's default for a part header parameter without a charset is Latin-1, which
 * stored "Früh.pdf" as "FrÃ¼h.pdf").
 */
export const UPLOAD_OPTIONS = { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 }, defParamCharset: 'utf8' };

/**
 * The one set of checks every upload passes before anything is stored (task evidence, a
 * decision's attachment): present (400 naming `file`), at most MAX_FILE_BYTES (413), not empty,
 * and a type on the allow-list judged by its bytes, not its name or header (415). The name is made
 * safe to show and to send back in a Content-Disposition header.
 */
export async function checkUpload(file: UploadedFileInput | undefined, missing: string): Promise<CheckedUpload> {
  if (!file) throw new BadRequestError([missing]);
  if (file.size > MAX_FILE_BYTES || file.buffer.length > MAX_FILE_BYTES)
    throw new PayloadTooLargeException(`file must be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (file.buffer.length === 0) throw new BadRequestError(['file is empty']);
  const contentType = await allowedContentType(file.buffer, file.originalname);
  if (!contentType) {
    throw new UnsupportedMediaTypeException(
      `file must be one of: ${[...new Set(Object.values(ALLOWED_TYPES))].join(', ')} (judged by its contents)`,
    );
  }
  return {
    buffer: file.buffer,
    fileName: safeFileName(file.originalname),
    contentType,
    sizeBytes: file.buffer.length,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
  };
}

/** A file name without path separators or control characters, at most 200 characters. */
export function safeFileName(name: string | undefined): string {
  // By character (code point), so the cut never splits an emoji into a lone surrogate Postgres refuses.
  return [...(name || 'file')]
    .slice(0, 200)
    .map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
    .join('');
}
