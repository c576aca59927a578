import 'reflect-metadata';
import { loadConfigOrExit } from '@pathway/platform/config/env';
import { closeOnSignals } from '@pathway/platform/lifecycle/close-on-signals';
import { requireDatabaseUrl } from '@pathway/platform/config/require-database-url';
import { createWorker } from './create-worker';

/** `npm run start:worker`: the queue worker on its own (production). SIGTERM drains running jobs. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env, { worker: true });
  const worker = await createWorker(config, requireDatabaseUrl(config, 'start:worker'));
  closeOnSignals(() => worker.close());
}

void main();
