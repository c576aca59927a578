import type { EnvConfig } from './env';

/** The production processes need DATABASE_URL; only `npm start` falls back to an embedded Postgres. */
export function requireDatabaseUrl(config: EnvConfig, script: string): string {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  process.stderr.write(
    `Invalid configuration:\n  DATABASE_URL: required by \`npm run ${script}\` (for example postgres://user:pass@host:5432/pathway); ` +
      '`npm start` runs an embedded Postgres when it is unset\n',
  );
  process.exit(78);
}
