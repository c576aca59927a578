/** The calendar feed and the queue dashboard (no worker needed). */
import request from 'supertest';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createActor, createCast } from '../support/fixtures';
import { createJourney, daysFromNow, type Cast } from '../support/journeys';
import { launchBrowser, signIn as browserSignIn, watchPageErrors } from '../support/browser';
import { runPrefix } from './support';

jest.setTimeout(60_000);

describe('calendar feed', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: runPrefix('feeds'), PUBLIC_URL: 'https://pathway.example.test/' } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const pathOf = (url: string) => new URL(url).pathname;

  it('lists the open deadlines the user’s organisation owns, behind an unguessable URL', async () => {
    const journey = await createJourney(t, cast, { name: 'Calendar test mutual', plannedTransferDate: daysFromNow(1000) });
    const { body } = await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200);
    const mutualTasks = body.items.filter((x: { ownerParty: string }) => x.ownerParty === 'mutual');
    const [byInstant, byDate, done] = mutualTasks.filter((x: { dependsOn: string[] }) => x.dependsOn.length === 0);
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${byInstant.id}`)
      .set(cast.users.lead.auth)
      .send({ dueAt: '2030-06-03T13:30:00.000Z' })
      .expect(200);
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${byDate.id}`)
      .set(cast.users.lead.auth)
      .send({ dueDate: '2030-06-14' })
      .expect(200);
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${done.id}`)
      .set(cast.users.lead.auth)
      .send({ status: 'completed' })
      .expect(200);

    const { body: feed } = await t.http().get('/api/me/calendar').set(cast.users.member.auth).expect(200);
    expect(feed.url).toMatch(/^https:\/\/pathway\.example\.test\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);

    const res = await request(t.baseUrl).get(pathOf(feed.url)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    const ics = res.text.replace(/\r\n /g, ''); // unfold long lines
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:task-${byInstant.id}@pathway`);
    expect(ics).toMatch(new RegExp(`UID:task-${byInstant.id}@pathway[\\s\\S]*?DTSTART:20300603T133000Z`));
    expect(ics).toMatch(new RegExp(`UID:task-${byDate.id}@pathway[\\s\\S]*?DTSTART;VALUE=DATE:20300614`));
    expect(ics).not.toContain(`task-${done.id}@pathway`);
    expect(ics).toContain('Calendar test mutual');
    // Every event is a mutual task: the parent body's tasks are in the parent body's feeds.
    const uids = [...ics.matchAll(/UID:task-([0-9a-f-]{36})@pathway/g)].map((m) => m[1]);
    const owners = new Map(body.items.map((x: { id: string; ownerParty: string }) => [x.id, x.ownerParty]));
    expect(uids.length).toBeGreaterThan(2);
    expect(uids.every((id) => owners.get(id) === undefined || owners.get(id) === 'mutual')).toBe(true);

    const { body: officerFeed } = await t.http().get('/api/me/calendar').set(cast.users.officer.auth).expect(200);
    const officerIcs = (await request(t.baseUrl).get(pathOf(officerFeed.url)).expect(200)).text;
    expect(officerIcs).not.toContain(`task-${byInstant.id}@pathway`);
  });

  it('answers 404 for an unknown key and stops serving a rotated one', async () => {
    await request(t.baseUrl).get('/calendar/not-a-real-calendar-key-at-all-000000.ics').expect(404);
    await request(t.baseUrl).get('/calendar/x.ics').expect(404);
    const { body: before } = await t.http().get('/api/me/calendar').set(cast.users.lead.auth).expect(200);
    const { body: after } = await t.http().post('/api/me/calendar/rotate').set(cast.users.lead.auth).expect(200);
    expect(after.url).not.toBe(before.url);
    await request(t.baseUrl).get(pathOf(before.url)).expect(404);
    await request(t.baseUrl).get(pathOf(after.url)).expect(200);
  });

  it('needs a bearer token to find your feed URL', async () => {
    await t.http().get('/api/me/calendar').expect(401);
  });
});

describe('queue dashboard', () => {
  let t: TestApp;
  let cast: Cast;
  const PASSWORD = 'correct horse battery staple';

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: runPrefix('feeds-dashboard') } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is for central-team admins with a bearer token', async () => {
    const page = await t.http().get('/admin/queues').set(adminAuth).expect(200);
    expect(page.text).toContain('Pathway queues');
    const { body } = await t.http().get('/admin/queues/api/queues').set(cast.users.admin.auth).expect(200);
    expect(body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['maintenance', 'notifications', 'reminders']);
    expect(body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
  });

  it('refuses everyone else', async () => {
    await t.http().get('/admin/queues/api/queues').set(cast.users.staff.auth).expect(403);
    await t.http().get('/admin/queues/api/queues').set(cast.users.lead.auth).expect(403);
    await t.http().get('/admin/queues/api/queues').set({ Authorization: 'Bearer not-a-token' }).expect(401);
    // A browser without a session is sent to sign in.
    const anonymous = await t.http().get('/admin/queues').expect(302);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fqueues');
  });

  it('accepts a central-team admin’s web session, and no one else’s', async () => {
    const signIn = async (email: string) => {
      const agent = request.agent(t.baseUrl);
      const form = await agent.get('/sign-in').expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      await agent.post('/sign-in').type('form').send({ _csrf: csrf, email, password: PASSWORD }).expect(302);
      return agent;
    };
    const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD });
    const staff = await createActor(t, cast.orgs.central.id, 'cabinet_office_staff', { password: PASSWORD });
    await (await signIn(admin.email)).get('/admin/queues/api/queues').expect(200);
    await (await signIn(staff.email)).get('/admin/queues/api/queues').expect(403);
  });

  it('renders in a browser under the app’s Content Security Policy', async () => {
    const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = watchPageErrors(page);
      await browserSignIn(page, t.baseUrl, admin.email, PASSWORD);
      await page.goto(`${t.baseUrl}/admin/queues`);
      await page.getByText('reminders', { exact: true }).first().waitFor({ timeout: 15_000 });
      await page.getByText('maintenance', { exact: true }).first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
