import IORedis from 'ioredis';
import { Client } from 'pg';
import { ADMIN_PG_URL, TEST_REDIS_URL } from './test-env';
import { deleteKeysWithPrefix } from '../../libs/platform/src/redis/delete-prefix';

/** Drops the run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.TEST_DATABASE_NAME;
  if (name && /^pathway_test_[a-z0-9_]+$/.test(name)) {
    const admin = new Client({ connectionString: ADMIN_PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  const prefix = process.env.TEST_REDIS_PREFIX;
  if (prefix) {
    const redis = new IORedis(TEST_REDIS_URL);
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}
