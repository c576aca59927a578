import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/platform/src/config/env';
import { requireDatabaseUrl } from '../../start/src/require-database-url';
import { createWorker } from './create-worker';

/** `npm run start:worker`: the queue worker on its own (production). SIGTERM drains running jobs. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await createWorker(config, requireDatabaseUrl(config, 'start:worker'));
}

void main();
