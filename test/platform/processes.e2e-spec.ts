import { randomUUID } from 'node:crypto';
import { CENTRAL_TEAM_NAME, TEST_ADMIN_TOKEN, TEST_REDIS_URL } from '../support/test-env';
import { TEST_DATABASE_URL_OR_THROW } from './support/test-db';
import { baseEnv, builtEntry, freePort, RunningProcess, runNode, statusOf, waitFor } from './support/processes';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

/**
 * The production processes (`npm run start:api`, `npm run start:worker`) as built: configuration
 * checked before anything starts, structured logs without secrets, and a clean exit on SIGTERM.
 */
describe('the production processes', () => {
  const started: RunningProcess[] = [];
  afterAll(async () => {
    for (const p of started) await p.kill();
  });
  const run = (entry: string, env: Record<string, string | undefined>) => {
    const p = runNode(builtEntry(entry), baseEnv(env));
    started.push(p);
    return p;
  };
  const prefix = () => `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-processes`;

  describe('configuration', () => {
    it('stops the API with exit code 78 and a message naming PORT when PORT is not a number', async () => {
      const p = run('apps/api/src/main.js', { PORT: 'abc', DATABASE_URL: TEST_DATABASE_URL_OR_THROW(), REDIS_URL: TEST_REDIS_URL });
      const exit = await p.waitForExit(15_000);
      expect(exit.code).toBe(78);
      expect(p.stderr()).toContain('Invalid configuration');
      expect(p.stderr()).toMatch(/^\s+PORT: /m);
      expect(p.stderr()).not.toMatch(/^\s+at /m);
    });

    it('stops the API with exit code 78 naming DATABASE_URL when it is missing', async () => {
      const p = run('apps/api/src/main.js', { PORT: String(await freePort()), REDIS_URL: TEST_REDIS_URL });
      const exit = await p.waitForExit(15_000);
      expect(exit.code).toBe(78);
      expect(p.stderr()).toMatch(/^\s+DATABASE_URL: /m);
    });

    it('names every bad variable at once', async () => {
      const p = run('apps/worker/src/main.js', { REDIS_URL: 'http://nope', BOOTSTRAP_ADMIN_TOKEN: 'short', DATABASE_URL: 'mysql://x' });
      const exit = await p.waitForExit(15_000);
      expect(exit.code).toBe(78);
      for (const name of ['REDIS_URL', 'BOOTSTRAP_ADMIN_TOKEN', 'DATABASE_URL'])
        expect(p.stderr()).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    });
  });

  it('runs the API with JSON logs carrying the request id and no secrets, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const p = run('apps/api/src/main.js', {
      PORT: String(port),
      DATABASE_URL: TEST_DATABASE_URL_OR_THROW(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix(),
      LOG_LEVEL: 'info',
      // The API applies the bootstrap token at start: the run's own, so the shared database keeps it.
      BOOTSTRAP_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      CENTRAL_TEAM_NAME,
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (p.hasExited()) throw new Error(`the API exited\n${p.output()}`);
        return (await statusOf(`${base}/health`)) === 200;
      },
      20_000,
      () => `the API never became healthy\n${p.output()}`,
      150,
    );
    const secretToken = 'pwt_this-token-must-never-reach-a-log-line-000';
    const secretPassword = 'correct horse battery staple, never logged';
    const res = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secretToken}`, 'Content-Type': 'application/json', 'x-request-id': 'logged-request-42' },
      body: JSON.stringify({
        email: 'x@example.test',
        name: 'X',
        organisationId: '7d3c1a2e-0000-4000-8000-000000000000',
        role: 'mutual_lead',
        password: secretPassword,
      }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('logged-request-42');

    // A NUL character: refused with a 400, and the value is never written to the logs.
    const marker = `marker-${randomUUID()}`;
    const refused = await fetch(`${base}/api/organisations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json', 'x-request-id': 'logged-request-43' },
      body: JSON.stringify({ name: `${marker}\u0000`, kind: 'mutual' }),
    });
    expect(refused.status).toBe(400);

    // The NUL is refused by the request guard before any query (issue 15), so only 42 is awaited
    // here; a request the guard refuses is not yet in the request log (known gap, see the closing note).
    await waitFor(
      () => p.stdout().includes('logged-request-42'),
      5000,
      () => `no log line with the request id\n${p.output()}`,
    );
    const lines = (p.stdout() + p.stderr()).split('\n').filter((l) => l.trim());
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`log line is not JSON: ${l}`);
      }
    });
    const requestLine = parsed.find((l) => JSON.stringify(l).includes('logged-request-42'));
    expect(requestLine).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    const all = p.stdout() + p.stderr();
    expect(all).not.toContain(secretToken);
    expect(all).not.toContain(secretPassword);
    expect(all).not.toContain(TEST_ADMIN_TOKEN);
    expect(all).not.toContain(marker);

    p.child.kill('SIGTERM');
    const exit = await p.waitForExit(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 40_000);

  it('runs the worker, which exits 0 promptly on SIGTERM', async () => {
    const p = run('apps/worker/src/main.js', {
      DATABASE_URL: TEST_DATABASE_URL_OR_THROW(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix(),
      LOG_LEVEL: 'info',
    });
    await waitFor(
      () => {
        if (p.hasExited()) throw new Error(`the worker exited\n${p.output()}`);
        return p.stdout().includes('worker consuming');
      },
      20_000,
      () => `the worker never said it was consuming\n${p.output()}`,
    );
    const stoppedAt = Date.now();
    p.child.kill('SIGTERM');
    const exit = await p.waitForExit(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  }, 40_000);
});
