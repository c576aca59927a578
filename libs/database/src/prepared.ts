import { createHash } from 'node:crypto';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type EntityManager, type QueryRunner } from 'typeorm';

const names = new Map<string, string>();

/**
 * Statements a connection may no longer run under their usual name: Postgres refuses a kept
 * statement whose result columns changed type under it (a migration retyping a column, 0A000
 * "cached plan must not change result type"), and the name stays taken on that connection until
 * it closes, so the statement is prepared again there under a fresh name.
 */
const renamed = new WeakMap<PoolClient, Map<string, string>>();
let renames = 0;

/** Postgres's refusal of a kept statement whose result types changed (a column retyped since it was prepared). */
export function isStalePreparedStatement(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && /cached plan must not change result type/.test(e.message);
}

/** One name per statement text: a hash of it, so two texts never share a name on a connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `pathway_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one statement as a named prepared statement (pg's `{ name, text, values }`): the first
 * time on each pooled connection Postgres parses and plans it and keeps it; every later run sends
 * only the values, so the hot statements of every request (the bearer token's check, the journey
 * locked for an event, the event's write) are not parsed and planned again each time.
 *
 * It runs where `em` runs: inside a transaction (`em` its EntityManager) on that transaction's
 * connection; otherwise on a pooled connection taken for it and given back, as `em.query` does
 * (so the unit-of-work guard still refuses a second connection inside a transaction). A failure
 * is logged and thrown as TypeORM's QueryFailedError, as from `em.query`, so the error filter and
 * db-errors read it the same.
 *
 * Keep to statements whose text is fixed (a handful per process) and whose columns are named (no
 * `SELECT *`, so a column added does not change them). Postgres replans a kept statement itself
 * after other schema changes. A statement whose result columns were retyped under it (0A000) is prepared again
 * under a fresh name on that connection: at once outside a transaction, and on the retry (503) of
 * a request whose transaction it aborted. Named statements need a session per connection (no
 * transaction-mode pooler in front).
 */
export async function preparedQuery<T extends QueryResultRow>(em: EntityManager, text: string, values: unknown[]): Promise<QueryResult<T>> {
  if (em.queryRunner) return run<T>(em, em.queryRunner, text, values);
  const runner = em.connection.createQueryRunner();
  try {
    return await run<T>(em, runner, text, values);
  } finally {
    await runner.release();
  }
}

async function run<T extends QueryResultRow>(
  em: EntityManager,
  runner: QueryRunner,
  text: string,
  values: unknown[],
): Promise<QueryResult<T>> {
  // A finished transaction's runner still holds the client it gave back: never run on it.
  if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
  // The transaction's pg client (TypeORM's PostgresQueryRunner#connect gives it, connecting on first use).
  const client = (await runner.connect()) as PoolClient;
  const named = () => ({ name: renamed.get(client)?.get(text) ?? nameOf(text), text, values });
  try {
    return await client.query<T>(named());
  } catch (err) {
    if (isStalePreparedStatement(err)) {
      // Prepared again under a fresh name on this connection. Outside a transaction that is done at
      // once and the caller never knows; inside one the transaction is already aborted, so the
      // request fails as the database being briefly unavailable (503, try again) and the retry works.
      const own = renamed.get(client) ?? new Map<string, string>();
      own.set(text, `${nameOf(text)}_${++renames}`);
      renamed.set(client, own);
      if (!runner.isTransactionActive) {
        try {
          return await client.query<T>(named());
        } catch (again) {
          em.connection.logger.logQueryError(again as Error, text, values, runner);
          throw new QueryFailedError(text, values, again as Error);
        }
      }
    }
    em.connection.logger.logQueryError(err as Error, text, values, runner);
    throw new QueryFailedError(text, values, err as Error);
  }
}
