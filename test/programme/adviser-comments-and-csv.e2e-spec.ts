import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { createWebCast, PASSWORD } from '../web/support';

jest.setTimeout(90_000);

type Agent = ReturnType<typeof request.agent>;

function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}

/**
 * Issue 12 item 4 (advisers take part in task comments; the central team sees their activity)
 * and item 6's web downloads (support awards and trends as CSV for a signed-in session, the same
 * bytes as the API, for the pipeline's people only).
 */
describe('advisers comment on tasks; the pipeline page lists their activity and downloads CSVs', () => {
  let t: TestApp;
  let cast: Cast;
  let provider: { id: string; name: string };
  let adviser: Actor;
  let otherAdviser: Actor;
  let advised: string;
  let taskId: string;
  let otherDepartmentJourney: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'adviser comments');
    provider = await createOrganisation(t, 'support_provider', 'Mutual Ventures (comments test)');
    const otherProvider = await createOrganisation(t, 'support_provider', 'Other Advice (comments test)');
    adviser = await createActor(t, provider.id, 'adviser', { password: PASSWORD, name: 'Ada Adviser' });
    otherAdviser = await createActor(t, otherProvider.id, 'adviser', { password: PASSWORD });
    advised = (await createJourney(t, cast, { name: 'Advised community care' }, cast.users.staff)).id;
    // A journey of another department: the department officer's downloads must leave it out.
    const otherDepartment = await createOrganisation(t, 'department', 'Other Department (comments test)');
    otherDepartmentJourney = (
      await createJourney(t, cast, { name: 'Other department journey', departmentId: otherDepartment.id }, cast.users.staff)
    ).id;
    await t
      .http()
      .put(`/api/journeys/${advised}/advisers`)
      .set(cast.users.staff.auth)
      .send({ organisationIds: [provider.id] })
      .expect(200);
    const tasks = await t.http().get(`/api/journeys/${advised}/tasks`).set(adviser.auth).expect(200);
    taskId = tasks.body.items[0].id;
    for (const [journeyId, purpose, amountGbp] of [
      [advised, '=HYPERLINK("http://evil.example","click")', 25000],
      [otherDepartmentJourney, 'Business planning advice', 4000],
    ] as const) {
      await t
        .http()
        .post(`/api/journeys/${journeyId}/support-awards`)
        .set(cast.users.staff.auth)
        .send({ providerOrganisationId: provider.id, kind: 'grant', amountGbp, awardedOn: '2026-04-01', purpose })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
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

  const comments = (as: Actor) => t.http().get(`/api/journeys/${advised}/tasks/${taskId}/comments`).set(as.auth);
  const comment = (as: Actor, body: unknown) =>
    t.http().post(`/api/journeys/${advised}/tasks/${taskId}/comments`).set(as.auth).send({ body });

  it('an assigned adviser comments through the API (201); the comment is listed and in the history under their name', async () => {
    const res = await comment(adviser, 'We can help with the business plan template.');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ body: 'We can help with the business plan template.', authorUserId: adviser.id });
    const list = await comments(cast.users.lead).expect(200);
    expect(list.body.items.map((c: { body: string }) => c.body)).toContain('We can help with the business plan template.');
    const history = await t.http().get(`/api/journeys/${advised}/history`).set(cast.users.staff.auth).expect(200);
    expect(history.body.items.filter((h: { type: string; actorUserId: string }) => h.type === 'task_comment_added')).toEqual([
      expect.objectContaining({ actorUserId: adviser.id, data: expect.objectContaining({ taskId, commentId: res.body.id }) }),
    ]);
    // Bad input is still a 400 naming the field, and stores nothing.
    const bad = await comment(adviser, '   ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['body must be a comment of at least one character']);
    expect((await comments(adviser).expect(200)).body.total).toBe(1);
  });

  it('an adviser of another provider gets 404 for the comments, reading or writing; nothing stored', async () => {
    expect((await comments(otherAdviser)).status).toBe(404);
    expect((await comment(otherAdviser, 'Not my journey')).status).toBe(404);
    const web = await signedIn(otherAdviser.email);
    expect((await web.get(`/journeys/${advised}/tasks/${taskId}`)).status).toBe(404);
    expect((await comments(cast.users.staff).expect(200)).body.total).toBe(1);
  });

  it('the adviser still fires no events, changes no tasks and raises no concerns (403)', async () => {
    expect((await fire(t, advised, adviser, 'submit_expression_of_interest', { proposalSummary: 'No' })).status).toBe(403);
    expect(
      (await t.http().patch(`/api/journeys/${advised}/tasks/${taskId}`).set(adviser.auth).send({ status: 'in_progress' })).status,
    ).toBe(403);
    expect((await t.http().post(`/api/journeys/${advised}/escalations`).set(adviser.auth).send({ reason: 'No' })).status).toBe(403);
  });

  it('on the web, the adviser reads the comments and adds one, with no task form and no “Raise a concern” button', async () => {
    const web = await signedIn(adviser.email);
    const page = await web.get(`/journeys/${advised}/tasks/${taskId}`).expect(200);
    expect(page.text).toContain('We can help with the business plan template.');
    expect(page.text).toContain('data-testid="comment-form"');
    expect(page.text).not.toContain('data-testid="task-form"');
    const posted = await web
      .post(`/journeys/${advised}/tasks/${taskId}/comments`)
      .type('form')
      .send({ body: 'Sent the template by email.', _csrf: csrfTokenOf(page.text) });
    expect(posted.status).toBe(303);
    const after = await web.get(`/journeys/${advised}/tasks/${taskId}`).expect(200);
    expect(after.text).toContain('Sent the template by email.');
    expect(after.text).toContain('Ada Adviser');
    const journey = await web.get(`/journeys/${advised}`).expect(200);
    expect(journey.text).not.toContain('Raise a concern');
    expect(journey.text).toContain('data-testid="time-in-states"');
    // Firing an event through the web form is refused as well.
    const refused = await web
      .post(`/journeys/${advised}/actions/submit_expression_of_interest`)
      .type('form')
      .send({ proposalSummary: 'No', _csrf: csrfTokenOf(journey.text) });
    expect([403, 404]).toContain(refused.status);
    expect((await t.http().get(`/api/journeys/${advised}`).set(cast.users.staff.auth)).body.state).toBe('exploring');
  });

  it('the central team sees advisers’ comments and assignments on the pipeline page, newest first', async () => {
    const web = await signedIn(cast.users.staff.email);
    const page = await web.get('/pipeline').expect(200);
    const section = page.text.slice(page.text.indexOf('data-testid="adviser-activity"'));
    const items = section.slice(0, section.indexOf('</ol>')).split('<li').slice(1);
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Ada Adviser (Mutual Ventures (comments test))');
    expect(items[0]).toContain('Sent the template by email.');
    expect(items[1]).toContain('We can help with the business plan template.');
    expect(items[2]).toContain('changed the advisers');
    expect(items[2]).toContain('Added Mutual Ventures (comments test)');
  });

  describe('web CSV downloads', () => {
    it('support awards: the API’s CSV for the session, formula-neutralised, not cached', async () => {
      const web = await signedIn(cast.users.staff.email);
      const page = await web.get('/pipeline').expect(200);
      expect(page.text).toContain('href="/pipeline/support-awards.csv"');
      const res = await web.get('/pipeline/support-awards.csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pathway-support-awards-\d{4}-\d{2}-\d{2}\.csv"$/);
      const api = await t.http().get('/api/pipeline/support-awards.csv').set(cast.users.staff.auth).expect(200);
      expect(res.text).toBe(api.text);
      expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(res.text).toContain(otherDepartmentJourney);
    });

    it('trends: the API’s CSV for the session, not cached', async () => {
      const web = await signedIn(cast.users.staff.email);
      const res = await web.get('/pipeline/trends.csv').expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pathway-trends-\d{4}-\d{2}-\d{2}\.csv"$/);
      const api = await t.http().get('/api/pipeline/trends.csv').set(cast.users.staff.auth).expect(200);
      expect(res.text).toBe(api.text);
      const lines = res.text.trim().split(/\r?\n/);
      expect(lines[0]).toBe(
        'start,end,journeysStarted,expressionsSubmitted,expressionsAccepted,expressionsDeclined,transfersCompleted,withdrawn',
      );
      expect(lines).toHaveLength(9);
    });

    it('a department officer downloads only their department’s journeys; everyone else is refused (403)', async () => {
      const officer = await signedIn(cast.users.departmentOfficer.email);
      const csv = await officer.get('/pipeline/support-awards.csv').expect(200);
      expect(csv.text).toContain(advised);
      expect(csv.text).not.toContain(otherDepartmentJourney);
      await officer.get('/pipeline/trends.csv').expect(200);
      for (const email of [cast.users.lead.email, cast.users.officer.email, adviser.email]) {
        const web = await signedIn(email);
        for (const path of ['/pipeline/support-awards.csv', '/pipeline/trends.csv']) {
          const res = await web.get(path);
          expect({ email, path, status: res.status }).toEqual({ email, path, status: 403 });
          expect(res.headers['content-type']).not.toMatch(/text\/csv/);
        }
      }
      expect((await request(t.baseUrl).get('/pipeline/support-awards.csv')).status).toBe(302);
    });
  });
});
