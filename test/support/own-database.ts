import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_PG_URL, databaseUrlFor } from './test-env';

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_PG_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/**
 * A database and Redis key prefix of its own for the tests declared in `body` (an e2e file): before
 * them, a database cloned from the run's migrated template (a copy takes a few milliseconds,
 * migrating takes seconds) and a fresh prefix, named to the tests by `TEST_DATABASE_URL` and
 * `TEST_REDIS_PREFIX`; after them, both removed (the drop forces off any connection still open).
 * Called at the top of a file's scope (per-file-database.ts) or, for the files of a group that
 * share one Jest module registry, around each file (e2e-group.ts).
 */
export function ownDatabase(body: () => void): void {
  const template = process.env.TEST_TEMPLATE_DATABASE_NAME;
  const run = process.env.TEST_RUN_ID;
  const file = randomBytes(4).toString('hex');
  const name = template ? `${template}_f${file}` : undefined;
  beforeAll(async () => {
    if (!template || !name || !run) return;
    // Two workers cloning at the same instant can see each other on the template (55006): try again.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    process.env.TEST_DATABASE_NAME = name;
    process.env.TEST_DATABASE_URL = databaseUrlFor(name);
    process.env.TEST_REDIS_PREFIX = `${process.env.TEST_REDIS_PREFIX_BASE}-${file}`;
  });
  body();
  afterAll(async () => {
    if (!name) return;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
}
