/** Names shared by the global setup and the tests of one run. */
export const ADMIN_PG_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ADMIN_TOKEN = 'test-bootstrap-admin-token-0123456789abcdef';
export const CENTRAL_TEAM_NAME = 'Central Mutuals Team (test)';

export function databaseUrlFor(name: string): string {
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The scrypt cost (log2 N) of the passwords the tests set: 2^10, ~1 ms a hash, where the product's
 * 2^15 took ~80 ms, for several hundred hashes a run (PASSWORD_SCRYPT_LOG2_N allows it only with
 * NODE_ENV=test; the default is held by libs/platform/src/config/env.spec.ts).
 */
export const TEST_SCRYPT_LOG2_N = 10;
