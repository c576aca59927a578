import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import IORedis from 'ioredis';
import type { EnvConfig } from '@pathway/platform/config/env';
import { dataDir } from './paths';

async function answers(url: string): Promise<boolean> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1500,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export const NO_REDIS_HELP = (url: string) =>
  `Redis is not answering at ${url}, and no redis-server program is installed to start one.\n` +
  'Install Redis and run `npm start` again:\n' +
  '  Debian/Ubuntu: sudo apt-get install redis-server\n' +
  '  macOS (Homebrew): brew install redis\n' +
  'or set REDIS_URL to a Redis you already run (for example REDIS_URL=redis://127.0.0.1:6379).';

/**
 * Makes sure Redis answers at `url`. If it does not, the URL is local, and a `redis-server`
 * binary is installed, starts one with its data under ./.data/redis (append-only file on,
 * noeviction, so queued jobs survive restarts and are never evicted). Otherwise explains how.
 */
export async function ensureLocalRedis(config: EnvConfig, log: (m: string) => void): Promise<{ stop: () => Promise<void> }> {
  const url = config.REDIS_URL;
  if (await answers(url)) return { stop: async () => undefined };
  const parsed = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname);
  const binary = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (!local || binary.error || binary.status !== 0) {
    throw Object.assign(new Error(NO_REDIS_HELP(url)), { friendly: true });
  }
  const dir = dataDir(config, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = parsed.port || '6379';
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      port,
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      log(`started redis-server on 127.0.0.1:${port}, data in ${dir}`);
      return {
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) {
              resolve();
              return;
            }
            child.once('exit', () => {
              resolve();
            });
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw Object.assign(new Error(`redis-server did not start on port ${port}`), { friendly: true });
}
