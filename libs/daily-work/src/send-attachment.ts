import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentRow } from './evidence.repository';

/** Streams a stored file with its sniffed type, as a download (never rendered inline: no stored script can run on our origin). */
export async function sendAttachment(res: Response, { row, stream }: { row: AttachmentRow; stream: Readable }): Promise<void> {
  const name = row.fileName ?? 'file';
  res.setHeader('Content-Type', row.contentType ?? 'application/octet-stream');
  if (row.sizeBytes !== null) res.setHeader('Content-Length', String(row.sizeBytes));
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  await pipeline(stream, res);
}
