import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/platform/src/config/env';
import { closeOnSignals } from '../../../libs/platform/src/lifecycle/close-on-signals';
import { requireDatabaseUrl } from '../../../libs/platform/src/config/require-database-url';
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
