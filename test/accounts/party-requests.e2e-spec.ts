import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { createWebCast, PASSWORD } from '../web/support';

jest.setTimeout(120_000);

/**
 * Issue 14 item 8: a mutual lead names a parent body of its own nation only; that body sees an
 * unconfirmed request it can reject as not theirs, which takes the journey (and its notices) out
 * of its view without telling the mutual who said no.
 */
describe('unconfirmed parent body requests', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'party requests');
  });
  afterAll(() => t.close());

  it('a mutual lead cannot name a parent body of another nation, or an organisation of another kind; the central team can', async () => {
    const welsh = await createOrganisation(t, 'parent_body', undefined, { nation: 'wales', bodyType: 'local_authority' });
    const res = await t
      .http()
      .post('/api/journeys')
      .set(cast.users.lead.auth)
      .send({
        name: 'Across the border',
        mutualOrganisationId: cast.orgs.mutual.id,
        parentBodyId: welsh.id,
        serviceArea: 'health',
        region: 'london',
        staffCount: 10,
        plannedTransferDate: new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10),
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('parentBodyId');
    const other = await createJourney(t, cast, { parentBodyId: cast.orgs.department.id }).catch((e: Error) => e.message);
    expect(String(other)).toContain('400');
    const central = await createJourney(t, cast, { parentBodyId: welsh.id }, cast.users.staff);
    expect(central.parentBodyConfirmed).toBe(true);
  });

  it('the web form lists only the parent bodies a mutual lead may name', async () => {
    const welsh = await createOrganisation(t, 'parent_body', `Cardiff Council ${Math.random().toString(36).slice(2, 6)}`, {
      nation: 'wales',
    });
    const agent = request.agent(t.baseUrl);
    const page = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: cast.users.lead.email, password: PASSWORD, _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] })
      .expect(302);
    const html = (await agent.get('/journeys/new').expect(200)).text;
    expect(html).toContain(cast.orgs.parentBody.name);
    expect(html).not.toContain(welsh.name);
    expect(html).not.toContain(cast.orgs.outsiderMutual.name);
  });

  it('the named body sees it unconfirmed and rejects it as not theirs: it leaves their view and inbox, the mutual is told, not by whom', async () => {
    const j = await createJourney(t, cast);
    expect(j.parentBodyConfirmed).toBe(false);
    expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Any message at all' })).status).toBe(
      200,
    );
    const inbox = async () =>
      (await t.http().get('/api/notifications').set(cast.users.officer.auth).expect(200)).body.items.filter(
        (n: { journeyId: string }) => n.journeyId === j.id,
      );
    expect((await inbox()).length).toBeGreaterThan(0);
    // The respond page marks it unconfirmed and offers the rejection.
    const agent = request.agent(t.baseUrl);
    const signIn = await agent.get('/sign-in').expect(200);
    const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: cast.users.officer.email, password: PASSWORD, _csrf: csrf(signIn.text) })
      .expect(302);
    const respond = await agent.get(`/journeys/${j.id}/respond`).expect(200);
    expect(respond.text).toContain('Unconfirmed request');
    // Nobody else may reject it.
    for (const who of [cast.users.lead, cast.users.otherOfficer, cast.users.staff]) {
      expect([403, 404]).toContain((await t.http().post(`/api/journeys/${j.id}/parent-body/reject`).set(who.auth)).status);
    }
    const rejected = await agent
      .post(`/journeys/${j.id}/parent-body/reject`)
      .type('form')
      .send({ _csrf: csrf(respond.text) });
    expect(rejected.status).toBe(303);
    await t.http().get(`/api/journeys/${j.id}`).set(cast.users.officer.auth).expect(404);
    expect(await inbox()).toEqual([]);
    const requests = await t.http().get('/api/right-to-provide-requests').set(cast.users.officer.auth).expect(200);
    expect(requests.body.items.map((r: { journeyId: string }) => r.journeyId)).not.toContain(j.id);
    const seen = (await t.http().get(`/api/journeys/${j.id}`).set(cast.users.lead.auth).expect(200)).body;
    expect(seen.parentBodyId).not.toBe(cast.orgs.parentBody.id);
    const history = (await t.http().get(`/api/journeys/${j.id}/history`).set(cast.users.lead.auth).expect(200)).body.items;
    expect(history.find((h: { type: string }) => h.type === 'parent_body_rejected')).toMatchObject({ actorUserId: null });
    expect(JSON.stringify(history)).not.toContain(cast.users.officer.id);
    const told = (await t.http().get('/api/notifications').set(cast.users.lead.auth).expect(200)).body.items;
    expect(told.some((n: { journeyId: string; type: string }) => n.journeyId === j.id && n.type === 'journey_event')).toBe(true);
  });

  it('answering the request confirms it; a confirmed request cannot be rejected', async () => {
    const j = await createJourney(t, cast);
    await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Ours' });
    expect((await fire(t, j.id, cast.users.officer, 'accept_expression_of_interest')).status).toBe(200);
    const now = (await t.http().get(`/api/journeys/${j.id}`).set(cast.users.officer.auth).expect(200)).body;
    expect(now.parentBodyConfirmed).toBe(true);
    expect((await t.http().post(`/api/journeys/${j.id}/parent-body/reject`).set(cast.users.officer.auth)).status).toBe(409);
    const k = await createJourney(t, cast);
    const confirmed = await t.http().post(`/api/journeys/${k.id}/parent-body/confirm`).set(cast.users.officer.auth);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.parentBodyConfirmed).toBe(true);
  });
});
