import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { QueryLogger } from './query-logger';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** Pool size and the timeouts set on every connection (see EnvConfig's DATABASE_* variables). */
export interface DatabaseLimits {
  poolSize: number;
  /** Wait for a free pool connection (pg-pool `connectionTimeoutMillis`, which also bounds connecting). */
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /**
   * How long an idle pooled connection is kept (pg-pool `idleTimeoutMillis`; 0 keeps it). Unset:
   * pg's 10 s. The worker keeps its connections, so a burst of reminders never waits to connect.
   */
  idleTimeoutMs?: number;
}

/** The limits of the DATABASE_* variables of a validated config. */
export function databaseLimits(config: {
  DATABASE_POOL_SIZE: number;
  DATABASE_ACQUIRE_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_LOCK_TIMEOUT_MS: number;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
}): DatabaseLimits {
  return {
    poolSize: config.DATABASE_POOL_SIZE,
    acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/**
 * The one description of the database: migrations, never `synchronize`. The entities are the
 * apps' to give (`apps/entities.ts`): this lower layer knows no feature. With `limits`
 * (the processes), every connection carries its statement, lock and idle-in-transaction timeouts
 * as startup parameters and the pool bounds how long a query waits for a connection; without
 * (migrations), a migration may run as long as it needs.
 *
 * There is deliberately no data source for the TypeORM CLI: the schema is written by hand in
 * `migrations/` (foreign keys, checks, partial indexes), and the entities describe only what the
 * code reads and writes, so `migration:generate` would propose dropping constraints. See
 * docs/architecture.md, "One schema truth".
 */
export function dataSourceOptions(url: string, limits?: DatabaseLimits, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    logger: new QueryLogger(),
    extra: limits
      ? {
          max: limits.poolSize,
          connectionTimeoutMillis: limits.acquireTimeoutMs,
          statement_timeout: limits.statementTimeoutMs,
          lock_timeout: limits.lockTimeoutMs,
          idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
          application_name: 'pathway',
          ...(limits.idleTimeoutMs === undefined ? {} : { idleTimeoutMillis: limits.idleTimeoutMs }),
        }
      : { max: 4, application_name: 'pathway-migrate' },
  };
}
