import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertKey, FileStorage } from './file-storage';

/** Files on local disk (default `./.data/files`): written to a temporary name, then renamed, so a half-written file never has a key. */
export class LocalDiskStorage extends FileStorage {
  readonly kind = 'local' as const;
  constructor(private readonly dir: string) {
    super();
  }

  async put(key: string, body: Buffer): Promise<void> {
    assertKey(key);
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${key}.part`);
    try {
      await writeFile(tmp, body, { flag: 'wx' });
      await rename(tmp, join(this.dir, key));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    assertKey(key);
    const stream = createReadStream(join(this.dir, key));
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    await rm(join(this.dir, key), { force: true });
  }
}
