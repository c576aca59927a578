/**
 * The rows of a raw `EntityManager.query()`. On Postgres, TypeORM returns `[rows, rowCount]` for
 * UPDATE and DELETE (so `UPDATE ... RETURNING` does not give the rows directly) and the rows for
 * everything else; this gives the rows either way.
 */
export function queryRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
