import { randomUUID } from 'node:crypto';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createActor, createOrganisation } from '../support/fixtures';
import { count } from './support/test-db';

// Hooks start servers and processes; jest.config's per-project testTimeout is not applied.
jest.setTimeout(60_000);

/**
 * Bad input is a 400 in NestJS's shape naming each problem, and changes nothing. Nothing a client
 * sends produces a 500.
 */
describe('bad input', () => {
  let t: TestApp;
  let mutualId: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    mutualId = (await createOrganisation(t, 'mutual')).id;
    userId = (await createActor(t, mutualId, 'mutual_lead')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Asserts NestJS's 400 shape and that `message` names each of `mentions` (regexps or strings). */
  const expect400 = (res: { status: number; body: unknown }, mentions: Array<string | RegExp>) => {
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.any(Array), error: 'Bad Request' });
    const messages = (res.body as { message: string[] }).message;
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(typeof m).toBe('string');
    for (const mention of mentions) {
      expect(messages.some((m) => (typeof mention === 'string' ? m.includes(mention) : mention.test(m)))).toBe(true);
    }
    return messages;
  };
  const orgsNamed = (name: string) => count('SELECT count(*) FROM organisations WHERE name = $1', [name]);
  const usersWithEmailLike = (marker: string) => count('SELECT count(*) FROM users WHERE email LIKE $1', [`%${marker}%`]);
  const post = (path: string, body: unknown) =>
    t
      .http()
      .post(path)
      .set(adminAuth)
      .send(body as object);

  describe('POST /api/organisations', () => {
    it('rejects an unknown field, naming it', async () => {
      const name = `Unknown field ${randomUUID()}`;
      expect400(await post('/api/organisations', { name, kind: 'mutual', charityNumber: '123' }), [
        'property charityNumber should not exist',
      ]);
      expect(await orgsNamed(name)).toBe(0);
    });

    it('rejects wrong types, naming each field', async () => {
      expect400(await post('/api/organisations', { name: 42, kind: ['mutual'] }), [/^name /, /^kind /]);
    });

    it('rejects a kind outside the enum, listing the allowed values', async () => {
      const name = `Bad kind ${randomUUID()}`;
      const [msg] = expect400(await post('/api/organisations', { name, kind: 'charity' }), [/^kind must be one of the following values: /]);
      expect(msg).toContain('cabinet_office');
      expect(await orgsNamed(name)).toBe(0);
    });

    it('rejects missing and blank fields', async () => {
      expect400(await post('/api/organisations', {}), [/^name /, /^kind /]);
      expect400(await post('/api/organisations', { name: '   ', kind: 'mutual' }), [/^name should not be empty/]);
      expect400(await post('/api/organisations', { name: 'x'.repeat(201), kind: 'mutual' }), [
        /^name must be shorter than or equal to 200/,
      ]);
    });

    it('rejects a body that is not an object', async () => {
      const res = await t.http().post('/api/organisations').set(adminAuth).set('Content-Type', 'application/json').send('[1,2]');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(Array) });
      const scalar = await t.http().post('/api/organisations').set(adminAuth).set('Content-Type', 'application/json').send('"mutual"');
      expect400(scalar, [/JSON/i]);
      const nul = await t.http().post('/api/organisations').set(adminAuth).set('Content-Type', 'application/json').send('null');
      expect400(nul, [/JSON/i]);
    });
  });

  describe('malformed JSON', () => {
    it.each([
      ['truncated', '{"name": "Half'],
      ['trailing comma', '{"name": "A", "kind": "mutual",}'],
      ['single quotes', "{'name': 'A', 'kind': 'mutual'}"],
    ])('answers 400 naming the body for a %s document, and creates nothing', async (_label, raw) => {
      const before = await count('SELECT count(*) FROM organisations');
      const res = await t.http().post('/api/organisations').set(adminAuth).set('Content-Type', 'application/json').send(raw);
      expect400(res, [/^the request body is not valid JSON/]);
      // Other suites may create organisations meanwhile; none of them is named like these bodies.
      expect(await count(`SELECT count(*) FROM organisations WHERE name IN ('Half', 'A')`)).toBe(0);
      expect(before).toBeGreaterThan(0);
    });

    it('answers 400 for malformed JSON on every write endpoint', async () => {
      for (const path of ['/api/users', `/api/users/${userId}/tokens`]) {
        const res = await t.http().post(path).set(adminAuth).set('Content-Type', 'application/json').send('{oops');
        expect400(res, [/JSON/i]);
      }
    });

    it('answers 413, not 500, for an oversized body', async () => {
      const res = await post('/api/organisations', { name: 'x'.repeat(2_000_000), kind: 'mutual' });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, message: expect.any(Array) });
    });

    it('answers 415 or 400, not 500, for a body in a charset it cannot read', async () => {
      const res = await t
        .http()
        .post('/api/organisations')
        .set(adminAuth)
        .set('Content-Type', 'application/json; charset=klingon')
        .send('{}');
      expect([400, 415]).toContain(res.status);
    });
  });

  describe('POST /api/users', () => {
    const valid = (marker: string) => ({
      email: `${marker}@example.test`,
      name: 'Val Idation',
      organisationId: mutualId,
      role: 'mutual_lead',
    });

    it('rejects a password shorter than 12 characters', async () => {
      const marker = `shortpw-${randomUUID().slice(0, 8)}`;
      expect400(await post('/api/users', { ...valid(marker), password: 'elevenchars' }), ['password must be at least 12 characters']);
      expect(await usersWithEmailLike(marker)).toBe(0);
    });

    it('names every bad field at once', async () => {
      const marker = `many-${randomUUID().slice(0, 8)}`;
      const messages = expect400(
        await post('/api/users', {
          email: `not-an-email-${marker}`,
          name: 7,
          organisationId: 'org-1',
          role: 'chief',
          password: 12345678901234,
          extra: true,
        }),
        [
          /^email /,
          /^name /,
          /^organisationId /,
          /^role must be one of the following values/,
          /^password /,
          'property extra should not exist',
        ],
      );
      expect(messages.length).toBeGreaterThanOrEqual(6);
      expect(await usersWithEmailLike(marker)).toBe(0);
    });

    it('rejects a role outside the enum, listing the roles', async () => {
      const marker = `role-${randomUUID().slice(0, 8)}`;
      const [msg] = expect400(await post('/api/users', { ...valid(marker), role: 'cabinet_office_superuser' }), [/^role must be one of/]);
      expect(msg).toContain('cabinet_office_admin');
      expect(await usersWithEmailLike(marker)).toBe(0);
    });

    it('rejects an organisation that does not exist, naming organisationId', async () => {
      const marker = `noorg-${randomUUID().slice(0, 8)}`;
      expect400(await post('/api/users', { ...valid(marker), organisationId: randomUUID() }), [/organisationId/]);
      expect(await usersWithEmailLike(marker)).toBe(0);
    });
  });

  describe('path and query parameters', () => {
    it('rejects a path id that is not a UUID, naming it', async () => {
      const before = await count('SELECT count(*) FROM api_tokens WHERE prefix = $1', ['never']);
      expect400(await post('/api/users/not-a-uuid/tokens', {}), [/^id must be a UUID/]);
      expect400(await t.http().get('/api/users/123/tokens').set(adminAuth), [/^id must be a UUID/]);
      expect400(await t.http().delete("/api/tokens/1' OR '1'='1").set(adminAuth), [/^tokenId must be a UUID/]);
      expect400(await t.http().get('/api/organisations/nope').set(adminAuth), [/^id must be a UUID/]);
      // Every feature's path ids, not only identity's: each 400 names its parameter.
      const uuid = randomUUID();
      for (const [path, name] of [
        ['/api/journeys/nope', 'id'],
        ['/api/journeys/nope/tasks', 'journeyId'],
        [`/api/journeys/${uuid}/tasks/nope/comments`, 'taskId'],
        ['/api/journeys/nope/contracts', 'journeyId'],
        ['/api/escalations/nope', 'id'],
      ] as const) {
        const res = await t.http().get(path).set(adminAuth);
        expect([path, res.status, res.body.message]).toEqual([path, 400, [`${name} must be a UUID (path parameter)`]]);
      }
      // A number in the path too (ParseIntPipe named nothing, and let 99999999999999999999 reach Postgres).
      for (const bad of ['abc', '1.5', '0', '99999999999999999999']) {
        const res = await t.http().get(`/api/pathway/versions/${bad}`).set(adminAuth);
        expect([bad, res.status, res.body.message]).toEqual([
          bad,
          400,
          ['version must be a whole number from 1 to 2147483647 (path parameter)'],
        ]);
      }
      expect(await count('SELECT count(*) FROM api_tokens WHERE prefix = $1', ['never'])).toBe(before);
    });

    it('rejects a query parameter that is not a UUID', async () => {
      expect400(await t.http().get('/api/users?organisationId=abc').set(adminAuth), [/^organisationId must be a UUID/]);
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      const res = await post(`/api/users/${randomUUID()}/tokens`, {});
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('rejects unknown fields on token issue', async () => {
      const before = await count('SELECT count(*) FROM api_tokens WHERE user_id = $1', [userId]);
      expect400(await post(`/api/users/${userId}/tokens`, { label: 'x', scope: 'all' }), ['property scope should not exist']);
      expect400(await post(`/api/users/${userId}/tokens`, { label: 5 }), [/^label /]);
      expect(await count('SELECT count(*) FROM api_tokens WHERE user_id = $1', [userId])).toBe(before);
    });
  });

  it('never answers 500 to odd but well-formed requests', async () => {
    const odd = [
      await t.http().get('/api/organisations/00000000-0000-0000-0000-000000000000').set(adminAuth),
      await t.http().post('/api/organisations').set(adminAuth).set('Content-Type', 'text/plain').send('name=x'),
      await t.http().post('/api/organisations').set(adminAuth).type('form').send({ name: 'Form', kind: 'mutual', extra: 'x' }),
      await post('/api/users', {
        email: `nul-${randomUUID().slice(0, 8)}@example.test`,
        name: 'Nul\u0000Byte',
        organisationId: mutualId,
        role: 'mutual_member',
      }),
      await t
        .http()
        .post('/api/organisations')
        .set(adminAuth)
        .set('Content-Type', 'application/json')
        .send('{"name":"Nul\\u0000Byte","kind":"mutual"}'),
      await t.http().get('/api/users/%FF/tokens').set(adminAuth),
      await post('/api/organisations', { name: 'Proto', kind: 'mutual', __proto__: { admin: true }, constructor: { prototype: {} } }),
      await t.http().get('/api/users?organisationId[]=a').set(adminAuth),
      await t.http().get('/api/nowhere').set(adminAuth),
    ];
    const failures = odd.filter((res) => res.status >= 500).map((res) => `${res.status} ${JSON.stringify(res.body)}`);
    expect(failures).toEqual([]);
    for (const res of odd.filter((r) => r.status >= 400))
      expect(res.body).toMatchObject({ statusCode: res.status, error: expect.any(String) });
  });
});
