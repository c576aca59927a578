import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

/**
 * Every environment variable the processes read, validated once at startup. A bad value stops the
 * process with a message naming the variable (see `loadConfig`).
 */
export class EnvConfig {
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** Postgres connection string. Unset: `npm start` runs an embedded Postgres. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this deployment writes (queues, sessions). Lets runs share a Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 letters, digits, _ or -' })
  REDIS_PREFIX: string = 'pathway';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BOOTSTRAP_ADMIN_TOKEN must be at least 32 characters' })
  BOOTSTRAP_ADMIN_TOKEN?: string;

  /** The name of the central team's organisation (policy moved from the Cabinet Office to DCMS). */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  CENTRAL_TEAM_NAME: string = 'Cabinet Office';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10)
  NOTIFY_API_KEY?: string;

  /** The GOV.UK Notify email template (required with NOTIFY_API_KEY): personalisation `subject` and `body`. */
  @ValidateIf((o: EnvConfig) => !!o.NOTIFY_API_KEY || o.NOTIFY_TEMPLATE_ID !== undefined)
  @IsUUID('all', { message: 'NOTIFY_TEMPLATE_ID must be the id (a UUID) of a GOV.UK Notify email template with ((subject)) and ((body)); it is required when NOTIFY_API_KEY is set' })
  NOTIFY_TEMPLATE_ID?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM: string = 'Pathway <no-reply@pathway.local>';

  /** The address people reach the service at, for links in emails and calendar feeds. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  /**
   * Which proxies to trust for the client address and HTTPS (Express's `trust proxy`): `loopback`
   * by default; behind a TLS-terminating proxy in another container, its address or subnet
   * (for example `10.0.0.0/8`) or a hop count such as `1`.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.,:/ _-]{1,200}$/, { message: 'TRUST_PROXY must be loopback, a hop count, or addresses/subnets separated by commas' })
  TRUST_PROXY: string = 'loopback';

  /** How far ahead (seconds) reminders are fed from Postgres into Redis. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 3600 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3600)
  REMINDER_HORIZON_SECONDS: number = 3600;

  /** How often (seconds) the worker reconciles Postgres's due reminders with Redis. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  RECONCILE_EVERY_SECONDS: number = 60;

  /** Days without any event or task change before a journey counts as stalled. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3650)
  STALLED_AFTER_DAYS: number = 30;
}

export class ConfigError extends Error {}

/** Validates `env` (default: process.env); throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const known = Object.keys(new EnvConfig());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'BOOTSTRAP_ADMIN_TOKEN', 'SESSION_SECRET', 'SMTP_URL', 'NOTIFY_API_KEY', 'NOTIFY_TEMPLATE_ID', 'PUBLIC_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(EnvConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** Loads the config or stops the process with the message (for the processes' entry points). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
