import { EVENT_DEFINITIONS, PUBLIC_JOURNEY_EVENT_TYPES } from '@pathway/domain/events';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createWebCast, PASSWORD } from '../web/support';
import { Cast, createJourney, fire } from '../support/journeys';

/**
 * Event payloads are validated per event type (CONTRACT: "Who may change a journey's parties and
 * deadlines"): on every public event type, an unknown key is 400 naming it, over-long text is 400,
 * a missing required field is 400, and nothing changes. Validation comes before the state check,
 * so every type can be tried on one journey.
 */
function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}

describe('Event payloads validated per event type', () => {
  let t: TestApp;
  let cast: Cast;
  let journey: { id: string; version: number };
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'event payloads');
    journey = await createJourney(t, cast);
  });
  afterAll(() => t.close());

  const versionNow = async () => (await t.http().get(`/api/journeys/${journey.id}`).set(cast.users.admin.auth).expect(200)).body.version;
  const fill = (type: (typeof PUBLIC_JOURNEY_EVENT_TYPES)[number]) =>
    Object.fromEntries(EVENT_DEFINITIONS[type].requiredPayload.map((f) => [f, 'Filled in']));

  it.each(PUBLIC_JOURNEY_EVENT_TYPES)('%s: an unknown key is 400 naming it, and nothing changes', async (type) => {
    const before = await versionNow();
    const res = await fire(t, journey.id, cast.users.lead, type, { ...fill(type), sneaky: 'x'.repeat(50_000) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain(`property payload.sneaky should not exist: it is not a field of ${type}`);
    expect(await versionNow()).toBe(before);
  });

  it.each(PUBLIC_JOURNEY_EVENT_TYPES.filter((type) => EVENT_DEFINITIONS[type].requiredPayload.length > 0))(
    '%s: each required field is required and its text bounded',
    async (type) => {
      for (const field of EVENT_DEFINITIONS[type].requiredPayload) {
        const missing = await fire(t, journey.id, cast.users.lead, type, { ...fill(type), [field]: undefined });
        expect(missing.status).toBe(400);
        expect(missing.body.message).toContain(`payload.${field} must be a non-empty string`);
        const max = field === 'governance' ? 500 : 10_000;
        const long = await fire(t, journey.id, cast.users.lead, type, { ...fill(type), [field]: 'x'.repeat(max + 1) });
        expect(long.status).toBe(400);
        expect(long.body.message).toContain(`payload.${field} must be at most ${max} characters`);
      }
    },
  );

  it('optional governance is bounded on every decision that takes it', async () => {
    for (const type of PUBLIC_JOURNEY_EVENT_TYPES.filter((x) => EVENT_DEFINITIONS[x].decision === 'optional')) {
      const res = await fire(t, journey.id, cast.users.officer, type, { ...fill(type), governance: 'g'.repeat(501) });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('payload.governance must be at most 500 characters');
    }
  });

  it('a valid payload passes validation and meets the usual checks (role 403, state 409)', async () => {
    expect((await fire(t, journey.id, cast.users.officer, 'approve_business_case', { governance: 'Board' })).status).toBe(409);
    expect((await fire(t, journey.id, cast.users.lead, 'approve_business_case', {})).status).toBe(403);
    const res = await fire(t, journey.id, cast.users.lead, 'put_on_hold', { reason: 'Waiting for the council elections' });
    expect(res.status).toBe(200);
  });

  it('the web decision forms take governance, through the same validation', async () => {
    const j = await createJourney(t, cast);
    expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'p' })).status).toBe(200);
    const agent = request.agent(t.baseUrl);
    const signIn = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: cast.users.officer.email, password: PASSWORD, _csrf: csrfTokenOf(signIn.text) })
      .expect(302);
    const respond = `/journeys/${j.id}/respond`;
    const page = await agent.get(respond).expect(200);
    expect(page.text).toContain('id="decline_expression_of_interest-governance"');
    expect(page.text).toContain('id="accept_expression_of_interest-governance"');
    const post = async (form: Record<string, string>) =>
      agent
        .post(`/journeys/${j.id}/actions/decline_expression_of_interest`)
        .type('form')
        .send({
          from: 'respond',
          ground: 'not_viable',
          reasons: 'Not viable',
          ...form,
          _csrf: csrfTokenOf((await agent.get(respond)).text),
        });
    // Over the bound: the service's DTO refuses it, and the form says so against the field (it is optional on a decline).
    let res = await post({ governance: 'g'.repeat(501) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('500 characters or fewer');
    expect((await t.http().get(`/api/journeys/${j.id}`).set(cast.users.admin.auth)).body.state).toBe('awaiting_parent_body_response');
    res = await post({ governance: 'Cabinet, 12 March 2026, minute 7' });
    expect(res.status).toBe(303);
    const history = (await t.http().get(`/api/journeys/${j.id}/history`).set(cast.users.admin.auth).expect(200)).body.items;
    expect(history.find((h: { type: string }) => h.type === 'decline_expression_of_interest')).toMatchObject({
      actorUserId: cast.users.officer.id,
      data: { governance: 'Cabinet, 12 March 2026, minute 7', reasons: 'Not viable', ground: 'not_viable' },
    });
    const show = await agent.get(`/journeys/${j.id}`).expect(200);
    expect(show.text).toContain('Decided under');
    expect(show.text).toContain('Cabinet, 12 March 2026, minute 7');
  });
});
