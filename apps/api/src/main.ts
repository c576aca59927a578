import 'reflect-metadata';
import { loadConfigOrExit } from '@pathway/platform/config/env';
import { closeOnSignals } from '@pathway/platform/lifecycle/close-on-signals';
import { requireDatabaseUrl } from '@pathway/platform/config/require-database-url';
import { createApi } from './create-api';
import { printFirstAdministratorLink } from './first-administrator';

/** `npm run start:api`: the HTTP process on its own (production). Migrations run separately. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApi(config, requireDatabaseUrl(config, 'start:api'));
  closeOnSignals(() => app.close());
  await app.listen(config.PORT);
  await printFirstAdministratorLink(app);
}

void main();
