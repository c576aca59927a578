import { startTestApp, TestApp } from '../support/app';
import { freePort, RunningProcess, startRedis, waitFor } from './support/processes';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

/** GET /health: 200 when Postgres and Redis answer, 503 naming what is down otherwise. */
describe('health', () => {
  let port: number;
  let redis: RunningProcess | undefined;
  let t: TestApp | undefined;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });

  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('answers 200 with both up, 503 naming redis while Redis is down, and 200 again once it is back', async () => {
    // Right after start the request connection to Redis may still be connecting.
    const up = await waitFor(
      async () => {
        const res = await t!.http().get('/health');
        return res.status === 200 ? res : undefined;
      },
      5000,
      () => 'GET /health never answered 200 with Postgres and Redis up',
    );
    expect(up.body).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });

    await redis!.kill();
    const down = await waitFor(
      async () => {
        const res = await t!.http().get('/health');
        return res.status === 503 ? res : undefined;
      },
      5000,
      () => 'GET /health never answered 503 with Redis stopped',
    );
    expect(down.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      details: { postgres: { status: 'up' }, redis: { status: 'down', message: expect.any(String) } },
    });
    expect(down.body.error).not.toHaveProperty('postgres');

    redis = await startRedis(port);
    // ioredis reconnects with a growing back-off (at most 5 s between attempts).
    const back = await waitFor(
      async () => {
        const res = await t!.http().get('/health');
        return res.status === 200 ? res : undefined;
      },
      12_000,
      () => 'GET /health did not recover after Redis came back',
      250,
    );
    expect(back.body).toMatchObject({ status: 'ok' });
  }, 30_000);

  it('needs no token', async () => {
    const res = await t!.http().get('/health');
    expect(res.status).not.toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });
});
