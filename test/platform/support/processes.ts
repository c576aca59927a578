import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in test/platform/support). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * A built entry point under dist/. The e2e tests that run the real processes use the build that
 * `npm test` makes first; run `npm run build` before running them on their own.
 */
export function builtEntry(relative: string): string {
  const file = join(REPO_ROOT, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (\`npm test\` does)`);
  return file;
}

/**
 * A TCP port nobody listens on right now, from below the kernel's ephemeral range (32768-60999 on
 * Linux). Port 0 would hand out an ephemeral port, which the suite's own outgoing connections to
 * Postgres and Redis also draw from: one of them could hold it by the time a child process binds
 * it (seen once, an embedded Postgres that exited before it was ready). Tried at random, again if taken.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.unref();
      server.once('error', () => {
        done(false);
      });
      server.listen(port, '127.0.0.1', () =>
        server.close(() => {
          done(true);
        }),
      );
    });
    if (free) return port;
    if (attempt >= 50) throw new Error('no free TCP port found in 20000-31999 after 50 tries');
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or a rejection naming `describe()` after `timeoutMs` (the timer never outlives it). */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(describe()));
    }, timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Polls `check` until it returns a truthy value; throws `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  describe: () => string,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await sleep(everyMs);
  }
}

/** GET that never throws: the status, or 0 when nothing answers. */
export async function statusOf(url: string, timeoutMs = 2000): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  stdout: () => string;
  stderr: () => string;
  output: () => string;
  exited: Promise<Exit>;
  hasExited: () => boolean;
  /** Resolves with the exit, or rejects after `timeoutMs`. */
  waitForExit: (timeoutMs: number) => Promise<Exit>;
  /** SIGKILL if still running (cleanup). */
  kill: () => Promise<void>;
}

/** Environment for a child: the basics of this one, without anything that configures Pathway. */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'USER']) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Follows a spawned child: its output, its exit, and a SIGKILL for cleanup. */
function track(child: ChildProcess, name: string): RunningProcess {
  let out = '';
  let err = '';
  let done = false;
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<Exit>((resolveExit) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolveExit({ code, signal });
    });
    child.once('error', () => {
      done = true;
      resolveExit({ code: -1, signal: null });
    });
  });
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    output: () => `stdout:\n${out.slice(-4000)}\nstderr:\n${err.slice(-4000)}`,
    exited,
    hasExited: () => done,
    waitForExit: (timeoutMs: number) =>
      withTimeout(
        exited,
        timeoutMs,
        () => `${name} (pid ${child.pid}) still running after ${timeoutMs} ms\nstdout:\n${out.slice(-3000)}\nstderr:\n${err.slice(-3000)}`,
      ),
    kill: async () => {
      if (done) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `node <script>` with exactly `env`, collecting its output. */
export function runNode(script: string, env: NodeJS.ProcessEnv, options: { cwd?: string; nodePath?: string } = {}): RunningProcess {
  const child = spawn(options.nodePath ?? process.execPath, [script], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, `node ${script}`);
}

/**
 * Pids of the processes whose command line mentions `needle` (e.g. a test's data folder) or whose
 * working directory is inside it (redis-server rewrites its command line but runs in its --dir).
 */
export function pidsMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // another user's process, or gone
      }
      if (cmdline.includes(needle) || cwd === needle || cwd.startsWith(`${needle}/`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids.filter((p) => p !== process.pid);
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolveListening) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolveListening(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolveListening(false);
    });
    socket.once('error', () => {
      resolveListening(false);
    });
  });
}

/** Sends SIGKILL to each pid that is still alive; used only on processes a test started. */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** A throwaway redis-server on `port` (no persistence), started by a test and stopped by it. */
export async function startRedis(port: number): Promise<RunningProcess> {
  const redis = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    `redis-server on ${port}`,
  );
  await waitFor(
    () => redis.hasExited() || /Ready to accept connections/i.test(redis.stdout()),
    10_000,
    () => `redis-server on ${port}: ${redis.output()}`,
    20,
  );
  if (redis.hasExited()) throw new Error(`redis-server on ${port} exited: ${redis.output()}`);
  return redis;
}
