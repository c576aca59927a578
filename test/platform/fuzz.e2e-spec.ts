/**
 * A bounded property-based fuzz of the write endpoints, with fast-check arbitraries built from the
 * OpenAPI document's request schemas (mostly valid shapes, then wrong types, out-of-range numbers,
 * control characters, lone surrogates, unknown and prototype keys). Properties: never a 5xx, and
 * a refusal (4xx) changes nothing (journey version, history, organisations, tasks).
 */
import fc from 'fast-check';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { sql } from './support/test-db';

jest.setTimeout(240_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const nasty = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  'bell\u0007',
  '\u001b[31m',
  '\ud800',
  '\udc00x',
  'P1000000Y',
  '9999-12-31',
  '1e300',
  'x'.repeat(300),
  '__proto__',
  'null',
  '<script>',
  '=SUM(1)',
);
const badNumber = fc.constantFrom(2 ** 31, 2 ** 63, 1e300, -1, -(2 ** 31) - 1, 0.5, Number.MAX_SAFE_INTEGER);

function arbitraryFor(schema: Json | undefined, doc: Json, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null);
  if (schema.$ref) return arbitraryFor(doc.components.schemas[String(schema.$ref).split('/').pop()!], doc, depth + 1);
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], doc, depth + 1);
  const wrong = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), nasty, fc.constant([]), fc.constant({}));
  let good: fc.Arbitrary<unknown>;
  if (schema.enum) good = fc.oneof(fc.constantFrom(...schema.enum), nasty);
  else if (schema.type === 'string' && schema.format === 'uuid') good = fc.oneof(fc.uuid(), nasty);
  else if (schema.type === 'string')
    good = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      nasty,
      fc.constantFrom('P14D', 'PT30S', '2030-01-31', '2030-01-31T12:00:00Z'),
    );
  else if (schema.type === 'integer') good = fc.oneof(fc.integer({ min: 0, max: 10_000 }), badNumber);
  else if (schema.type === 'number') good = fc.oneof(fc.double({ noNaN: true }), badNumber);
  else if (schema.type === 'boolean') good = fc.boolean();
  else if (schema.type === 'array') good = fc.array(arbitraryFor(schema.items, doc, depth + 1), { maxLength: 3 });
  else if (schema.type === 'object' || schema.properties) {
    const props = Object.entries((schema.properties ?? {}) as Record<string, Json>);
    const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, arbitraryFor(v, doc, depth + 1)])), { requiredKeys: [] });
    const extra = fc.option(fc.constantFrom('__proto__', 'constructor', 'unknownField', 'payload'), { nil: undefined });
    good = fc.tuple(record, extra, fc.anything({ maxDepth: 1 })).map(([r, key, value]) => (key ? { ...(r as object), [key]: value } : r));
  } else good = fc.anything({ maxDepth: 2 });
  return fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: wrong, weight: 1 });
}

describe('fuzz: the write endpoints against their OpenAPI request schemas', () => {
  let t: TestApp;
  let cast: Cast;
  let doc: Json;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  const snapshot = async (journeyId: string) =>
    JSON.stringify(
      await sql(
        `SELECT (SELECT version FROM journeys WHERE id = $1) AS version,
                (SELECT reminder_policy FROM journeys WHERE id = $1) AS policy,
                (SELECT count(*) FROM journey_history WHERE journey_id = $1) AS history,
                (SELECT count(*) FROM escalations WHERE journey_id = $1) AS escalations,
                (SELECT max(updated_at) FROM journey_tasks WHERE journey_id = $1) AS tasks,
                (SELECT count(*) FROM organisations) AS organisations`,
        [journeyId],
      ),
    );

  it('never answers 5xx, and a refusal changes nothing', async () => {
    const journey = await createJourney(t, cast);
    const task = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(adminAuth).expect(200)).body.items[0];
    const targets: Array<{ method: 'post' | 'put' | 'patch'; template: string; path: string; auth: Record<string, string> }> = [
      { method: 'post', template: '/api/organisations', path: '/api/organisations', auth: adminAuth },
      { method: 'post', template: '/api/journeys', path: '/api/journeys', auth: cast.users.lead.auth },
      { method: 'patch', template: '/api/journeys/{id}', path: `/api/journeys/${journey.id}`, auth: cast.users.lead.auth },
      {
        method: 'put',
        template: '/api/journeys/{id}/reminder-policy',
        path: `/api/journeys/${journey.id}/reminder-policy`,
        auth: cast.users.lead.auth,
      },
      { method: 'post', template: '/api/journeys/{id}/events', path: `/api/journeys/${journey.id}/events`, auth: cast.users.lead.auth },
      {
        method: 'patch',
        template: '/api/journeys/{journeyId}/tasks/{taskId}',
        path: `/api/journeys/${journey.id}/tasks/${task.id}`,
        auth: adminAuth,
      },
      {
        method: 'post',
        template: '/api/journeys/{id}/escalations',
        path: `/api/journeys/${journey.id}/escalations`,
        auth: cast.users.lead.auth,
      },
    ];
    const failures: string[] = [];
    const started = Date.now();
    for (const target of targets) {
      const schema = doc.paths[target.template][target.method].requestBody?.content?.['application/json']?.schema;
      expect({ target: target.template, schema: !!schema }).toEqual({ target: target.template, schema: true });
      await fc.assert(
        fc.asyncProperty(arbitraryFor(schema, doc), async (body) => {
          const before = await snapshot(journey.id);
          const res = await t
            .http()
            [target.method](target.path)
            .set(target.auth)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          if (res.status >= 500) failures.push(`${target.method} ${target.template} ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          if (res.status >= 400 && res.status < 500 && (await snapshot(journey.id)) !== before) {
            failures.push(`${target.method} ${target.template} ${res.status} changed data: ${JSON.stringify(body).slice(0, 300)}`);
          }
          return true;
        }),
        { numRuns: 40, seed: 15, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(Date.now() - started).toBeLessThan(200_000);
  });
});
