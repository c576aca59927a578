import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Arbitrary constant: the advisory lock every process takes before migrating. */
const MIGRATION_LOCK_ID = 7_261_001;

export interface MigrateOptions {
  /** Run after the migrations, under the same lock (the apps' seeding: bootstrap admin, shipped templates). */
  afterMigrate?: Array<(db: DataSource) => Promise<void>>;
  log?: (message: string) => void;
}

/**
 * Applies pending migrations, then the caller's `afterMigrate` steps, under a Postgres advisory lock so two
 * processes starting together neither race nor fail: the second waits, then finds nothing to do.
 */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const db = new DataSource(dataSourceOptions(url));
  await db.initialize();
  const runner = db.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const applied = await db.runMigrations({ transaction: 'each' });
      for (const m of applied) options.log?.(`migration applied: ${m.name}`);
      for (const step of options.afterMigrate ?? []) await step(db);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
    await db.destroy();
  }
}
