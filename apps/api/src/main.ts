import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/platform/src/config/env';
import { requireDatabaseUrl } from '../../start/src/require-database-url';
import { createApi } from './create-api';

/** `npm run start:api`: the HTTP process on its own (production). Migrations run separately. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApi(config, requireDatabaseUrl(config, 'start:api'));
  await app.listen(config.PORT);
}

void main();
