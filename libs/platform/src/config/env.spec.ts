import { checkWorkerPool, ConfigError, EnvConfig, loadConfig, settingNames } from './env';

const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
};

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(EnvConfig);
    expect(config).toMatchObject({ PORT: 3000, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'pathway', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.BOOTSTRAP_ADMIN_TOKEN).toBeUndefined();
  });

  it('reads good values, turning numbers into numbers', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/pathway',
      REDIS_URL: 'rediss://cache:6380',
      BOOTSTRAP_ADMIN_TOKEN: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u:p@db:5432/pathway',
      REDIS_URL: 'rediss://cache:6380',
      BOOTSTRAP_ADMIN_TOKEN: 'x'.repeat(32),
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', BOOTSTRAP_ADMIN_TOKEN: '' })).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      BOOTSTRAP_ADMIN_TOKEN: undefined,
    });
  });

  it.each(['abc', '0', '65536', '-1', '80.5', '3000abc'])('rejects PORT=%s naming PORT', (port) => {
    expect(failure({ PORT: port })).toMatch(/^\s+PORT: /m);
  });

  it('rejects a BOOTSTRAP_ADMIN_TOKEN shorter than 32 characters, naming it', () => {
    const message = failure({ BOOTSTRAP_ADMIN_TOKEN: 'x'.repeat(31) });
    expect(message).toMatch(/^\s+BOOTSTRAP_ADMIN_TOKEN: .*at least 32 characters/m);
    expect(message).not.toContain('x'.repeat(31)); // the message never echoes a secret
  });

  it.each(['http://localhost:6379', 'localhost:6379', 'redis:'])('rejects REDIS_URL=%s naming REDIS_URL', (url) => {
    expect(failure({ REDIS_URL: url })).toMatch(/^\s+REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/m);
  });

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(failure({ DATABASE_URL: 'mysql://db/pathway' })).toMatch(/^\s+DATABASE_URL: /m);
  });

  it('names every bad variable in one message, and nothing that is fine', () => {
    const message = failure({
      PORT: 'abc',
      REDIS_URL: 'nope',
      BOOTSTRAP_ADMIN_TOKEN: 'short',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'postgres://ok/db',
    });
    expect(message.split('\n')[0]).toBe('Invalid configuration:');
    for (const name of ['PORT', 'REDIS_URL', 'BOOTSTRAP_ADMIN_TOKEN', 'LOG_LEVEL'])
      expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    expect(message).not.toMatch(/^\s+DATABASE_URL: /m);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ SOMETHING_ELSE: 'x', PATH: '/usr/bin' })).not.toThrow();
  });

  it('gives a worker pool larger than the jobs it runs at once by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATABASE_POOL_SIZE: 10, REMINDER_JOB_CONCURRENCY: 6, EMAIL_JOB_CONCURRENCY: 2 });
    expect(() => checkWorkerPool(config)).not.toThrow();
  });

  it('refuses a worker whose pool does not exceed its job concurrency, naming DATABASE_POOL_SIZE and the sum', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '10', REMINDER_JOB_CONCURRENCY: '20' });
    expect(() => checkWorkerPool(config)).toThrow(ConfigError);
    expect(() => checkWorkerPool(config)).toThrow(
      /DATABASE_POOL_SIZE: the worker runs up to 23 jobs at once .* needs more than 23 connections \(it has 10\)/,
    );
    expect(() => checkWorkerPool(loadConfig({ DATABASE_POOL_SIZE: '24', REMINDER_JOB_CONCURRENCY: '20' }))).not.toThrow();
  });

  it.each([
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_ACQUIRE_TIMEOUT_MS', 'soon'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '10'],
    ['DATABASE_LOCK_TIMEOUT_MS', '-5'],
    ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', '1.5'],
    ['REMINDER_JOB_CONCURRENCY', '0'],
  ])('rejects %s=%s naming it', (name, value) => {
    expect(failure({ [name]: value })).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('hashes passwords at scrypt N=2^15, cheaper only under NODE_ENV=test, and never dearer than the stored hashes', () => {
    expect(loadConfig({}).PASSWORD_SCRYPT_LOG2_N).toBe(15);
    expect(loadConfig({ PASSWORD_SCRYPT_LOG2_N: '15', NODE_ENV: 'production' }).PASSWORD_SCRYPT_LOG2_N).toBe(15);
    expect(loadConfig({ PASSWORD_SCRYPT_LOG2_N: '10', NODE_ENV: 'test' }).PASSWORD_SCRYPT_LOG2_N).toBe(10);
    for (const NODE_ENV of ['production', 'development']) {
      expect(failure({ PASSWORD_SCRYPT_LOG2_N: '14', NODE_ENV })).toMatch(/^\s+PASSWORD_SCRYPT_LOG2_N: below 15 only with NODE_ENV=test/m);
    }
  });

  it('refuses a lock timeout longer than the statement timeout', () => {
    expect(failure({ DATABASE_LOCK_TIMEOUT_MS: '20000', DATABASE_STATEMENT_TIMEOUT_MS: '10000' })).toMatch(
      /DATABASE_LOCK_TIMEOUT_MS: must be at most DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });

  /**
   * One bad value per setting, each refused with a message naming it. A setting added to EnvConfig
   * without a case here fails the first test, so no setting goes unchecked.
   */
  const BAD_VALUES: Record<string, string[]> = {
    PORT: ['abc', '0', '65536'],
    DATABASE_URL: ['mysql://db/pathway', 'pathway'],
    REDIS_URL: ['http://localhost:6379'],
    REDIS_PREFIX: ['has space', 'x'.repeat(65)],
    BOOTSTRAP_ADMIN_TOKEN: ['short'],
    CENTRAL_TEAM_NAME: ['x', 'x'.repeat(201)],
    SESSION_SECRET: ['short'],
    SMTP_URL: ['mail.example:25'],
    NOTIFY_API_KEY: ['short'],
    NOTIFY_TEMPLATE_ID: ['not-a-uuid'],
    MAIL_FROM: ['not an address', 'Pathway <no-reply>'],
    PUBLIC_URL: ['ftp://example.test', 'example.test'],
    LOG_LEVEL: ['loud'],
    NODE_ENV: ['staging'],
    TRUST_PROXY: ['<script>'],
    REMINDER_HORIZON_SECONDS: ['abc', '5', '-1', String(8 * 24 * 3600)],
    PASSWORD_SCRYPT_LOG2_N: ['abc', '9', '14.5', '16'],
    RECONCILE_EVERY_SECONDS: ['abc', '0', '3601'],
    DATABASE_POOL_SIZE: ['abc', '-1', '0', '501'],
    DATABASE_ACQUIRE_TIMEOUT_MS: ['soon', '99'],
    DATABASE_STATEMENT_TIMEOUT_MS: ['10', 'x'],
    DATABASE_LOCK_TIMEOUT_MS: ['-5', '49'],
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ['1.5', '99'],
    ENQUEUE_TIMEOUT_MS: ['abc', '49', '60001'],
    REMINDER_JOB_CONCURRENCY: ['0', '201', 'many'],
    EMAIL_JOB_CONCURRENCY: ['0', '201'],
    HEALTH_OVERDUE_REMINDER_SECONDS: ['4', '86401'],
    HEALTH_WORKER_HEARTBEAT_SECONDS: ['4', 'x'],
    EMAIL_RETRY_BASE_SECONDS: ['0', '3601', 'soon'],
    EMAIL_RETRY_MAX_SECONDS: ['0', String(6 * 3600 + 1)],
    EMAIL_RETRY_FOR_HOURS: ['71', '721'],
    EMAIL_SEND_TIMEOUT_SECONDS: ['0', '301'],
    FILE_STORAGE_DIR: ['x'.repeat(501)],
    S3_BUCKET: ['Has_Capitals', 'a'],
    S3_ENDPOINT: ['s3.example.test'],
    S3_REGION: ['EU WEST'],
    S3_FORCE_PATH_STYLE: ['yes'],
    EMBEDDED_POSTGRES_PORT: ['abc', '80', '70000', '5432.5'],
    PATHWAY_DATA_DIR: ['a\nb', 'x'.repeat(1001)],
    STALLED_AFTER_DAYS: ['abc', '0', '3651'],
  };

  it('has a bad-value case for every setting EnvConfig declares', () => {
    expect(Object.keys(BAD_VALUES).sort()).toEqual(settingNames());
  });

  it.each(Object.entries(BAD_VALUES).flatMap(([name, values]) => values.map((value) => [name, value])))(
    'rejects %s=%j naming it (exit 78 at start)',
    (name, value) => {
      const env: NodeJS.ProcessEnv = { [name]: value };
      if (name === 'NOTIFY_TEMPLATE_ID') env.NOTIFY_API_KEY = 'k'.repeat(20);
      expect(failure(env)).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    },
  );
});
