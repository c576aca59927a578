import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createActor, type Actor } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { EscalationSweepHandler } from '@pathway/reminders/escalation-sweep.handler';
import { sql } from '../platform/support/test-db';
import { createWebCast, PASSWORD } from '../web/support';

jest.setTimeout(120_000);

const HIDDEN = 'A member of the journey’s parties (confidential)';

/**
 * Issue 10 item 7: a concern raised confidentially goes to the central team, and who raised it
 * is shown only to the central team and the raiser: in the escalation API, the journey history,
 * notifications and the pages.
 */
describe('confidential concerns', () => {
  let t: TestApp;
  let cast: Cast;
  let centralUser: Actor;
  let centralId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    cast = await createWebCast(t, 'confidential');
    [{ id: centralId }] = await sql<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at LIMIT 1`,
    );
    centralUser = await createActor(t, centralId, 'cabinet_office_staff', { password: PASSWORD, name: 'Morgan Central' });
  });
  afterAll(() => t.close());

  async function signedIn(email: string) {
    const agent = request.agent(t.baseUrl);
    const page = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent.post('/sign-in').type('form').send({ email, password: PASSWORD, _csrf: csrf }).expect(302);
    return agent;
  }

  async function raised() {
    // Started by the central team, so the lead's name appears nowhere on the journey but as the raiser.
    const journey = await createJourney(t, cast, {}, cast.users.staff);
    const res = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(cast.users.lead.auth)
      .send({ reason: 'Staff are being pressed to vote yes', confidential: true });
    expect(res.status).toBe(201);
    return { journey, escalation: res.body };
  }

  it('goes to the central team, with the raiser shown to the central team and the raiser only', async () => {
    const { journey, escalation } = await raised();
    expect(escalation).toMatchObject({
      confidential: true,
      level: 1,
      assignedOrganisationId: centralId,
      openedByUserId: cast.users.lead.id,
    });
    for (const who of [cast.users.officer, cast.users.member, cast.users.departmentOfficer, cast.users.arbiter, cast.users.commissioner]) {
      const one = await t.http().get(`/api/escalations/${escalation.id}`).set(who.auth).expect(200);
      expect(one.body).toMatchObject({ confidential: true, openedByUserId: null, openedByHidden: true });
      const list = await t.http().get(`/api/escalations?journeyId=${journey.id}`).set(who.auth).expect(200);
      expect(list.body.items.find((e: { id: string }) => e.id === escalation.id)).toMatchObject({
        openedByUserId: null,
        openedByHidden: true,
      });
      const history = await t.http().get(`/api/journeys/${journey.id}/history`).set(who.auth).expect(200);
      const row = history.body.items.find((h: { type: string }) => h.type === 'escalation_opened');
      expect(row).toMatchObject({ actorUserId: null, actorHidden: true });
      expect(JSON.stringify(history.body)).not.toContain(cast.users.lead.id);
    }
    for (const who of [cast.users.lead, cast.users.staff, centralUser]) {
      const one = await t.http().get(`/api/escalations/${escalation.id}`).set(who.auth).expect(200);
      expect(one.body).toMatchObject({ openedByUserId: cast.users.lead.id, openedByHidden: false });
      const history = await t.http().get(`/api/journeys/${journey.id}/history`).set(who.auth).expect(200);
      expect(history.body.items.find((h: { type: string }) => h.type === 'escalation_opened')).toMatchObject({
        actorUserId: cast.users.lead.id,
      });
    }
  });

  it('tells the central team (not the department), and only the raiser of its resolution', async () => {
    const { escalation } = await raised();
    const notes = async (who: Actor) =>
      (await t.http().get('/api/notifications').set(who.auth).expect(200)).body.items.filter(
        (n: { escalationId: string | null }) => n.escalationId === escalation.id,
      );
    expect(await notes(centralUser)).toHaveLength(1);
    expect(await notes(cast.users.departmentOfficer)).toHaveLength(0);
    const [opened] = await sql<{ title: string; body: string }>(`SELECT title, body FROM notifications WHERE escalation_id = $1 LIMIT 1`, [
      escalation.id,
    ]);
    expect(`${opened.title} ${opened.body}`).not.toMatch(/Sam Patel|mutual_lead/);
    // The department cannot act on it; the central team can.
    await t
      .http()
      .post(`/api/escalations/${escalation.id}/resolve`)
      .set(cast.users.departmentOfficer.auth)
      .send({ resolution: 'x' })
      .expect(403);
    await t
      .http()
      .post(`/api/escalations/${escalation.id}/resolve`)
      .set(centralUser.auth)
      .send({ resolution: 'Spoken to the board' })
      .expect(200);
    const resolved = (n: Array<{ type: string }>) => n.filter((x) => x.type === 'escalation_resolved');
    expect(resolved(await notes(cast.users.lead))).toHaveLength(1);
    for (const who of [cast.users.member, cast.users.officer]) expect(resolved(await notes(who))).toHaveLength(0);
  });

  it('sits beside an ordinary concern, and never rises to the arbiter by itself', async () => {
    const { journey, escalation } = await raised();
    const ordinary = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(cast.users.officer.auth)
      .send({ reason: 'Ordinary' });
    expect(ordinary.status).toBe(201);
    // Both long past their escalation time: the sweep raises the ordinary one only.
    await sql(`UPDATE escalations SET level_since = now() - interval '400 days' WHERE journey_id = $1`, [journey.id]);
    await t.worker!.get(EscalationSweepHandler, { strict: false }).handle();
    const levels = await sql<{ id: string; level: number; assigned: string }>(
      `SELECT id, level, assigned_organisation_id AS assigned FROM escalations WHERE journey_id = $1`,
      [journey.id],
    );
    expect(levels.find((e) => e.id === escalation.id)).toMatchObject({ level: 1, assigned: centralId });
    expect(levels.find((e) => e.id === ordinary.body.id)).toMatchObject({ level: 2, assigned: cast.orgs.arbiter.id });
  });

  it('the pages show the raiser to the central team and the raiser, and “a member of the journey’s parties” to everyone else', async () => {
    const { journey, escalation } = await raised();
    const officer = await signedIn(cast.users.officer.email);
    for (const path of [`/escalations/${escalation.id}`, `/journeys/${journey.id}`]) {
      const html = (await officer.get(path).expect(200)).text;
      expect(html).not.toContain('Sam Patel');
      expect(html).toContain(HIDDEN);
    }
    const lead = await signedIn(cast.users.lead.email);
    expect((await lead.get(`/escalations/${escalation.id}`).expect(200)).text).toContain('Sam Patel');
    const central = await signedIn(centralUser.email);
    const centralPage = (await central.get(`/escalations/${escalation.id}`).expect(200)).text;
    expect(centralPage).toContain('Sam Patel');
    expect(centralPage).toContain('Resolve');
  });

  it('the raise-a-concern form offers the confidential option and sends it to the central team', async () => {
    const journey = await createJourney(t, cast, {}, cast.users.staff);
    const lead = await signedIn(cast.users.lead.email);
    const form = await lead.get(`/journeys/${journey.id}/escalations/new`).expect(200);
    expect(form.text).toContain('Raise this confidentially with the central team');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const res = await lead
      .post(`/journeys/${journey.id}/escalations/new`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Confidential via the form', confidential: 'yes', taskId: '' });
    expect(res.status).toBe(303);
    const [row] = await sql<{ confidential: boolean; assigned: string; opener: string }>(
      `SELECT confidential, assigned_organisation_id AS assigned, opened_by_user_id AS opener FROM escalations WHERE journey_id = $1`,
      [journey.id],
    );
    expect(row).toEqual({ confidential: true, assigned: centralId, opener: cast.users.lead.id });
  });
});
