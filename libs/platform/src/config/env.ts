import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * Every environment variable the processes read, validated once at startup. A bad value stops the
 * process with a message naming the variable (see `loadConfig`).
 */
/** The product's scrypt cost of password hashes (log2 N): the setting's default and ceiling (see the setting). */
export const PRODUCT_SCRYPT_LOG2_N = 15;

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
  @IsUUID('all', {
    message:
      'NOTIFY_TEMPLATE_ID must be the id (a UUID) of a GOV.UK Notify email template with ((subject)) and ((body)); it is required when NOTIFY_API_KEY is set',
  })
  NOTIFY_TEMPLATE_ID?: string;

  /** The sender of every email: `name@example.gov.uk` or `Name <name@example.gov.uk>`. */
  @IsOptional()
  @Matches(/^([^<>\r\n]{1,200} <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'MAIL_FROM must be an email address, optionally as "Name <address>"',
  })
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
  @Matches(/^[A-Za-z0-9.,:/ _-]{1,200}$/, {
    message: 'TRUST_PROXY must be loopback, a hop count, or addresses/subnets separated by commas',
  })
  TRUST_PROXY: string = 'loopback';

  /**
   * The scrypt cost of password hashes, as log2 of N (r=8, p=1): 15 (~50-100 ms a hash), and lower
   * (10-14) only with NODE_ENV=test, where hundreds of sign-ins would otherwise spend a minute of
   * the suite's CPU on hashing. Not higher: a hash is checked at its own stored cost, and an unknown
   * email at this one, so with two costs in one database the time of a failed sign-in would tell
   * which emails have accounts. Raising it needs every password re-hashed first.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? PRODUCT_SCRYPT_LOG2_N : Number(value)))
  @IsInt()
  @Min(10)
  @Max(PRODUCT_SCRYPT_LOG2_N)
  PASSWORD_SCRYPT_LOG2_N: number = PRODUCT_SCRYPT_LOG2_N;

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

  /**
   * Connections in each process's Postgres pool. The worker's pool must exceed the jobs it runs at
   * once (REMINDER_JOB_CONCURRENCY + EMAIL_JOB_CONCURRENCY + 1 maintenance job), checked at start.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE: number = 10;

  /** How long (ms) a query waits for a free pool connection before failing (API: 503; job: retried). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(120_000)
  DATABASE_ACQUIRE_TIMEOUT_MS: number = 5000;

  /** Postgres `statement_timeout` (ms) on every connection: no statement runs longer. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 15_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 15_000;

  /** Postgres `lock_timeout` (ms): how long a statement waits for a row or table lock. At most the statement timeout. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  DATABASE_LOCK_TIMEOUT_MS: number = 5000;

  /** Postgres `idle_in_transaction_session_timeout` (ms): a transaction left idle this long is ended by the server. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: number = 30_000;

  /** Longest wait (ms) for Redis to take a job; past it the enqueue is given up (the reconciler repairs reminders). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt()
  @Min(50)
  @Max(60_000)
  ENQUEUE_TIMEOUT_MS: number = 1000;

  /** Reminder and escalation jobs the worker runs at once. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 6 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  REMINDER_JOB_CONCURRENCY: number = 6;

  /** Email jobs the worker runs at once. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  EMAIL_JOB_CONCURRENCY: number = 2;

  /** Seconds a reminder may sit due in `pending` before /health/ready reports the worker stuck. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 300 : Number(value)))
  @IsInt()
  @Min(5)
  @Max(86_400)
  HEALTH_OVERDUE_REMINDER_SECONDS: number = 300;

  /** Seconds since the worker's last heartbeat before /health/ready reports it missing. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(5)
  @Max(86_400)
  HEALTH_WORKER_HEARTBEAT_SECONDS: number = 60;

  /** Email retries: the first delay (seconds), doubled after each failed attempt up to EMAIL_RETRY_MAX_SECONDS. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  EMAIL_RETRY_BASE_SECONDS: number = 30;

  /** Email retries: the longest delay between two attempts (seconds). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 1800 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(6 * 3600)
  EMAIL_RETRY_MAX_SECONDS: number = 1800;

  /** Email retries: how long (hours) an email that the channel cannot take is retried before it is given up, logged at error and listed for admins. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 72 : Number(value)))
  @IsInt()
  @Min(72)
  @Max(24 * 30)
  EMAIL_RETRY_FOR_HOURS: number = 72;

  /** The longest one call to the email channel (SMTP or Notify) may take (seconds). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(300)
  EMAIL_SEND_TIMEOUT_SECONDS: number = 20;

  /** `npm start` only: the port of the embedded Postgres it runs when DATABASE_URL is unset. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 54329 : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT: number = 54329;

  /** `npm start` only: where the embedded Postgres and Redis keep their data (default `./.data` in the repository). */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[^\0\n\r]+$/, { message: 'PATHWAY_DATA_DIR must be a path on one line' })
  PATHWAY_DATA_DIR?: string;

  /** Days without any event or task change before a journey counts as stalled. */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3650)
  STALLED_AFTER_DAYS: number = 30;

  /** Where uploaded files are kept when no S3 bucket is configured (default `./.data/files` in the repository). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  FILE_STORAGE_DIR?: string;

  /** An S3-compatible bucket for uploaded files; when set, files go there (credentials: the AWS SDK's usual chain). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET?: string;

  /** The S3-compatible endpoint (for MinIO, Ceph and the like); leave unset for AWS. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]{2,30}$/, { message: 'S3_REGION must be a region name such as eu-west-2' })
  S3_REGION: string = 'eu-west-2';

  /** Path-style bucket addressing (most S3-compatible servers need it). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE: string = 'false';
}

export class ConfigError extends Error {}

/** Every setting's name: each property of EnvConfig carries validation decorators, so none is read unchecked. */
export function settingNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvConfig, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** Validates `env` (default: process.env); throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const picked: Record<string, string> = {};
  for (const key of settingNames()) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(EnvConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.PASSWORD_SCRYPT_LOG2_N < PRODUCT_SCRYPT_LOG2_N && config.NODE_ENV !== 'test') {
    throw new ConfigError(
      `Invalid configuration:\n  PASSWORD_SCRYPT_LOG2_N: below ${PRODUCT_SCRYPT_LOG2_N} only with NODE_ENV=test (it is ${config.NODE_ENV}): a cheaper hash is a weaker password store`,
    );
  }
  if (config.DATABASE_LOCK_TIMEOUT_MS > config.DATABASE_STATEMENT_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_LOCK_TIMEOUT_MS: must be at most DATABASE_STATEMENT_TIMEOUT_MS (${config.DATABASE_STATEMENT_TIMEOUT_MS}), or the statement timeout hides lock waits`,
    );
  }
  return config;
}

/** Jobs the worker runs at once across its queues (reminders, email, one maintenance job). */
export function workerConcurrency(config: EnvConfig): number {
  return config.REMINDER_JOB_CONCURRENCY + config.EMAIL_JOB_CONCURRENCY + 1;
}

/**
 * The worker's pool must exceed the jobs it runs at once, leaving a connection for the reconciler
 * and the heartbeat: otherwise a burst of jobs queues on the pool instead of running.
 */
export function checkWorkerPool(config: EnvConfig): void {
  const jobs = workerConcurrency(config);
  if (config.DATABASE_POOL_SIZE <= jobs) {
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_POOL_SIZE: the worker runs up to ${jobs} jobs at once ` +
        `(REMINDER_JOB_CONCURRENCY ${config.REMINDER_JOB_CONCURRENCY} + EMAIL_JOB_CONCURRENCY ${config.EMAIL_JOB_CONCURRENCY} + 1 maintenance), ` +
        `so its pool needs more than ${jobs} connections (it has ${config.DATABASE_POOL_SIZE})`,
    );
  }
}

/** Loads the config or stops the process with the message (for the processes' entry points). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, options: { worker?: boolean } = {}): EnvConfig {
  try {
    const config = loadConfig(env);
    if (options.worker) checkWorkerPool(config);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
