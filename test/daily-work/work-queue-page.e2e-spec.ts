import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createWebCast, PASSWORD } from '../web/support';
import { Cast, createJourney } from '../support/journeys';
import { londonDatePlus } from '../right-to-provide/support';
import { backdateTask } from '../pipeline/support';

/**
 * The /tasks page (issue 18 items 1 and 9): the work queue as a GOV.UK table whose cells carry
 * their column's name for narrow screens, overdue first, and paged with the Design System's
 * ellipses (first, last and the pages either side), not one link per page.
 */
describe('daily work: the /tasks page', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'queue page');
  });
  afterAll(() => t.close());

  it('shows a page of 25 rows, overdue first, with labelled cells and ellipsis paging', async () => {
    const { lead, admin } = cast.users;
    const journeys = [];
    for (let i = 0; i < 5; i++) journeys.push(await createJourney(t, cast, { name: `Queue page ${i}` }));
    const tasks = (await t.http().get(`/api/journeys/${journeys[2].id}/tasks`).set(admin.auth).expect(200)).body.items as Array<{
      id: string;
      title: string;
      ownerParty: string;
      status: string;
    }>;
    const late = tasks.find((x) => x.ownerParty === 'mutual' && x.status !== 'cannot_start_yet')!;
    await backdateTask(t, late.id, londonDatePlus(-2));
    const api = (await t.http().get('/api/me/tasks?limit=1').set(lead.auth).expect(200)).body;
    const pages = Math.ceil(api.total / 25);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(api.items[0]).toMatchObject({ id: late.id, overdue: true, sourceUrl: expect.anything(), contractId: null });

    const agent = request.agent(t.baseUrl);
    const form = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: lead.email, password: PASSWORD }).expect(302);
    const page = (await agent.get('/tasks').expect(200)).text;
    const table = page.slice(page.indexOf('data-testid="work-queue"'), page.indexOf('</table>'));
    const rows = table.split('<tr class="govuk-table__row">').slice(2);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toContain(`/journeys/${journeys[2].id}/tasks/${late.id}"`);
    expect(rows[0]).toMatch(/data-label="Due">[^<]*<strong class="govuk-tag govuk-tag--red">Overdue<\/strong>/);
    for (const label of ['Task', 'Journey', 'Due', 'Assigned to', 'Status']) expect(rows[3]).toContain(`data-label="${label}"`);
    expect(page).toContain('class="govuk-table pathway-table-reflow"');
    // First, next, the last page and an ellipsis between: not one link per page.
    expect(page).toContain('govuk-pagination__item--ellipsis');
    expect(page).toContain(`href="/tasks?page=${pages}"`);
    expect(page).not.toContain(`href="/tasks?page=4"`);
    const second = (await agent.get('/tasks?page=2').expect(200)).text;
    expect(second).not.toContain(`/tasks/${late.id}"`);
    expect(second).toContain('href="/tasks?page=3"');
  });
});
