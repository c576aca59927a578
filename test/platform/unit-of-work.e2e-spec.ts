import { DataSource } from 'typeorm';
import { ENTITIES } from '../../apps/entities';
import { dataSourceOptions } from '@pathway/database/data-source';
import { guardTransactions, inUnitOfWork, managerFor, NestedConnectionError } from '@pathway/database/unit-of-work';
import { CentralOrganisation } from '@pathway/journeys/central-organisation';
import { PathwayTemplatesService } from '@pathway/journeys/pathway-templates.service';

jest.setTimeout(30_000);

const limits = { poolSize: 2, acquireTimeoutMs: 1000, statementTimeoutMs: 5000, lockTimeoutMs: 1000, idleInTransactionTimeoutMs: 5000 };

/**
 * The rule that keeps a burst of transactions from deadlocking on the pool: inside a transaction,
 * nothing may take a second pool connection; shared helpers read through the caller's transaction.
 */
describe('unit of work (a guarded DataSource, pool of 2)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = guardTransactions(await new DataSource(dataSourceOptions(process.env.TEST_DATABASE_URL!, limits, ENTITIES)).initialize());
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('refuses a pool query, a repository read and a nested transaction inside a transaction, at once', async () => {
    await db.transaction(async (tx) => {
      expect(inUnitOfWork()).toBe(true);
      expect(managerFor(db)).toBe(tx);
      await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(NestedConnectionError);
      await expect(db.manager.query('SELECT 1')).rejects.toBeInstanceOf(NestedConnectionError);
      await expect(db.getRepository('organisations').count()).rejects.toBeInstanceOf(NestedConnectionError);
      await expect(db.transaction(async () => 1)).rejects.toBeInstanceOf(NestedConnectionError);
      // The transaction's own manager works throughout.
      expect(await tx.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
    expect(inUnitOfWork()).toBe(false);
    expect(managerFor(db)).toBe(db.manager);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('lets work a transaction left running use the pool once it has committed', async () => {
    let later: Promise<unknown> | undefined;
    await db.transaction(async () => {
      later = new Promise((r) => setTimeout(r, 50)).then(() => db.query('SELECT 2 AS two'));
    });
    expect(await later).toEqual([{ two: 2 }]);
  });

  it('fills the central-team and template caches through the transaction: 20 cold transactions on 2 connections all finish', async () => {
    const central = new CentralOrganisation(db);
    const templates = new PathwayTemplatesService(db);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          await tx.query('SELECT pg_sleep(0.02)');
          const [id, template] = await Promise.all([central.id(), templates.current()]);
          return { id, version: template.version };
        }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.every((r) => r.version >= 1)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('sets the statement, lock and idle-in-transaction timeouts on every connection', async () => {
    const [row] = await db.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(row).toEqual({ statement: '5s', lock: '1s', idle: '5s' });
  });
});
