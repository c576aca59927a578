/**
 * The OpenAPI document tells the truth: a replay of recorded requests (successes and refusals, as
 * several roles) against the real server, each answer checked against the document: its status is
 * one the operation documents, and a JSON success body validates against the operation's schema.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { randomUUID } from 'node:crypto';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';

jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Recorded {
  method: string;
  path: string;
  auth?: Record<string, string>;
  body?: unknown;
}

/** OpenAPI 3.0's `nullable: true` in JSON Schema terms (what Ajv validates): the schema, or null. */
function toJsonSchema(node: unknown): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' ? v : toJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

describe('OpenAPI contract', () => {
  let t: TestApp;
  let cast: Cast;
  let doc: Json;
  let ajv: Ajv;
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: toJsonSchema(doc.components) }, 'doc');
  });
  afterAll(async () => {
    await t?.close();
  });

  const operationFor = (method: string, url: string): { template: string; op: Json } | undefined => {
    const path = url.split('?')[0];
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const re = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(path) && item[method]) return { template, op: item[method] };
    }
    return undefined;
  };
  const validatorFor = (schema: Json): ValidateFunction => {
    const key = JSON.stringify(schema);
    let v = validators.get(key);
    if (!v) {
      const rewritten = toJsonSchema(JSON.parse(key.replace(/"#\/components\/schemas\//g, '"doc#/components/schemas/')));
      v = ajv.compile(rewritten);
      validators.set(key, v);
    }
    return v;
  };

  const replay = async (requests: Recorded[]) => {
    const problems: string[] = [];
    const seen: string[] = [];
    for (const r of requests) {
      let req = t.http()[r.method as 'get'](r.path);
      if (r.auth) req = req.set(r.auth);
      const res = r.body === undefined ? await req : await req.send(r.body as object);
      const found = operationFor(r.method, r.path);
      if (!found) {
        problems.push(`${r.method.toUpperCase()} ${r.path}: no operation in the document`);
        continue;
      }
      seen.push(`${r.method} ${found.template} ${res.status}`);
      const response = found.op.responses?.[String(res.status)];
      if (!response) {
        problems.push(
          `${r.method.toUpperCase()} ${found.template}: status ${res.status} is not documented (${Object.keys(found.op.responses ?? {}).join(', ')})`,
        );
        continue;
      }
      const schema = response.content?.['application/json']?.schema;
      if (schema && /json/.test(String(res.headers['content-type']))) {
        const validate = validatorFor(schema);
        if (!validate(res.body))
          problems.push(`${r.method.toUpperCase()} ${found.template} ${res.status}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    return { problems, seen };
  };

  it('every answer of a recorded session has a documented status and matches its schema', async () => {
    const journey = await createJourney(t, cast);
    const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(adminAuth).expect(200)).body.items as Array<{ id: string }>;
    const lead = cast.users.lead.auth;
    const outsider = cast.users.outsider.auth;
    const nobody = randomUUID();
    const { problems, seen } = await replay([
      { method: 'get', path: '/health' },
      { method: 'get', path: '/api/me', auth: lead },
      { method: 'get', path: '/api/organisations', auth: adminAuth },
      { method: 'get', path: `/api/organisations/${cast.orgs.mutual.id}`, auth: adminAuth },
      { method: 'get', path: `/api/organisations/${nobody}`, auth: adminAuth },
      { method: 'get', path: '/api/organisations/not-a-uuid', auth: adminAuth },
      { method: 'post', path: '/api/organisations', auth: adminAuth, body: { name: `Contract ${nobody}`, kind: 'mutual' } },
      { method: 'post', path: '/api/organisations', auth: adminAuth, body: { name: 'x', kind: 'charity' } },
      { method: 'post', path: '/api/organisations', auth: lead, body: { name: 'x', kind: 'mutual' } },
      { method: 'get', path: '/api/users', auth: adminAuth },
      { method: 'get', path: '/api/users?bogus=1', auth: adminAuth },
      { method: 'get', path: '/api/journeys', auth: lead },
      { method: 'get', path: '/api/journeys?state=bogus', auth: lead },
      { method: 'get', path: '/api/journeys?limit=2&offset=0', auth: adminAuth },
      { method: 'get', path: '/api/journeys' },
      { method: 'get', path: `/api/journeys/${journey.id}`, auth: lead },
      { method: 'get', path: `/api/journeys/${journey.id}`, auth: outsider },
      { method: 'patch', path: `/api/journeys/${journey.id}`, auth: lead, body: { name: 'Contract renamed' } },
      { method: 'patch', path: `/api/journeys/${journey.id}`, auth: lead, body: { name: 'Stale', expectedVersion: 1 } },
      { method: 'get', path: `/api/journeys/${journey.id}/history`, auth: lead },
      { method: 'get', path: `/api/journeys/${journey.id}/tasks`, auth: lead },
      { method: 'get', path: `/api/journeys/${journey.id}/tasks/${tasks[0].id}`, auth: lead },
      { method: 'patch', path: `/api/journeys/${journey.id}/tasks/${tasks[0].id}`, auth: adminAuth, body: { dueDate: '2030-01-31' } },
      { method: 'patch', path: `/api/journeys/${journey.id}/tasks/${tasks[0].id}`, auth: adminAuth, body: { dueDate: '9999-12-31' } },
      { method: 'get', path: `/api/journeys/${journey.id}/reminder-policy`, auth: lead },
      // Staff voice (issue 10): a ballot, its refusals, the list, a waiver, surveys.
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/staff-ballots`,
        auth: lead,
        body: { question: 'Do you support it?', heldOn: '2026-01-05', method: 'secret_postal', eligible: 10, votesFor: 6, votesAgainst: 2 },
      },
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/staff-ballots`,
        auth: lead,
        body: { question: 'Do you support it?', heldOn: '2026-01-05', method: 'secret_postal', eligible: 1, votesFor: 6, votesAgainst: 2 },
      },
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/staff-ballots`,
        auth: cast.users.officer.auth,
        body: { question: 'q', heldOn: '2026-01-05', method: 'show_of_hands', eligible: 1, votesFor: 1, votesAgainst: 0 },
      },
      { method: 'get', path: `/api/journeys/${journey.id}/staff-ballots`, auth: cast.users.officer.auth },
      { method: 'get', path: `/api/journeys/${journey.id}/staff-ballots`, auth: outsider },
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/staff-support-waiver`,
        auth: cast.users.staff.auth,
        body: { reason: 'Consulted through the unions' },
      },
      { method: 'post', path: `/api/journeys/${journey.id}/staff-support-waiver`, auth: cast.users.staff.auth, body: { reason: 'Again' } },
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/staff-surveys`,
        auth: lead,
        body: {
          heldOn: '2026-01-05',
          respondents: 8,
          eligible: 10,
          agreement: { understand_pension: 0.5, support_spin_out: 0.625, morale_good: 0.25 },
        },
      },
      { method: 'get', path: `/api/journeys/${journey.id}/staff-surveys`, auth: lead },
      {
        method: 'put',
        path: `/api/journeys/${journey.id}/reminder-policy`,
        auth: lead,
        body: { remindBefore: ['P7D'], escalateAfter: 'P5D' },
      },
      {
        method: 'put',
        path: `/api/journeys/${journey.id}/reminder-policy`,
        auth: lead,
        body: { remindBefore: [], escalateAfter: 'P1000000Y' },
      },
      { method: 'post', path: `/api/journeys/${journey.id}/events`, auth: lead, body: { type: 'submit_business_case' } },
      {
        method: 'post',
        path: `/api/journeys/${journey.id}/events`,
        auth: lead,
        body: { type: 'submit_expression_of_interest', payload: { proposalSummary: 'We will run it as a mutual' } },
      },
      { method: 'post', path: `/api/journeys/${journey.id}/escalations`, auth: lead, body: { reason: 'No answer' } },
      { method: 'get', path: '/api/escalations?status=open', auth: lead },
      { method: 'get', path: '/api/escalations?status=bogus', auth: lead },
      { method: 'get', path: '/api/notifications', auth: cast.users.officer.auth },
      { method: 'get', path: '/api/right-to-provide-requests', auth: cast.users.officer.auth },
      { method: 'get', path: '/api/pipeline/summary', auth: cast.users.staff.auth },
      { method: 'get', path: '/api/pipeline/journeys?limit=5', auth: cast.users.staff.auth },
      { method: 'get', path: '/api/pipeline/journeys', auth: lead },
      { method: 'get', path: '/api/pipeline/at-risk', auth: cast.users.staff.auth },
      { method: 'get', path: '/api/pipeline/stalled', auth: cast.users.staff.auth },
      { method: 'get', path: '/api/pipeline/escalations', auth: cast.users.staff.auth },
      { method: 'get', path: '/api/pathway', auth: lead },
      { method: 'get', path: '/api/me/calendar', auth: lead },
      { method: 'get', path: '/api/email-deliveries?status=failed', auth: adminAuth },
    ]);
    expect(problems).toEqual([]);
    // The replay covered successes and each kind of refusal.
    const statuses = new Set(seen.map((s) => Number(s.split(' ').pop())));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 404, 409]));
  });

  it('documents every operation with a summary, a security requirement, UUID path ids and integer counts', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        expect({ op: `${method} ${path}`, summary: typeof op.summary }).toEqual({ op: `${method} ${path}`, summary: 'string' });
        expect(Array.isArray(op.security)).toBe(true);
        for (const p of op.parameters ?? []) {
          if (p.in === 'path' && /^(id|.*Id)$/.test(p.name))
            expect({ op: `${method} ${path}`, p: p.name, format: p.schema.format }).toEqual({
              op: `${method} ${path}`,
              p: p.name,
              format: 'uuid',
            });
          if (['limit', 'offset', 'days', 'version', 'withinMonths'].includes(p.name))
            expect({ p: p.name, type: p.schema.type }).toEqual({ p: p.name, type: 'integer' });
        }
      }
    }
    expect(doc.components.schemas.JourneyDto.properties.version.type).toBe('integer');
    expect(doc.components.schemas.JourneyDto.properties.staffCount.type).toBe('integer');
    expect(doc.components.schemas.UpdateTaskDto.properties.dueAt.type).toBe('string');
    expect(doc.servers?.length).toBeGreaterThan(0);
  });
});
