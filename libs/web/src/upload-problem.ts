import { MAX_FILE_BYTES } from '@pathway/platform/storage/file-type-check';

/** A file refused for its size (413) or type (415), in words for the form's error summary. */
export function uploadProblem(err: unknown): { status: number; text: string } | null {
  const status = (err as { getStatus?: () => number }).getStatus?.();
  if (status === 413) return { status, text: `The file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  if (status === 415) return { status, text: 'The file must be a PDF, image, Word, Excel, PowerPoint, OpenDocument, CSV or text file' };
  return null;
}
