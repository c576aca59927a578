import IORedis from 'ioredis';
import { Client } from 'pg';
import { ADMIN_PG_URL, TEST_REDIS_URL } from './test-env';
import { deleteKeysWithPrefix } from '@pathway/platform/redis/delete-prefix';

/** Drops the run's template and any file database a crashed worker left, and deletes the run's Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.TEST_TEMPLATE_DATABASE_NAME;
  if (template && /^pathway_test_[a-z0-9_]+$/.test(template)) {
    const admin = new Client({ connectionString: ADMIN_PG_URL });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `${template}\\_f%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  const prefix = process.env.TEST_REDIS_PREFIX_BASE;
  if (prefix) {
    const redis = new IORedis(TEST_REDIS_URL);
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}
