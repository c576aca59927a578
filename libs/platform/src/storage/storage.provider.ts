import { S3Client } from '@aws-sdk/client-s3';
import { join, resolve } from 'node:path';
import type { Provider } from '@nestjs/common';
import { EnvConfig } from '../config/env';
import { repoRoot } from '../repo-root';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';

/** The configured store: S3 when S3_BUCKET is set, otherwise local disk under FILE_STORAGE_DIR or `./.data/files`. */
export function storageFor(config: EnvConfig): FileStorage {
  if (config.S3_BUCKET) {
    const client = new S3Client({
      region: config.S3_REGION,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      forcePathStyle: config.S3_FORCE_PATH_STYLE === 'true',
    });
    return new S3Storage(client, config.S3_BUCKET);
  }
  return new LocalDiskStorage(config.FILE_STORAGE_DIR ? resolve(config.FILE_STORAGE_DIR) : join(repoRoot(), '.data', 'files'));
}

export const FILE_STORAGE_PROVIDER: Provider = { provide: FileStorage, inject: [EnvConfig], useFactory: storageFor };
