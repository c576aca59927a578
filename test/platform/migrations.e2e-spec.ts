import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateProduct as migrate } from '../../apps/migrate-product';
import { MIGRATIONS } from '../../migrations';
import { ADMIN_PG_URL, databaseUrlFor } from '../support/test-env';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

/** Two processes starting together must neither race nor fail on the migrations. */
describe('migrations', () => {
  const name = `pathway_test_mig_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = databaseUrlFor(name);
  const admin = () => new Client({ connectionString: ADMIN_PG_URL });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
  });

  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('applies each migration exactly once when two migrate() calls start at once on an empty database', async () => {
    const token = `migration-race-bootstrap-token-${randomBytes(8).toString('hex')}`;
    const options = { bootstrapAdminToken: token, centralTeamName: 'Central team (migration test)' };
    const results = await Promise.allSettled([migrate(url, options), migrate(url, options)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const applied = results.map((r) => (r as PromiseFulfilledResult<string[]>).value);
    // One did all the work; the other waited on the lock and found nothing to do.
    expect([...applied].sort((a, b) => a.length - b.length)).toEqual([[], MIGRATIONS.map((m) => new m().name ?? m.name)]);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM migrations GROUP BY name');
      expect(rows).toHaveLength(MIGRATIONS.length);
      for (const row of rows) expect(Number(row.n)).toBe(1);
      // The bootstrap admin and the central organisation also exist once.
      const { rows: orgs } = await db.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office'`);
      expect(orgs).toHaveLength(1);
      const { rows: tokens } = await db.query('SELECT id FROM api_tokens WHERE bootstrap AND revoked_at IS NULL');
      expect(tokens).toHaveLength(1);
    } finally {
      await db.end();
    }

    // And a later start finds nothing to do.
    expect(await migrate(url, options)).toEqual([]);
  }, 30_000);
});
