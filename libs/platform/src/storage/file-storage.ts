import type { Readable } from 'node:stream';

/**
 * Where uploaded files live: one interface, two implementations (local disk by default, an
 * S3-compatible bucket when configured). Keys are opaque (`<uuid>`); the database holds what a
 * file is and who may read it. `delete` of a missing key is not an error.
 */
export abstract class FileStorage {
  abstract readonly kind: 'local' | 's3';
  abstract put(key: string, body: Buffer, contentType: string): Promise<void>;
  abstract get(key: string): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
}

/** Keys are generated here, never taken from a request: no path can escape the store. */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
}
