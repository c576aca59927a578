import { createHash } from 'node:crypto';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type EntityManager, type QueryRunner } from 'typeorm';

const names = new Map<string, string>();

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
 * `SELECT *`): a prepared statement whose result columns change under it (a migration dropping or
 * retyping one) fails until the connection is renewed. Postgres replans it itself after other
 * schema changes. Named statements need a session per connection (no transaction-mode pooler in front).
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
  try {
    return await client.query<T>({ name: nameOf(text), text, values });
  } catch (err) {
    em.connection.logger.logQueryError(err as Error, text, values, runner);
    throw new QueryFailedError(text, values, err as Error);
  }
}
