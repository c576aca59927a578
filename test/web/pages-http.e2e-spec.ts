import request from 'supertest';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { count } from '../platform/support/test-db';
import { createActor, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(60_000);

type Agent = ReturnType<typeof request.agent>;

/** The hidden CSRF token in a page's form. */
function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}

/**
 * The pages over plain HTTP, as a browser without JavaScript uses them: forms post, errors
 * re-render with the GOV.UK error summary, refusals reach the GOV.UK error pages, CSRF holds.
 */
describe('web pages over HTTP (no JavaScript)', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'pages http');
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedIn(email: string): Promise<Agent> {
    const agent = request.agent(t.baseUrl);
    const page = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email, password: PASSWORD, _csrf: csrfTokenOf(page.text) })
      .expect(302);
    return agent;
  }

  /** Posts a form with the CSRF token of the page at `from`. */
  async function post(agent: Agent, from: string, to: string, form: Record<string, string>) {
    const page = await agent.get(from);
    return agent
      .post(to)
      .type('form')
      .send({ ...form, _csrf: csrfTokenOf(page.text) });
  }

  it('sends people who are signed out to sign in, remembering the page', async () => {
    const journey = await createJourney(t, cast);
    const res = await t.http().get(`/journeys/${journey.id}`).expect(302);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(`/journeys/${journey.id}`)}`);
  });

  it('shows GOV.UK 404 pages for bad ids, unknown journeys and journeys the person may not see', async () => {
    const journey = await createJourney(t, cast);
    const outsider = await signedIn(cast.users.officer.email);
    const strangerUser = await createActor(t, cast.orgs.outsiderMutual.id, 'mutual_lead', { password: PASSWORD });
    const stranger = await signedIn(strangerUser.email);
    for (const [agent, path] of [
      [outsider, '/journeys/not-a-uuid'],
      [outsider, '/journeys/00000000-0000-4000-8000-000000000000'],
      [stranger, `/journeys/${journey.id}`],
      [stranger, `/journeys/${journey.id}/tasks/00000000-0000-4000-8000-000000000000`],
      [stranger, '/escalations/00000000-0000-4000-8000-000000000000'],
      [outsider, `/journeys/${journey.id}/actions/not_an_event`],
    ] as Array<[Agent, string]>) {
      const res = await agent.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).toContain('<title>Page not found - Pathway</title>');
    }
  });

  it('shows GOV.UK 403 pages for pages a role may not use', async () => {
    const member = await signedIn(cast.users.officer.email);
    const res = await member.get('/journeys/new').expect(403);
    expect(res.text).toContain('You cannot do this');
    expect(res.text).toContain('Only the central team or a mutual’s lead can start a journey');
    const lead = await signedIn(cast.users.lead.email);
    await lead.get('/pipeline').expect(403);
    await lead.get('/pipeline/journeys.csv').expect(403);
  });

  it('refuses a form without its CSRF token', async () => {
    const journey = await createJourney(t, cast);
    const lead = await signedIn(cast.users.lead.email);
    const res = await lead
      .post(`/journeys/${journey.id}/actions/submit_expression_of_interest`)
      .type('form')
      .send({ proposalSummary: 'x' })
      .expect(403);
    expect(res.text).toContain('Your form could not be sent');
    const { body } = await t.http().get(`/api/journeys/${journey.id}`).set(cast.users.lead.auth).expect(200);
    expect(body.state).toBe('exploring');
  });

  it('shows a stale page’s action as a 409 error summary, then works with the fresh version', async () => {
    const journey = await createJourney(t, cast);
    const lead = await signedIn(cast.users.lead.email);
    const page = `/journeys/${journey.id}`;
    const stale = await post(lead, page, `${page}/actions/submit_expression_of_interest`, {
      proposalSummary: 'Our proposal',
      expectedVersion: '99',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('<title>Error: Submit your expression of interest - Pathway</title>');
    expect(stale.text).toMatch(/The journey has changed since version 99/);
    expect(stale.text).toContain('Our proposal');
    const fresh = /name="expectedVersion" value="(\d+)"/.exec(stale.text)![1];
    const ok = await post(lead, page, `${page}/actions/submit_expression_of_interest`, {
      proposalSummary: 'Our proposal',
      expectedVersion: fresh,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(page);
  });

  it('lists the blocking tasks when a guarded action is posted too early (422)', async () => {
    const journey = await createJourney(t, cast);
    expect((await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'p' })).status).toBe(200);
    expect((await fire(t, journey.id, cast.users.officer, 'accept_expression_of_interest')).status).toBe(200);
    const lead = await signedIn(cast.users.lead.email);
    const res = await post(lead, `/journeys/${journey.id}`, `/journeys/${journey.id}/actions/submit_business_case`, {});
    expect(res.status).toBe(422);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('Complete these tasks, or mark them as not applicable, first:');
    expect(res.text).toMatch(new RegExp(`<a href="/journeys/${journey.id}/tasks/[0-9a-f-]{36}">Write the business case</a>`));
  });

  it('re-renders the parent body’s response page with errors, and refuses other roles', async () => {
    const journey = await createJourney(t, cast);
    expect((await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'p' })).status).toBe(200);
    const officer = await signedIn(cast.users.officer.email);
    const respond = `/journeys/${journey.id}/respond`;
    const res = await post(officer, respond, `/journeys/${journey.id}/actions/decline_expression_of_interest`, {
      from: 'respond',
      ground: 'not_viable',
      reasons: ' ',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Error: Respond to the expression of interest - Pathway</title>');
    expect(res.text).toContain(
      '<a href="#decline_expression_of_interest-reasons">Enter your reasons for declining the expression of interest</a>',
    );
    expect(res.text).toMatch(/value="not_viable" checked/);
    // The mutual cannot answer its own request.
    const lead = await signedIn(cast.users.lead.email);
    await lead.get(respond).expect(403);
    const refused = await post(lead, `/journeys/${journey.id}`, `/journeys/${journey.id}/actions/accept_expression_of_interest`, {});
    expect(refused.status).toBe(403);
  });

  it('lets the central team start a journey for any mutual, choosing every party from selects', async () => {
    const staff = await signedIn(cast.users.staff.email);
    const form = await staff.get('/journeys/new').expect(200);
    expect(form.text).toContain('<select class="govuk-select" id="mutualOrganisationId" name="mutualOrganisationId">');
    expect(form.text).toContain(`<option value="${cast.orgs.mutual.id}">${cast.orgs.mutual.name}</option>`);
    expect(form.text).toContain(`<option value="${cast.orgs.arbiter.id}">${cast.orgs.arbiter.name}</option>`);
    const res = await post(staff, '/journeys/new', '/journeys/new', {
      name: 'Started by the central team',
      mutualOrganisationId: cast.orgs.mutual.id,
      parentBodyId: cast.orgs.parentBody.id,
      commissionerId: cast.orgs.commissioner.id,
      departmentId: '',
      arbiterId: '',
      serviceArea: 'probation',
      region: 'wales',
      staffCount: '250',
      'plannedTransferDate-day': '2',
      'plannedTransferDate-month': '4',
      'plannedTransferDate-year': '2032',
    });
    expect(res.status).toBe(303);
    const id = /^\/journeys\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
    const { body } = await t.http().get(`/api/journeys/${id}`).set(cast.users.admin.auth).expect(200);
    expect(body).toMatchObject({
      name: 'Started by the central team',
      mutualOrganisationId: cast.orgs.mutual.id,
      commissionerId: cast.orgs.commissioner.id,
      departmentId: null,
      serviceArea: 'probation',
      region: 'wales',
      staffCount: 250,
      plannedTransferDate: '2032-04-02',
    });
  });

  it('starts a journey only with organisations of the right kinds', async () => {
    const lead = await signedIn(cast.users.lead.email);
    const res = await post(lead, '/journeys/new', '/journeys/new', {
      name: 'Tampered',
      parentBodyId: cast.orgs.mutual.id,
      serviceArea: 'health',
      region: 'london',
      staffCount: '10',
      'plannedTransferDate-day': '1',
      'plannedTransferDate-month': '1',
      'plannedTransferDate-year': '2035',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<a href="#parentBodyId">Select the parent body</a>');
    // CreateJourneyDto's bounds, in the form's words: the web cannot start what the API refuses.
    const far = new Date().getUTCFullYear() + 11;
    const bounds = await post(lead, '/journeys/new', '/journeys/new', {
      name: 'x'.repeat(201),
      parentBodyId: cast.orgs.parentBody.id,
      serviceArea: 'health',
      region: 'london',
      staffCount: '1,000,001',
      'plannedTransferDate-day': '1',
      'plannedTransferDate-month': '1',
      'plannedTransferDate-year': String(far),
    });
    expect(bounds.status).toBe(400);
    expect(bounds.text).toContain('<a href="#name">Journey name must be 200 characters or fewer</a>');
    expect(bounds.text).toContain('<a href="#staffCount">Number of staff must be 1,000,000 or fewer</a>');
    expect(bounds.text).toMatch(
      /<a href="#plannedTransferDate-day">The planned transfer date must be no more than 10 years ahead, on or before \d/,
    );
  });

  it('holds the administration forms to the API’s own rules: an address or name the API refuses, the form refuses too, and nothing is made', async () => {
    const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD });
    const agent = await signedIn(admin.email);
    const users = () => count('SELECT count(*) FROM users');
    const before = await users();
    // Each passed the form's own pattern before; each is refused by the API's CreateUserDto.
    for (const email of ['nia@hove.c', 'nia@ho_ve.example', 'nia..x@hove.example']) {
      const api = await t
        .http()
        .post('/api/users')
        .set(adminAuth)
        .send({ email, name: 'Nia', organisationId: cast.orgs.mutual.id, role: 'mutual_lead' });
      expect(api.status).toBe(400);
      const res = await post(agent, '/admin/users/new', '/admin/users/new', {
        email,
        name: 'Nia',
        organisationId: cast.orgs.mutual.id,
        role: 'mutual_lead',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Enter an email address in the correct format, like name@example.gov.uk');
    }
    const long = await post(agent, '/admin/organisations/new', '/admin/organisations/new', { name: 'n'.repeat(201), kind: 'mutual' });
    expect(long.status).toBe(400);
    expect(long.text).toContain('Name must be 200 characters or fewer');
    const rename = await post(
      agent,
      `/admin/organisations/${cast.orgs.mutual.id}/name`,
      `/admin/organisations/${cast.orgs.mutual.id}/name`,
      {
        name: '   ',
      },
    );
    expect(rename.status).toBe(400);
    expect(rename.text).toContain('Enter the organisation’s name');
    expect(await users()).toBe(before);
  });

  it('lets only the task’s owner update it', async () => {
    const journey = await createJourney(t, cast);
    const { body } = await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200);
    const mutualTask = body.items.find(
      (x: { ownerParty: string; status: string }) => x.ownerParty === 'mutual' && x.status === 'not_started',
    );
    const officer = await signedIn(cast.users.officer.email);
    const path = `/journeys/${journey.id}/tasks/${mutualTask.id}`;
    const page = await officer.get(path).expect(200);
    expect(page.text).not.toContain('data-testid="task-form"');
    expect(page.text).toContain('Only the mutual that owns this task can update it.');
    const res = await officer
      .post(path)
      .type('form')
      .send({ status: 'completed', _csrf: csrfTokenOf(page.text) });
    expect(res.status).toBe(403);
  });

  it('streams the CSV for a department officer, scoped to their department', async () => {
    const mine = await createJourney(t, cast, { name: 'Scoped journey' });
    const otherDepartment = await createOrganisation(t, 'department');
    const theirs = await createJourney(t, cast, { name: 'Not theirs', departmentId: otherDepartment.id }, cast.users.admin);
    const officer = await signedIn(cast.users.departmentOfficer.email);
    const res = await officer.get('/pipeline/journeys.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text).toContain(mine.id);
    expect(res.text).not.toContain(theirs.id);
    const page = await officer.get('/pipeline').expect(200);
    expect(page.text).toContain(`Journeys with ${cast.orgs.department.name} as their department`);
    const bad = await officer.get('/pipeline?region=atlantis').expect(400);
    expect(bad.text).toContain('<a href="#region">Select a region from the list</a>');
  });
});
