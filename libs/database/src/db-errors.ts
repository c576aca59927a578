import { isStalePreparedStatement } from './prepared';
import { NestedConnectionError } from './unit-of-work';

/**
 * Why the database could not serve a request right now, or null when the error is of another
 * kind. These are conditions a retry can clear (Postgres down or restarting, the pool exhausted,
 * a lock or statement timeout, a deadlock), so the API answers 503 with Retry-After and a job is
 * retried, instead of a 500 or a hang.
 */
export function databaseUnavailable(err: unknown): string | null {
  if (!err || typeof err !== 'object' || err instanceof NestedConnectionError) return null;
  const e = err as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === '55P03') return 'a lock the request needs is held by another change (lock timeout)';
  if (code === '57014') return 'the database took too long to answer (statement timeout)';
  if (code === '25P03') return 'a transaction sat idle too long and was ended (idle-in-transaction timeout)';
  if (code === '40P01' || code === '40001') return 'the change collided with another one (deadlock or serialization failure)';
  if (isStalePreparedStatement({ code, message }))
    return 'the database schema changed under a kept statement, which is now prepared afresh';
  if (code === '53300' || code === '57P03') return 'the database is not accepting connections';
  if (code === '57P01' || code === '57P02' || code.startsWith('08')) return 'the database connection was lost';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'].includes(code))
    return 'the database cannot be reached';
  if (/timeout exceeded when trying to connect/i.test(message)) return 'no database connection came free in time (pool acquire timeout)';
  if (
    /Connection terminated|terminating connection|Client has encountered a connection error|Connection is not established/i.test(message)
  ) {
    return 'the database connection was lost';
  }
  return null;
}
