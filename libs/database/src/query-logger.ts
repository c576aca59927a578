import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own logger prints failed queries as plain text with their parameters, which hold
 * password hashes, calendar keys and whatever a client sent. This one writes one JSON line per
 * failed query (pino's shape, level 50) with the SQL text only, never the parameters.
 */
export class QueryLogger implements TypeOrmLogger {
  private write(level: number, msg: string, fields: Record<string, unknown>): void {
    process.stderr.write(`${JSON.stringify({ level, time: Date.now(), context: 'TypeORM', msg, ...fields })}\n`);
  }

  logQueryError(error: string | Error, query: string): void {
    const err = typeof error === 'string' ? { message: error } : { message: error.message, code: (error as { code?: string }).code };
    this.write(50, 'query failed', { err, query: query.replace(/\s+/g, ' ').slice(0, 500) });
  }

  logQuerySlow(time: number, query: string): void {
    this.write(40, 'slow query', { ms: time, query: query.replace(/\s+/g, ' ').slice(0, 500) });
  }

  logQuery(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  // TypeORM's other messages (e.g. that it could not install uuid-ossp, which migrations do not use) are noise.
  log(): void {}
}
