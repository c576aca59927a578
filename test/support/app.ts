import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { EnvConfig, loadConfig } from '@pathway/platform/config/env';
import { CENTRAL_TEAM_NAME, TEST_ADMIN_TOKEN, TEST_REDIS_URL, TEST_SCRYPT_LOG2_N } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  worker?: INestApplicationContext;
  config: EnvConfig;
  /** supertest bound to the running server */
  http: () => ReturnType<typeof request>;
  baseUrl: string;
  databaseUrl: string;
  close: () => Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): EnvConfig {
  return loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: process.env.TEST_REDIS_PREFIX ?? 'pathway-test',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-session-secret-0123456789abcdef-0123',
    // The API applies both at start (as `npm run migrate` does): the run's admin token and central team.
    BOOTSTRAP_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    CENTRAL_TEAM_NAME,
    PASSWORD_SCRYPT_LOG2_N: String(TEST_SCRYPT_LOG2_N),
    ...overrides,
  });
}

/** The real API (and optionally the real worker) on the run's database and Redis prefix, on a free port. */
export async function startTestApp(
  options: { worker?: boolean; env?: Record<string, string>; databaseUrl?: string } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  const config = testConfig(options.env);
  const worker = options.worker ? await createWorker(config, databaseUrl) : undefined;
  const app = await createApi(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    worker,
    config,
    baseUrl,
    databaseUrl,
    http: () => request(baseUrl),
    close: async () => {
      await app.close();
      await worker?.close();
    },
  };
}

export const adminAuth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
