import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_DATABASE_URL_OR_THROW } from './support/test-db';
import {
  baseEnv,
  builtEntry,
  freePort,
  killPids,
  listening,
  pidsMentioning,
  RunningProcess,
  runNode,
  statusOf,
  waitFor,
} from './support/processes';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

/**
 * `npm start` with nothing configured: the built launcher starts an embedded Postgres and its own
 * redis-server under PATHWAY_DATA_DIR, serves, stops cleanly on SIGTERM, and keeps the data.
 */
describe('npm start (the embedded default)', () => {
  const BOOTSTRAP = 'embedded-test-bootstrap-token-0123456789abcdef';
  let dataDir: string;
  let ports: { http: number; pg: number; redis: number };
  const started: RunningProcess[] = [];

  beforeAll(async () => {
    // Under /tmp with mode 0755: as root the cluster runs as the `postgres` user, which must be
    // able to traverse the parents of its data folder.
    dataDir = mkdtempSync('/tmp/pathway-embedded-');
    chmodSync(dataDir, 0o755);
    ports = { http: await freePort(), pg: await freePort(), redis: await freePort() };
  });

  afterAll(async () => {
    for (const p of started) await p.kill();
    // Anything still running on the test's data folder was started by the launcher under test.
    killPids(pidsMentioning(dataDir));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const launch = () => {
    const p = runNode(
      builtEntry('apps/start/src/main.js'),
      baseEnv({
        PATHWAY_DATA_DIR: dataDir,
        PORT: String(ports.http),
        EMBEDDED_POSTGRES_PORT: String(ports.pg),
        REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
        BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP,
        LOG_LEVEL: 'warn',
      }),
    );
    started.push(p);
    return p;
  };
  const base = () => `http://127.0.0.1:${ports.http}`;
  const healthy = async (p: RunningProcess, timeoutMs: number) =>
    waitFor(
      async () => {
        if (p.hasExited()) throw new Error(`the launcher exited before it was healthy\n${p.output()}`);
        return (await statusOf(`${base()}/health`)) === 200;
      },
      timeoutMs,
      () => `GET /health never answered 200\n${p.output()}`,
      200,
    );
  const stopAndCheckChildren = async (p: RunningProcess) => {
    p.child.kill('SIGTERM');
    const exit = await p.waitForExit(20_000);
    expect({ exit, output: exit.code === 0 ? '' : p.output() }).toEqual({ exit: { code: 0, signal: null }, output: '' });
    // The embedded Postgres and redis-server it started are gone, and nothing answers their ports.
    await waitFor(
      () => pidsMentioning(dataDir).length === 0,
      5000,
      () => `still running: ${pidsMentioning(dataDir).join(', ')}`,
    );
    expect({ http: await listening(ports.http), postgres: await listening(ports.pg), redis: await listening(ports.redis) }).toEqual({
      http: false,
      postgres: false,
      redis: false,
    });
  };

  it('serves a healthy service, stops cleanly on SIGTERM, and keeps its data across restarts', async () => {
    const first = launch();
    await healthy(first, 45_000);
    expect(first.stdout()).toContain('started redis-server');
    // The first five minutes: a one-time link for the first administrator to set a password, before the ready line.
    await waitFor(
      () => /Pathway is ready at/.test(first.stdout()),
      10_000,
      () => first.output(),
    );
    const link = /(http:\/\/localhost:\d+\/account\/set-password\?token=[A-Za-z0-9_-]+)/.exec(first.stdout())?.[1];
    expect(link).toBeDefined();
    expect(first.stdout().indexOf(link!)).toBeLessThan(first.stdout().indexOf('Pathway is ready at'));
    const setPassword = await fetch(link!.replace('localhost', '127.0.0.1'));
    expect(setPassword.status).toBe(200);
    expect(await setPassword.text()).toContain('bootstrap-admin@pathway.invalid');
    // Its own Postgres and redis-server, on the ports it was given, running on the test's data folder.
    expect({ postgres: await listening(ports.pg), redis: await listening(ports.redis) }).toEqual({ postgres: true, redis: true });
    expect(pidsMentioning(dataDir).length).toBeGreaterThanOrEqual(2);

    const created = await fetch(`${base()}/api/organisations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${BOOTSTRAP}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Kept Across Restarts CIC', kind: 'mutual' }),
    });
    expect(created.status).toBe(201);
    const org = (await created.json()) as { id: string };
    await stopAndCheckChildren(first);

    const second = launch();
    await healthy(second, 30_000);
    const listed = await fetch(`${base()}/api/organisations`, { headers: { Authorization: `Bearer ${BOOTSTRAP}` } });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { items: Array<{ id: string; name: string }> };
    expect(body.items).toContainEqual(expect.objectContaining({ id: org.id, name: 'Kept Across Restarts CIC' }));
    await stopAndCheckChildren(second);
  }, 90_000);

  it('exits non-zero saying how to get Redis when none answers and no redis-server is installed', async () => {
    // A PATH holding node and nothing else, so no redis-server can be found.
    const bin = join(dataDir, 'bin-without-redis');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const p = runNode(
      builtEntry('apps/start/src/main.js'),
      baseEnv({
        PATH: bin,
        DATABASE_URL: TEST_DATABASE_URL_OR_THROW(),
        REDIS_URL: redisUrl,
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      }),
    );
    started.push(p);
    const exit = await p.waitForExit(20_000);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(p.stderr()).toContain(`Redis is not answering at ${redisUrl}`);
    expect(p.stderr()).toContain('apt-get install redis-server');
    expect(p.stderr()).toContain('REDIS_URL');
    expect(p.stderr()).not.toMatch(/^\s+at /m); // a message for people, not a stack trace
  }, 30_000);

  it("exits non-zero with Postgres's own reason when the embedded Postgres cannot start (its port taken)", async () => {
    // The first test's cluster is initialised in dataDir; something else now holds its port.
    const squatter = createServer();
    await new Promise<void>((ok) =>
      squatter.listen(ports.pg, '127.0.0.1', () => {
        ok();
      }),
    );
    try {
      const p = launch();
      const exit = await p.waitForExit(30_000);
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      expect(p.stderr()).toContain(`embedded Postgres on 127.0.0.1:${ports.pg} did not start`);
      expect(p.stderr()).toMatch(/could not bind|Address already in use/);
      expect(p.stderr()).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((ok) => squatter.close(ok));
    }
  }, 40_000);
});
