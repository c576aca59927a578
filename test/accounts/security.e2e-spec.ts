import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { migrateProduct as migrate } from '../../apps/migrate-product';
import { adminAuth, startTestApp, type TestApp } from '../support/app';
import { createActor, createCast, createOrganisation, type Actor } from '../support/fixtures';
import { Client } from 'pg';
import { ADMIN_PG_URL, databaseUrlFor } from '../support/test-env';
import { count, sql } from '../platform/support/test-db';
import { submittedJourney } from '../right-to-provide/support';
import { createJourney } from '../support/journeys';
import { Limits } from '@pathway/identity/limits';
import { attemptSignIn, csrfTokenOf, PASSWORD, signedInAgent, suitePrefix } from './support';

// Password hashing is slow on purpose, and several suites start servers.
jest.setTimeout(120_000);

const patch = (t: TestApp, id: string, body: Record<string, unknown>, auth = adminAuth) =>
  t.http().patch(`/api/users/${id}`).set(auth).send(body);

describe('accounts: a deactivated user can do nothing from that moment', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof createCast>>;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('deactivate') } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends their API tokens, web sessions and calendar feed at once, and keeps them ended on reactivation', async () => {
    const leaver = await createActor(t, cast.orgs.mutual.id, 'mutual_member', { password: PASSWORD, name: 'Lee Leaver' });
    const web = await signedInAgent(t, leaver.email);
    const web2 = await signedInAgent(t, leaver.email);
    await web.get('/').expect(200);
    await t.http().get('/api/me').set(leaver.auth).expect(200);
    const feed = new URL((await t.http().get('/api/me/calendar').set(leaver.auth).expect(200)).body.url).pathname;
    await t.http().get(feed).expect(200);

    const res = await patch(t, leaver.id, { active: false }).expect(200);
    expect(res.body).toMatchObject({ id: leaver.id, active: false });

    await t.http().get('/api/me').set(leaver.auth).expect(401);
    // The next request of each session: sent to sign in, and the session is gone from Redis.
    for (const agent of [web, web2]) await agent.get('/').expect(302).expect('location', '/sign-in');
    await t.http().get(feed).expect(404);
    // Nor can they sign in again.
    expect(await attemptSignIn(t, leaver.email, PASSWORD)).toBe(400);

    // Reactivated: they can sign in again, but old tokens and the old feed address stay dead.
    await patch(t, leaver.id, { active: true }).expect(200);
    await t.http().get('/api/me').set(leaver.auth).expect(401);
    await t.http().get(feed).expect(404);
    await web.get('/').expect(302);
    const again = await signedInAgent(t, leaver.email);
    await again.get('/').expect(200);

    const events = await t.http().get(`/api/account-events?userId=${leaver.id}`).set(adminAuth).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user_deactivated', 'user_reactivated', 'token_issued', 'user_created']),
    );
    const deactivated = events.body.items.find((e: { action: string }) => e.action === 'user_deactivated');
    expect(deactivated).toMatchObject({ actorUserId: expect.any(String), data: { tokensRevoked: 1 } });
  });

  it('ends the sessions even in another API process', async () => {
    const leaver = await createActor(t, cast.orgs.mutual.id, 'mutual_member', { password: PASSWORD });
    const other = await startTestApp({ env: { REDIS_PREFIX: t.config.REDIS_PREFIX } });
    try {
      const agent = await signedInAgent(other, leaver.email);
      await agent.get('/').expect(200);
      const redis = new (await import('ioredis')).default(t.config.REDIS_URL);
      try {
        const index = `${t.config.REDIS_PREFIX}:user-sessions:${leaver.id}`;
        const [sid] = await redis.smembers(index);
        expect(await redis.exists(`${t.config.REDIS_PREFIX}:sess:${sid}`)).toBe(1);
        // Deactivated through the first process: the session made by the second is deleted from Redis.
        await patch(t, leaver.id, { active: false }).expect(200);
        expect(await redis.exists(`${t.config.REDIS_PREFIX}:sess:${sid}`)).toBe(0);
      } finally {
        redis.disconnect();
      }
      await agent.get('/').expect(302).expect('location', '/sign-in');
    } finally {
      await other.close();
    }
  });

  it('sends them no notifications (nor email) while the rest of their organisation gets them', async () => {
    const leaver = await createActor(t, cast.orgs.parentBody.id, 'parent_body_officer');
    await patch(t, leaver.id, { active: false }).expect(200);
    const journey = await submittedJourney(t, cast);
    expect(
      await count(`SELECT count(*) FROM notifications WHERE journey_id = $1 AND user_id = $2`, [journey.id, cast.users.officer.id]),
    ).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) FROM notifications WHERE journey_id = $1 AND user_id = $2`, [journey.id, leaver.id])).toBe(0);
  });

  it('refuses a token for a deactivated user, and deactivating yourself or the last administrator', async () => {
    const leaver = await createActor(t, cast.orgs.mutual.id, 'mutual_member');
    await patch(t, leaver.id, { active: false }).expect(200);
    await t.http().post(`/api/users/${leaver.id}/tokens`).set(adminAuth).send({}).expect(409);
    const [{ id: bootstrapId }] = await sql<{ id: string }>(
      `SELECT u.id FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.bootstrap AND t.revoked_at IS NULL`,
    );
    const self = await patch(t, bootstrapId, { active: false }).expect(409);
    expect(self.body.message).toMatch(/your own account/);
  });

  it('changes name and role (role must fit the organisation), 400 naming the field, 403 for others, 404 for nobody', async () => {
    const user = await createActor(t, cast.orgs.mutual.id, 'mutual_member');
    const ok = await patch(t, user.id, { role: 'mutual_lead', name: 'Promoted Person' }).expect(200);
    expect(ok.body).toMatchObject({ role: 'mutual_lead', name: 'Promoted Person' });
    const wrongKind = await patch(t, user.id, { role: 'parent_body_officer' }).expect(400);
    expect(wrongKind.body.message).toEqual([
      expect.stringMatching(/role parent_body_officer belongs to an organisation of kind parent_body/),
    ]);
    const bad = await patch(t, user.id, { active: 'no', role: 'king' }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^active/), expect.stringMatching(/^role/)]));
    await patch(t, user.id, { role: 'mutual_member' }, cast.users.staff.auth).expect(403);
    await patch(t, randomUUID(), { name: 'x' }).expect(404);
    expect((await t.http().get(`/api/users/${user.id}`).set(adminAuth).expect(200)).body.role).toBe('mutual_lead');
  });
});

describe('accounts: organisation lists show only what the viewer may name', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('org-lists') } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers a department officer only the parent bodies of their own department’s journeys in the pipeline filter', async () => {
    const cast = await createCast(t);
    const officer = await createActor(t, cast.orgs.department.id, 'department_officer', { password: PASSWORD });
    const theirs = await createOrganisation(t, 'parent_body', `Their Council ${randomUUID().slice(0, 6)}`);
    const notTheirs = await createOrganisation(t, 'parent_body', `Unrelated Council ${randomUUID().slice(0, 6)}`);
    await createJourney(t, cast, { parentBodyId: theirs.id });
    await createJourney(t, cast, { parentBodyId: notTheirs.id, departmentId: null });
    const page = await (await signedInAgent(t, officer.email)).get('/pipeline').expect(200);
    expect(page.text).toContain(theirs.name);
    expect(page.text).not.toContain(notTheirs.name);
    // Naming one outside the scope is a filter problem, not a way to learn it exists.
    const probe = await (await signedInAgent(t, officer.email)).get(`/pipeline?parentBodyId=${notTheirs.id}`);
    expect(probe.status).toBe(400);
    expect(probe.text).not.toContain(notTheirs.name);
    // The central team still sees them all.
    const central = await createActor(t, cast.orgs.central.id, 'cabinet_office_staff', { password: PASSWORD });
    const all = await (await signedInAgent(t, central.email)).get('/pipeline').expect(200);
    expect(all.text).toContain(notTheirs.name);
  });
});

describe('accounts: returnTo is parsed before it is trusted', () => {
  let t: TestApp;
  let lead: Actor;
  const OFFSITE = [
    '//evil.example',
    '/.//evil.example',
    '/././/evil.example/x',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/x/..//evil.example',
    '/x/%2e%2e//evil.example',
    '/x/./..//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'https://evil.example/',
    'http:/evil.example',
  ];

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('return-to') } });
    const org = await createOrganisation(t, 'mutual');
    lead = await createActor(t, org.id, 'mutual_lead', { password: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
  });

  const offsite = (location: string | undefined) => {
    expect(location).toBeDefined();
    const url = new URL(location!, 'http://pathway.invalid/');
    return url.origin !== 'http://pathway.invalid' || location!.startsWith('//') || /^\/[\\/]/.test(location!);
  };

  it.each(OFFSITE)('never sends a signed-in user off-site from GET /sign-in?returnTo=%s', async (target) => {
    const agent = await signedInAgent(t, lead.email);
    const res = await agent.get(`/sign-in?returnTo=${encodeURIComponent(target)}`).expect(302);
    expect({ target, location: res.headers.location, offsite: offsite(res.headers.location) }).toEqual({
      target,
      location: '/',
      offsite: false,
    });
  });

  it.each(OFFSITE)('never sends someone off-site after signing in with returnTo=%s', async (target) => {
    const agent = request.agent(t.baseUrl);
    const form = await agent.get(`/sign-in?returnTo=${encodeURIComponent(target)}`).expect(200);
    expect(form.text).not.toContain('evil.example');
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: lead.email, password: PASSWORD, returnTo: target })
      .expect(302);
    expect(res.headers.location).toBe('/');
  });

  it('still returns to a local page, normalised', async () => {
    const agent = await signedInAgent(t, lead.email);
    await agent
      .get(`/sign-in?returnTo=${encodeURIComponent('/x/../tasks?due=overdue')}`)
      .expect(302)
      .expect('location', '/tasks?due=overdue');
  });
});

describe('accounts: sign-in limits live in Redis, shared by every API process', () => {
  let a: TestApp;
  let b: TestApp;
  let org: { id: string };

  beforeAll(async () => {
    // Both processes believe one proxy hop, as behind a load balancer: the client is the last X-Forwarded-For entry.
    const env = { REDIS_PREFIX: suitePrefix('limits'), TRUST_PROXY: '1' };
    [a, b] = await Promise.all([startTestApp({ env }), startTestApp({ env })]);
    org = await createOrganisation(a, 'mutual');
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('counts one account’s failures across both processes and every address, then 429', async () => {
    const victim = await createActor(a, org.id, 'mutual_lead', { password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Alternate processes, and a new client address every time (a rotating X-Forwarded-For gains nothing).
      statuses.push(await attemptSignIn(i % 2 ? a : b, victim.email, `wrong password ${i}`, { 'X-Forwarded-For': `198.51.100.${i + 1}` }));
    }
    expect(statuses).toEqual(Array(10).fill(400));
    const blocked = await attemptSignIn(a, victim.email, PASSWORD, { 'X-Forwarded-For': '198.51.100.200' });
    expect(blocked).toBe(429);
    expect(await attemptSignIn(b, victim.email.toUpperCase(), PASSWORD, { 'X-Forwarded-For': '198.51.100.201' })).toBe(429);
  });

  it('does not lock a colleague out because others at the same office address mistyped', async () => {
    const office = { 'X-Forwarded-For': '203.0.113.10' };
    // 60 failures already counted for the office address (the old limit locked everyone out at 50),
    // through the real limiter in Redis (sign-ins are deliberately slow, so not 60 HTTP round trips)...
    for (let i = 0; i < 60; i++) await a.app.get(Limits).consume([['signInPerAddress', '203.0.113.10']]);
    // ...and a few real ones through both processes.
    const typist = await createActor(a, org.id, 'mutual_member', { password: PASSWORD });
    for (let i = 0; i < 4; i++) expect(await attemptSignIn(i % 2 ? a : b, typist.email, `typo ${i}`, office)).toBe(400);
    const colleague = await createActor(a, org.id, 'mutual_member', { password: PASSWORD });
    expect(await attemptSignIn(b, colleague.email, PASSWORD, office)).toBe(302);
  });

  it('limits one address trying many accounts, across both processes', async () => {
    const attacker = { 'X-Forwarded-For': '192.0.2.66' };
    for (let i = 0; i < 97; i++) await a.app.get(Limits).consume([['signInPerAddress', '192.0.2.66']]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(await attemptSignIn(i % 2 ? a : b, `nobody.${i}@example.test`, 'guess guess guess', attacker));
    expect(statuses).toEqual([400, 400, 400, 429]);
    // Another address is unaffected.
    expect(await attemptSignIn(a, 'nobody.else@example.test', 'guess guess guess', { 'X-Forwarded-For': '192.0.2.67' })).toBe(400);
  });

  it('takes the address only as TRUST_PROXY allows: with no proxy trusted, X-Forwarded-For is ignored', async () => {
    const c = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('no-proxy'), TRUST_PROXY: '0' } });
    try {
      // The test client's own address, whichever way Node writes it.
      for (const ip of ['127.0.0.1', '::ffff:127.0.0.1'])
        for (let i = 0; i < 98; i++) await c.app.get(Limits).consume([['signInPerAddress', ip]]);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(await attemptSignIn(c, `someone.${i}@example.test`, 'guess guess guess', { 'X-Forwarded-For': `10.9.${i}.1` }));
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await c.close();
    }
  });
});

describe('accounts: token issue is limited per administrator, after the role check', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('token-limit') } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a non-admin 403 every time without using the admin’s quota, and the admin 429 after 20 a minute', async () => {
    const org = await createOrganisation(t, 'mutual');
    const member = await createActor(t, org.id, 'mutual_member');
    const target = await createActor(t, org.id, 'mutual_lead');
    const centralOrg = await createOrganisation(t, 'cabinet_office');
    const admin = await createActor(t, centralOrg.id, 'cabinet_office_admin');
    for (let i = 0; i < 30; i++) await t.http().post(`/api/users/${target.id}/tokens`).set(member.auth).send({}).expect(403);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await t.http().post(`/api/users/${target.id}/tokens`).set(admin.auth).send({})).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(statuses[20]).toBe(429);
    // Another administrator has a quota of their own.
    await t.http().post(`/api/users/${target.id}/tokens`).set(adminAuth).send({}).expect(201);
  });
});

describe('accounts: sessions, cookies and passwords', () => {
  let t: TestApp;
  let lead: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: suitePrefix('sessions') } });
    const org = await createOrganisation(t, 'mutual');
    lead = await createActor(t, org.id, 'mutual_lead', { password: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ends a busy session 12 hours after sign-in (absolute lifetime), and an idle one after 2 hours', async () => {
    const agent = await signedInAgent(t, lead.email);
    await agent.get('/').expect(200);
    const redis = new (await import('ioredis')).default(t.config.REDIS_URL);
    try {
      const keys = await redis.smembers(`${t.config.REDIS_PREFIX}:user-sessions:${lead.id}`);
      expect(keys.length).toBeGreaterThan(0);
      const sessionKey = `${t.config.REDIS_PREFIX}:sess:${keys[keys.length - 1]}`;
      const ttl = await redis.ttl(sessionKey);
      expect(ttl).toBeGreaterThan(2 * 3600 - 60);
      expect(ttl).toBeLessThanOrEqual(2 * 3600);
      // Signed in 12 hours and a minute ago, though used a moment ago.
      for (const id of keys) {
        const key = `${t.config.REDIS_PREFIX}:sess:${id}`;
        const data = JSON.parse((await redis.get(key)) ?? '{}');
        if (!data.userId) continue;
        data.signedInAt = Date.now() - (12 * 3600 + 60) * 1000;
        await redis.set(key, JSON.stringify(data), 'KEEPTTL');
      }
    } finally {
      redis.disconnect();
    }
    await agent.get('/').expect(302).expect('location', '/sign-in');
  });

  it('renews an idle session on every request: Redis keeps it, and the cookie lives, 2 hours from the last request', async () => {
    const agent = await signedInAgent(t, lead.email);
    const redis = new (await import('ioredis')).default(t.config.REDIS_URL);
    try {
      const ids = await redis.smembers(`${t.config.REDIS_PREFIX}:user-sessions:${lead.id}`);
      const keys = ids.map((id) => `${t.config.REDIS_PREFIX}:sess:${id}`);
      // Unused for 1 hour 59 minutes: a minute left.
      for (const key of keys) await redis.expire(key, 60);
      for (const page of ['/', '/tasks', '/no-such-page']) {
        const res = await agent.get(page);
        expect([200, 404]).toContain(res.status);
        const cookie = [res.headers['set-cookie']].flat().find((c) => c.startsWith('pathway.sid='));
        const expires = Date.parse(/Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? '');
        expect(expires - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);
        const ttls = await Promise.all(keys.map((key) => redis.ttl(key)));
        expect(Math.max(...ttls)).toBeGreaterThan(2 * 3600 - 60);
        expect(Math.max(...ttls)).toBeLessThanOrEqual(2 * 3600);
        for (const key of keys) await redis.expire(key, 60);
      }
    } finally {
      redis.disconnect();
    }
    await agent.get('/').expect(200);
  });

  it('sets the session cookie Secure over HTTPS behind the trusted proxy, and only on localhost without it', async () => {
    const local = await t.http().get('/sign-in').expect(200);
    expect(local.headers['set-cookie']?.[0]).not.toMatch(/;\s*Secure/i);
    const https = await t.http().get('/sign-in').set('X-Forwarded-Proto', 'https').set('Host', 'pathway.example.gov.uk').expect(200);
    expect(https.headers['set-cookie']?.[0]).toMatch(/^pathway\.sid=.*;\s*Secure/i);
    // Plain HTTP to a real host name (a proxy that TRUST_PROXY does not name): no cookie in the clear.
    const plain = await t.http().get('/sign-in').set('Host', 'pathway.example.gov.uk').expect(200);
    expect(plain.headers['set-cookie']).toBeUndefined();
  });

  it.each(['aaaaaaaaaaaa', 'password1234', 'Password123!', 'qwertyuiop123'])(
    'refuses the guessable password %s with a 400 naming password, creating nobody',
    async (weak) => {
      const org = await createOrganisation(t, 'mutual');
      const email = `weak.${randomUUID().slice(0, 8)}@example.test`;
      const res = await t
        .http()
        .post('/api/users')
        .set(adminAuth)
        .send({ email, name: 'Weak', organisationId: org.id, role: 'mutual_lead', password: weak })
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: [expect.stringMatching(/^password is too easy to guess/)],
      });
      expect(await count(`SELECT count(*) FROM users WHERE email = $1`, [email])).toBe(0);
    },
  );
});

describe('accounts: the bootstrap token', () => {
  // A database of its own: changing the bootstrap token must not touch the run's shared admin token.
  const name = `pathway_test_bootstrap_${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = databaseUrlFor(name);
  const admin = new Client({ connectionString: ADMIN_PG_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const start = (token: string | undefined, centralTeamName = 'Department for Culture, Media and Sport') =>
    startTestApp({
      databaseUrl,
      env: {
        REDIS_PREFIX: suitePrefix('bootstrap'),
        CENTRAL_TEAM_NAME: centralTeamName,
        ...(token ? { BOOTSTRAP_ADMIN_TOKEN: token } : {}),
      },
    });
  const newToken = () => `bootstrap-${randomUUID()}-${randomUUID()}`;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('is honoured at API start without migrating, and a revoked one stays revoked through migrate and restarts', async () => {
    await migrate(databaseUrl, { centralTeamName: 'Cabinet Office' });
    const token = newToken();
    let t = await start(token);
    try {
      const me = await t.http().get('/api/me').set(bearer(token)).expect(200);
      // The central team's name follows CENTRAL_TEAM_NAME at start.
      expect(me.body).toMatchObject({ role: 'cabinet_office_admin', organisationName: 'Department for Culture, Media and Sport' });
      const tokens = await t.http().get(`/api/users/${me.body.id}/tokens`).set(bearer(token)).expect(200);
      const mine = tokens.body.items.find(
        (x: { label: string; revokedAt: string | null }) => x.label === 'BOOTSTRAP_ADMIN_TOKEN' && !x.revokedAt,
      );
      await t.http().delete(`/api/tokens/${mine.id}`).set(bearer(token)).expect(204);
      await t.http().get('/api/me').set(bearer(token)).expect(401);
    } finally {
      await t.close();
    }
    await migrate(databaseUrl, { bootstrapAdminToken: token, centralTeamName: 'Cabinet Office' });
    t = await start(token);
    try {
      await t.http().get('/api/me').set(bearer(token)).expect(401);
    } finally {
      await t.close();
    }
    // A new value works at once.
    const next = newToken();
    t = await start(next);
    try {
      await t.http().get('/api/me').set(bearer(next)).expect(200);
      await t.http().get('/api/me').set(bearer(token)).expect(401);
    } finally {
      await t.close();
    }
  });

  it('withdraws the token when the variable is unset and restores it when set again (only a person’s revocation is final)', async () => {
    const token = newToken();
    let t = await start(token);
    await t.http().get('/api/me').set(bearer(token)).expect(200);
    await t.close();
    t = await start(undefined);
    await t.close();
    t = await start(token);
    try {
      // Unset withdrew it (audit trail), set again restored it.
      await t.http().get('/api/me').set(bearer(token)).expect(200);
      const events = await t.http().get('/api/account-events?limit=200').set(bearer(token)).expect(200);
      const actions = events.body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['bootstrap_token_withdrawn', 'bootstrap_token_applied', 'token_revoked']));
    } finally {
      await t.close();
    }
  });
});
