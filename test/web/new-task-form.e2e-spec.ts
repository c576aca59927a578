import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { Cast, createJourney, daysFromNow } from '../support/journeys';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(90_000);

type Agent = ReturnType<typeof request.agent>;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/**
 * The web form for a journey's own tasks (`/journeys/:id/new-task`): the mutual lead adds tasks
 * for the mutual, the central team for any party; bad input re-renders with the GOV.UK error
 * pattern and writes nothing; everyone else gets 403 (or 404 when they cannot see the journey).
 */
describe('adding a task of the journey’s own on the web', () => {
  let t: TestApp;
  let cast: Cast;
  let journeyId: string;
  let staffEmail: string;

  async function signedIn(email: string): Promise<Agent> {
    const agent = request.agent(t.baseUrl);
    const page = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email, password: PASSWORD, _csrf: csrfOf(page.text) })
      .expect(302);
    return agent;
  }
  const tasksOf = async () => (await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.lead.auth).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'new task');
    journeyId = (await createJourney(t, cast, { name: 'Custom tasks journey' })).id;
    staffEmail = cast.users.staff.email;
  });
  afterAll(() => t.close());

  it('lets the mutual lead add a mutual task with a due date and a dependency, then shows it', async () => {
    const lead = await signedIn(cast.users.lead.email);
    const form = await lead.get(`/journeys/${journeyId}/new-task`).expect(200);
    expect(form.text).toContain('data-testid="fixed-owner">Mutual.');
    expect(form.text).not.toContain('name="ownerParty"');
    const before = await tasksOf();
    const dependency = before.find((x: { status: string; phase: string }) => x.phase === 'pre_spin_out' && x.status === 'not_started');
    const due = daysFromNow(60);
    const [year, month, day] = due.split('-');
    const res = await lead
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfOf(form.text))}&title=${encodeURIComponent('Agree the staff communications plan')}` +
          `&dueDate-day=${Number(day)}&dueDate-month=${Number(month)}&dueDate-year=${year}&dependsOn=${dependency.key}&guidance=Ask+the+union&mandatory=yes` +
          `&ownerParty=parent_body`,
      )
      .expect(303);
    const after = await tasksOf();
    const added = after.find((x: { custom: boolean }) => x.custom);
    expect(added).toMatchObject({
      title: 'Agree the staff communications plan',
      ownerParty: 'mutual', // a mutual lead cannot add for another party, whatever the form says
      dueDate: due,
      dependsOn: [dependency.key],
      mandatory: true,
      guidance: 'Ask the union',
    });
    expect(res.headers.location).toBe(`/journeys/${journeyId}/tasks/${added.id}`);
    const page = await lead.get(res.headers.location).expect(200);
    expect(page.text).toContain('Task added');
    // The journey page offers the form to the lead.
    const journey = await lead.get(`/journeys/${journeyId}`).expect(200);
    expect(journey.text).toContain(`href="/journeys/${journeyId}/new-task" data-testid="add-task-link"`);
  });

  it('refuses bad input with the GOV.UK error pattern and writes nothing', async () => {
    const lead = await signedIn(cast.users.lead.email);
    const before = (await tasksOf()).length;
    const form = await lead.get(`/journeys/${journeyId}/new-task`).expect(200);
    const res = await lead
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        title: '  ',
        'dueDate-day': '31',
        'dueDate-month': '2',
        'dueDate-year': '2030',
        dependsOn: 'no_such_task',
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<a href="#title">Enter what the task is</a>');
    expect(res.text).toMatch(/<a href="#dueDate-day">[^<]*real date<\/a>/);
    const unknownDep = await lead
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), title: 'Something', dependsOn: 'no_such_task' });
    expect(unknownDep.status).toBe(400);
    expect(unknownDep.text).toContain('no_such_task');
    // The API's bounds (CreateTaskDto), in the form's words and page order.
    const long = await lead
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), title: 'x'.repeat(201), guidance: 'g'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(
      /<a href="#title">The task must be 200 characters or fewer<\/a>[\s\S]*<a href="#guidance">Guidance must be 5,000 characters or fewer<\/a>/,
    );
    expect((await tasksOf()).length).toBe(before);
  });

  it('lets the central team choose any owner, and refuses others', async () => {
    const staff = await signedIn(staffEmail);
    const form = await staff.get(`/journeys/${journeyId}/new-task`).expect(200);
    expect(form.text).toContain('name="ownerParty"');
    const missing = await staff
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), title: 'Check the lease' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<a href="#ownerParty">Select who owes the task</a>');
    await staff
      .post(`/journeys/${journeyId}/new-task`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), title: 'Check the lease', ownerParty: 'parent_body' })
      .expect(303);
    expect((await tasksOf()).find((x: { title: string }) => x.title === 'Check the lease').ownerParty).toBe('parent_body');

    const officer = await signedIn(cast.users.officer.email);
    await officer.get(`/journeys/${journeyId}/new-task`).expect(403);
    const journey = await officer.get(`/journeys/${journeyId}`).expect(200);
    expect(journey.text).not.toContain('/new-task"');
  });
});
