import 'reflect-metadata';
// Jest's moduleNameMapper does not reach global setup: resolve `@pathway/<lib>/...` from tsconfig.json's paths here.
import 'tsconfig-paths/register';
import { Client } from 'pg';
import { migrateProduct as migrate } from '../../apps/migrate-product';
import { ADMIN_PG_URL, CENTRAL_TEAM_NAME, databaseUrlFor, TEST_ADMIN_TOKEN } from './test-env';

/**
 * Once per `jest` run: a template database, migrated once, that every e2e file clones into a
 * database of its own (`per-file-database.ts`), so files run in parallel workers and never see
 * each other's data. The names travel to the workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const name = `pathway_test_${run}`;
  const admin = new Client({ connectionString: ADMIN_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrlFor(name);
  await migrate(url, { bootstrapAdminToken: TEST_ADMIN_TOKEN, centralTeamName: CENTRAL_TEAM_NAME });
  process.env.TEST_RUN_ID = run;
  process.env.TEST_TEMPLATE_DATABASE_NAME = name;
  process.env.TEST_REDIS_PREFIX_BASE = `pathway-test-${run}`;
}
