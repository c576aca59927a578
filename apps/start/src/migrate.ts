import 'reflect-metadata';
import { migrateProduct } from '../../migrate-product';
import { loadConfigOrExit } from '@pathway/platform/config/env';
import { startEmbeddedPostgres } from './embedded-postgres';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded Postgres. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = (m: string) => process.stdout.write(`${m}\n`);
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const pg = await startEmbeddedPostgres(config, log);
    url = pg.url;
    stop = pg.stop;
  }
  try {
    const applied = await migrateProduct(url, {
      bootstrapAdminToken: config.BOOTSTRAP_ADMIN_TOKEN,
      centralTeamName: config.CENTRAL_TEAM_NAME,
      log,
    });
    log(applied.length ? `${applied.length} migration(s) applied` : 'no pending migrations');
  } finally {
    await stop?.();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
