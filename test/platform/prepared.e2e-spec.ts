import { DataSource, QueryFailedError } from 'typeorm';
import { ENTITIES } from '../../apps/entities';
import { dataSourceOptions } from '@pathway/database/data-source';
import { preparedQuery } from '@pathway/database/prepared';
import { guardTransactions, NestedConnectionError } from '@pathway/database/unit-of-work';
import { databaseUnavailable } from '@pathway/database/db-errors';

jest.setTimeout(30_000);

const limits = { poolSize: 2, acquireTimeoutMs: 1000, statementTimeoutMs: 5000, lockTimeoutMs: 300, idleInTransactionTimeoutMs: 5000 };

/** Named prepared statements (libs/database/src/prepared.ts) run where TypeORM's own queries would. */
describe('preparedQuery', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = guardTransactions(await new DataSource(dataSourceOptions(process.env.TEST_DATABASE_URL!, limits, ENTITIES)).initialize());
    await db.query(`CREATE TABLE IF NOT EXISTS prepared_probe (id int PRIMARY KEY, note text NOT NULL)`);
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS prepared_probe`);
    await db.destroy();
  });

  it('is parsed once per connection: the statement stays prepared on it and runs again with new values', async () => {
    const text = `SELECT $1::int + 1 AS n`;
    await db.transaction(async (tx) => {
      expect((await preparedQuery<{ n: number }>(tx, text, [1])).rows).toEqual([{ n: 2 }]);
      expect((await preparedQuery<{ n: number }>(tx, text, [41])).rows).toEqual([{ n: 42 }]);
      const prepared: Array<{ statement: string }> = await tx.query(
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'pathway\\_%'`,
      );
      expect(prepared.map((p) => p.statement)).toContain(text);
    });
  });

  it("runs inside the caller's transaction: it sees the transaction's writes, and they go with its rollback", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO prepared_probe (id, note) VALUES (1, 'uncommitted')`);
        const { rows } = await preparedQuery<{ note: string }>(tx, `SELECT note FROM prepared_probe WHERE id = $1`, [1]);
        expect(rows).toEqual([{ note: 'uncommitted' }]);
        await preparedQuery(tx, `UPDATE prepared_probe SET note = $2 WHERE id = $1`, [1, 'changed']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await preparedQuery(db.manager, `SELECT note FROM prepared_probe WHERE id = $1`, [1])).rows).toEqual([]);
  });

  it('holds row locks like any statement of the transaction (another connection waits for them)', async () => {
    await db.query(`INSERT INTO prepared_probe (id, note) VALUES (2, 'lock me') ON CONFLICT DO NOTHING`);
    await db.transaction(async (tx) => {
      await preparedQuery(tx, `SELECT id FROM prepared_probe WHERE id = $1 FOR UPDATE`, [2]);
      // Outside this transaction a second lock waits, then times out (lock_timeout 300 ms): a 503 condition.
      const other = new DataSource(dataSourceOptions(process.env.TEST_DATABASE_URL!, limits, ENTITIES));
      await other.initialize();
      try {
        const err: unknown = await other
          .transaction((o) => preparedQuery(o, `SELECT id FROM prepared_probe WHERE id = $1 FOR UPDATE`, [2]))
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(QueryFailedError);
        expect(databaseUnavailable(err)).toMatch(/lock timeout/);
      } finally {
        await other.destroy();
      }
    });
  });

  it('fails as TypeORM would: a QueryFailedError carrying the Postgres code', async () => {
    const err: unknown = await preparedQuery(db.manager, `SELECT $1::uuid AS id`, ['not a uuid']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as { code?: string }).code).toBe('22P02');
  });

  it('outside a transaction uses a pooled connection and gives it back; inside one, refuses the pool (unit of work)', async () => {
    // Pool of 2: more runs than connections all finish only if each gives its connection back.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => preparedQuery<{ n: number }>(db.manager, `SELECT $1::int AS n`, [i])),
    );
    expect(results.map((r) => r.rows[0].n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await db.transaction(async () => {
      await expect(preparedQuery(db.manager, `SELECT 1 AS one`, [])).rejects.toBeInstanceOf(NestedConnectionError);
    });
  });

  it('survives a column retyped under it (0A000): prepared afresh at once outside a transaction, on the retry inside one', async () => {
    await db.query(`INSERT INTO prepared_probe (id, note) VALUES (7, 'seven') ON CONFLICT (id) DO NOTHING`);
    const text = `SELECT id, note FROM prepared_probe WHERE id = $1`;
    // Warm the statement on both pooled connections.
    await Promise.all([0, 1].map(() => db.transaction((tx) => preparedQuery(tx, text, [7]))));
    await db.query(`ALTER TABLE prepared_probe ALTER COLUMN note TYPE varchar(300)`);
    // Inside a transaction the refusal aborts it: the caller sees a transient error (503, try again),
    // at most once per warm connection, and the retries work.
    const outcomes: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await db
          .transaction((tx) => preparedQuery<{ note: string }>(tx, text, [7]))
          .then(
            (r) => r.rows,
            (err: unknown) => err,
          ),
      );
    }
    const failures = outcomes.filter((o) => o instanceof QueryFailedError);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBeLessThanOrEqual(2);
    for (const f of failures) expect(databaseUnavailable(f)).toMatch(/schema changed/);
    expect(outcomes.slice(-2)).toEqual([[{ id: 7, note: 'seven' }], [{ id: 7, note: 'seven' }]]);
    await db.query(`ALTER TABLE prepared_probe ALTER COLUMN note TYPE text`);
    // Outside a transaction it is prepared again at once: the caller never sees it.
    for (let i = 0; i < 4; i++)
      expect((await preparedQuery<{ note: string }>(db.manager, text, [7])).rows).toEqual([{ id: 7, note: 'seven' }]);
  });
});
