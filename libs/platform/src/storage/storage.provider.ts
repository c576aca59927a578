import { join, resolve } from 'node:path';
import type { Provider } from '@nestjs/common';
import { EnvConfig } from '../config/env';
import { repoRoot } from '../repo-root';
import { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk.storage';

/**
 * The configured store: S3 when S3_BUCKET is set, otherwise local disk under FILE_STORAGE_DIR or `./.data/files`.
 * The AWS SDK is loaded only when S3 is configured: a process on local disk never pays for its modules.
 */
export function storageFor(config: EnvConfig): FileStorage {
  if (config.S3_BUCKET) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const { S3Storage } = require('./s3.storage') as typeof import('./s3.storage');
    /* eslint-enable @typescript-eslint/no-require-imports */
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
