import 'reflect-metadata';
// Jest's moduleNameMapper does not reach global setup: resolve `@pathway/<lib>/...` from tsconfig.json's paths here.
import 'tsconfig-paths/register';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { E2E_GROUPS, groupOfEachFile } from './e2e-groups';
import { migrateProduct as migrate } from '../../apps/migrate-product';
import { ADMIN_PG_URL, CENTRAL_TEAM_NAME, databaseUrlFor, TEST_ADMIN_TOKEN } from './test-env';

/**
 * Once per `jest` run: a template database, migrated once, that every e2e file clones into a
 * database of its own (`per-file-database.ts`), so files run in parallel workers and never see
 * each other's data. The names travel to the workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PATHWAY_E2E_GROUPS === '1') checkGroups();
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

/** Every e2e file in exactly one group and every group with its file: a file left out would silently not run. */
function checkGroups(): void {
  const root = join(__dirname, '..');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.e2e-spec.ts'))
    .map((f) => relative(root, join(root, f)).replace(/\.e2e-spec\.ts$/, ''));
  const groupOf = groupOfEachFile();
  const groupFiles = readdirSync(join(root, 'groups'));
  const problems = [
    ...files.filter((f) => !groupOf.has(f)).map((f) => `test/${f}.e2e-spec.ts is in no group of test/e2e-groups.json`),
    ...[...groupOf.keys()]
      .filter((f) => !files.includes(f))
      .map((f) => `test/e2e-groups.json names test/${f}.e2e-spec.ts, which is not there`),
    ...files
      .filter((f) => /\b(?:it|test|describe)\.only\(|\bf(?:it|describe)\(/.test(readFileSync(join(root, `${f}.e2e-spec.ts`), 'utf8')))
      .map((f) => `test/${f}.e2e-spec.ts has a focused test (.only), which would skip the rest of its group`),
    ...Object.keys(E2E_GROUPS)
      .filter((g) => !groupFiles.includes(`${g}.e2e-group.ts`))
      .map((g) => `group ${g} has no test/groups/${g}.e2e-group.ts`),
  ];
  if (problems.length) throw new Error(`e2e groups:\n  ${problems.join('\n  ')}`);
}
