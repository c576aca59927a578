import { randomUUID } from 'node:crypto';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney, daysFromNow } from '../support/journeys';
import { count, sql } from './support/test-db';

jest.setTimeout(120_000);

/**
 * One test per finding of issue 15: each bad input is a 400 (or 413) naming the problem, is refused
 * before anything reaches Postgres, and changes nothing.
 */
describe('hardening: bounded input', () => {
  let t: TestApp;
  let cast: Cast;
  let journey: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    journey = await createJourney(t, cast);
  });
  afterAll(async () => {
    await t.close();
  });

  const expect400 = (res: { status: number; body: unknown }, mention: RegExp) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
    const messages = (res.body as { message: string[] }).message;
    expect(Array.isArray(messages)).toBe(true);
    expect(messages.some((m) => mention.test(m))).toBe(true);
  };
  const raw = (method: 'post' | 'put' | 'patch', path: string, body: string, auth = adminAuth) =>
    t.http()[method](path).set(auth).set('Content-Type', 'application/json').send(body);
  const journeyRow = async () =>
    (
      await sql<{ version: number; reminder_policy: unknown; planned_transfer_date: string }>(
        `SELECT version, reminder_policy, planned_transfer_date::text FROM journeys WHERE id = $1`,
        [journey.id],
      )
    )[0];

  describe('body limits at the parser', () => {
    const deep = (levels: number) => `{"name":${'['.repeat(levels)}${']'.repeat(levels)},"kind":"mutual"}`;

    it('answers 400 naming the depth, not 500, for a body nested 10,000 levels deep, on every kind of endpoint', async () => {
      const body = deep(10_000);
      expect(body.length).toBeLessThan(60_000);
      for (const [method, path] of [
        ['post', '/api/organisations'],
        ['post', '/api/journeys'],
        ['post', `/api/journeys/${journey.id}/events`],
        ['put', `/api/journeys/${journey.id}/reminder-policy`],
        ['patch', `/api/journeys/${journey.id}`],
        ['post', `/api/journeys/${journey.id}/escalations`],
      ] as const) {
        expect400(await raw(method, path, body), /nested too deeply \(more than 32 levels/);
      }
    });

    it('accepts ordinary nesting (strings with brackets do not count)', async () => {
      const name = `Brackets [[[{{{ ${randomUUID()}`;
      const res = await raw('post', '/api/organisations', JSON.stringify({ name, kind: 'mutual' }));
      expect(res.status).toBe(201);
    });

    it('answers 413 saying the limit for a body over 100 kB', async () => {
      const res = await raw('post', '/api/organisations', JSON.stringify({ name: 'x'.repeat(150_000), kind: 'mutual' }));
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: ['the request body is larger than the limit of 100 kB'],
      });
    });

    it('answers 400 for a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
      const name = `Bad bytes ${randomUUID()}`;
      const bytes = Buffer.concat([Buffer.from(`{"name":"${name} `), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","kind":"mutual"}')]);
      // supertest would serialise a Buffer as JSON: send the bytes as they are.
      const res = await fetch(`${t.baseUrl}/api/organisations`, {
        method: 'POST',
        headers: { ...adminAuth, 'Content-Type': 'application/json' },
        body: bytes,
      });
      expect400({ status: res.status, body: await res.json() }, /^the request body is not valid UTF-8/);
      expect(await count(`SELECT count(*) FROM organisations WHERE name LIKE $1`, [`${name}%`])).toBe(0);
    });
  });

  describe('text', () => {
    it.each([
      ['an unpaired surrogate', '"Lone \\ud800 surrogate"', /^name must be valid Unicode text/],
      ['BEL', '"Bell \\u0007"', /^name must not contain control characters \(found U\+0007/],
      ['ESC', '"Esc \\u001b[31m"', /^name must not contain control characters \(found U\+001B/],
      ['VT', '"Vertical \\u000b tab"', /^name must not contain control characters \(found U\+000B/],
      ['NUL', '"Nul \\u0000 byte"', /^name must not contain control characters \(found U\+0000/],
    ])('refuses %s in a body field, naming the field, and stores nothing', async (_label, json, mention) => {
      const before = await count('SELECT count(*) FROM organisations');
      expect400(await raw('post', '/api/organisations', `{"name":${json},"kind":"mutual"}`), mention);
      expect(await count(`SELECT count(*) FROM organisations WHERE name ~ '^(Lone|Bell|Esc|Vertical|Nul) '`)).toBe(0);
      expect(before).toBeGreaterThan(0);
    });

    it('names a nested field (an event payload)', async () => {
      const res = await raw(
        'post',
        `/api/journeys/${journey.id}/events`,
        JSON.stringify({ type: 'submit_expression_of_interest', payload: { proposalSummary: 'Ring \u0007' } }),
        cast.users.lead.auth,
      );
      expect400(res, /^payload\.proposalSummary must not contain control characters/);
      expect((await journeyRow()).version).toBe(journey.version);
    });

    it('refuses NUL in a query string, naming the parameter, before it reaches Postgres', async () => {
      expect400(await t.http().get('/api/journeys?region=lon%00don').set(adminAuth), /^region must not contain control characters/);
      expect400(await t.http().get('/api/users?organisationId=%00').set(adminAuth), /^organisationId must not contain control characters/);
    });

    it('keeps line breaks, tabs and non-ASCII text', async () => {
      const name = `Cymdeithas Gofal\tCafé ${randomUUID().slice(0, 8)} 👩‍⚕️`;
      const res = await raw('post', '/api/organisations', JSON.stringify({ name, kind: 'mutual' }));
      expect(res.status).toBe(201);
      expect(res.body.name).toBe(name);
      expect((await sql<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [res.body.id]))[0].name).toBe(name);
    });
  });

  describe('durations', () => {
    it('refuses escalateAfter P1000000Y with a 400 naming it, and changes nothing', async () => {
      const before = await journeyRow();
      const res = await t
        .http()
        .put(`/api/journeys/${journey.id}/reminder-policy`)
        .set(cast.users.lead.auth)
        .send({ remindBefore: ['P14D'], escalateAfter: 'P1000000Y' });
      expect400(res, /^escalateAfter must be a positive ISO-8601 duration of at most five years/);
      expect(await journeyRow()).toEqual(before);
    });

    it('refuses remindBefore ["P1000000Y"] instead of cancelling every pending reminder', async () => {
      const before = await journeyRow();
      const pending = await count(`SELECT count(*) FROM reminders WHERE journey_id = $1 AND status = 'pending'`, [journey.id]);
      const res = await t
        .http()
        .put(`/api/journeys/${journey.id}/reminder-policy`)
        .set(cast.users.lead.auth)
        .send({ remindBefore: ['P1000000Y'], escalateAfter: 'P5D' });
      expect400(res, /^remindBefore .*at most five years/);
      expect(await journeyRow()).toEqual(before);
      expect(await count(`SELECT count(*) FROM reminders WHERE journey_id = $1 AND status = 'pending'`, [journey.id])).toBe(pending);
    });

    it('accepts five years and refuses a day more', async () => {
      const ok = await t
        .http()
        .put(`/api/journeys/${journey.id}/reminder-policy`)
        .set(cast.users.admin.auth)
        // Longer than the template default: only the central team, with a reason (duty rules).
        .send({ remindBefore: ['P14D'], escalateAfter: 'P5Y', overrideReason: 'Bound check' });
      expect(ok.status).toBe(200);
      expect400(
        await t
          .http()
          .put(`/api/journeys/${journey.id}/reminder-policy`)
          .set(cast.users.lead.auth)
          .send({ remindBefore: ['P14D'], escalateAfter: 'P1900D' }),
        /^escalateAfter /,
      );
      journey.version = (await journeyRow()).version;
    });

    it('while on hold, an absurd escalateAfter is refused, so resume still works', async () => {
      const held = await createJourney(t, cast);
      const hold = await t
        .http()
        .post(`/api/journeys/${held.id}/events`)
        .set(cast.users.admin.auth)
        .send({ type: 'put_on_hold', payload: { reason: 'Funding review' } });
      expect(hold.status).toBe(200);
      expect400(
        await t
          .http()
          .put(`/api/journeys/${held.id}/reminder-policy`)
          .set(cast.users.admin.auth)
          .send({ remindBefore: [], escalateAfter: 'P1000000Y' }),
        /^escalateAfter /,
      );
      const resume = await t.http().post(`/api/journeys/${held.id}/events`).set(cast.users.admin.auth).send({ type: 'resume' });
      expect(resume.status).toBe(200);
      expect(resume.body.state).toBe('exploring');
    });
  });

  describe('dates', () => {
    it('refuses plannedTransferDate 9999-12-31 on create and on change, naming it', async () => {
      const name = `Far future ${randomUUID()}`;
      const res = await t.http().post('/api/journeys').set(cast.users.lead.auth).send({
        name,
        mutualOrganisationId: cast.orgs.mutual.id,
        parentBodyId: cast.orgs.parentBody.id,
        serviceArea: 'health',
        region: 'london',
        staffCount: 10,
        plannedTransferDate: '9999-12-31',
      });
      expect400(res, /^plannedTransferDate must be no more than 10 years ahead/);
      expect(await count('SELECT count(*) FROM journeys WHERE name = $1', [name])).toBe(0);
      const before = await journeyRow();
      expect400(
        await t.http().patch(`/api/journeys/${journey.id}`).set(cast.users.admin.auth).send({ plannedTransferDate: '9999-12-31' }),
        /^plannedTransferDate /,
      );
      expect(await journeyRow()).toEqual(before);
    });

    it('accepts a transfer nine years ahead', async () => {
      const res = await t
        .http()
        .patch(`/api/journeys/${journey.id}`)
        .set(cast.users.admin.auth)
        .send({ plannedTransferDate: daysFromNow(9 * 365) });
      expect(res.status).toBe(200);
      journey.version = res.body.version;
    });

    it('refuses a task deadline outside 1900..2100, naming it', async () => {
      const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(adminAuth).expect(200)).body.items as Array<{
        id: string;
      }>;
      expect400(
        await t.http().patch(`/api/journeys/${journey.id}/tasks/${tasks[0].id}`).set(adminAuth).send({ dueDate: '9999-12-31' }),
        /^dueDate must be a date between 1900 and 2100/,
      );
      expect400(
        await t.http().patch(`/api/journeys/${journey.id}/tasks/${tasks[0].id}`).set(adminAuth).send({ dueAt: '0001-01-01T00:00:00Z' }),
        /^dueAt /,
      );
    });
  });

  describe('integers', () => {
    it.each(['1e300', '9223372036854775808', '2147483648', '-1', '1.5', '0x10'])(
      'refuses offset=%s naming offset, on every paged list',
      async (value) => {
        for (const path of ['/api/journeys', '/api/notifications', '/api/pipeline/journeys', '/api/pipeline/at-risk', '/api/me/tasks']) {
          expect400(
            await t
              .http()
              .get(`${path}?offset=${encodeURIComponent(value)}`)
              .set(adminAuth),
            /^offset must be a whole number from 0 to 2147483647/,
          );
        }
      },
    );

    it('refuses an expectedVersion above 2^31 naming it, with no error logged by Postgres', async () => {
      const before = await journeyRow();
      for (const v of [2 ** 31, 2 ** 63, 1e300]) {
        const res = await raw(
          'post',
          `/api/journeys/${journey.id}/events`,
          `{"type":"put_on_hold","payload":{"reason":"x"},"expectedVersion":${v}}`,
        );
        expect400(res, /^expectedVersion must be a whole number from 1 to 2147483647/);
        expect400(await raw('patch', `/api/journeys/${journey.id}`, `{"name":"Renamed","expectedVersion":${v}}`), /^expectedVersion /);
      }
      expect(await journeyRow()).toEqual(before);
    });
  });

  describe('unknown enum values and keys, query strings included', () => {
    it('GET /api/journeys?state=bogus is 400 naming state, like the pipeline', async () => {
      expect400(await t.http().get('/api/journeys?state=bogus').set(adminAuth), /^state must be one of: /);
      expect400(await t.http().get('/api/pipeline/journeys?state=bogus').set(adminAuth), /^state must be one of: /);
      expect((await t.http().get('/api/journeys?state=exploring').set(adminAuth)).status).toBe(200);
    });

    it('GET /api/users refuses unknown filters', async () => {
      expect400(await t.http().get('/api/users?role=arbiter').set(adminAuth), /^property role should not exist/);
      expect((await t.http().get(`/api/users?organisationId=${cast.orgs.mutual.id}`).set(adminAuth)).status).toBe(200);
    });

    it('refuses unknown query parameters on every list', async () => {
      for (const path of [
        '/api/journeys',
        '/api/escalations',
        '/api/notifications',
        '/api/pipeline/summary',
        '/api/right-to-provide-requests',
      ]) {
        expect400(await t.http().get(`${path}?colour=blue`).set(adminAuth), /colour should not exist/);
      }
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses a %s key in a body like any unknown key, top level or nested',
      async (key) => {
        const name = `Proto ${randomUUID()}`;
        expect400(
          await raw('post', '/api/organisations', `{"name":"${name}","kind":"mutual","${key}":{"admin":true}}`),
          new RegExp(`^property ${key} should not exist`),
        );
        expect(await count('SELECT count(*) FROM organisations WHERE name = $1', [name])).toBe(0);
        const res = await raw(
          'post',
          `/api/journeys/${journey.id}/events`,
          `{"type":"put_on_hold","payload":{"reason":"x","${key}":{"a":1}}}`,
        );
        expect400(res, new RegExp(`^property payload\\.${key} should not exist`));
        expect400(await t.http().get(`/api/journeys?${key}=1`).set(adminAuth), new RegExp(`^query parameter ${key} should not exist`));
      },
    );
  });
});
