import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { copyJourney } from '../support/copy-journey';
import { createOrganisation } from '../support/fixtures';
import { Cast, createJourney, daysFromNow } from '../support/journeys';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(180_000);

type Agent = ReturnType<typeof request.agent>;

/**
 * The pipeline page's journey list past 50 journeys: GOV.UK pagination, sortable column
 * headings (links, sorted on the server), bad sort or page values as a 400 with an error summary;
 * the spreadsheet download in words and labels, the machine CSV beside it.
 */
describe('pipeline page: the journey list pages and sorts; the spreadsheet is for people', () => {
  let t: TestApp;
  let cast: Cast;
  let staff: Agent;
  let pb: string;
  const COUNT = 53;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'pipeline list');
    // A parent body of their own, so other journeys never count.
    pb = (await createOrganisation(t, 'parent_body', 'Paging Council', { bodyType: 'local_authority' })).id;
    const name = (i: number) => `Journey ${String(i).padStart(2, '0')}`;
    const first = await createJourney(
      t,
      cast,
      { name: name(0), parentBodyId: pb, plannedTransferDate: daysFromNow(600) },
      cast.users.admin,
    );
    // The other 52 as copies of the first in SQL (each a day later): the subject is the list, not making journeys.
    await copyJourney(
      t.databaseUrl,
      first.id,
      Array.from({ length: COUNT - 1 }, (_, i) => ({ name: name(i + 1), plannedTransferDate: daysFromNow(601 + i) })),
    );
    staff = request.agent(t.baseUrl);
    const signIn = await staff.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1];
    await staff.post('/sign-in').type('form').send({ email: cast.users.staff.email, password: PASSWORD, _csrf: csrf }).expect(302);
  });
  afterAll(() => t.close());

  const namesIn = (html: string) => {
    const table = html.slice(html.indexOf('data-testid="journeys-table"'));
    return [...table.slice(0, table.indexOf('</table>')).matchAll(/href="\/journeys\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
  };

  it('shows 50 journeys a page with GOV.UK pagination to the rest, keeping the filters', async () => {
    const first = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    expect(namesIn(first.text)).toHaveLength(50);
    expect(namesIn(first.text)[0]).toBe('Journey 00');
    expect(first.text).toContain('53 journeys, filtered. Showing 1 to 50.');
    expect(first.text).toContain('class="govuk-pagination"');
    expect(first.text).toContain(`href="/pipeline?parentBodyId=${pb}&amp;page=2#journeys"`);
    const second = await staff.get(`/pipeline?parentBodyId=${pb}&page=2`).expect(200);
    expect(namesIn(second.text)).toEqual(['Journey 50', 'Journey 51', 'Journey 52']);
    expect(second.text).toContain('Showing 51 to 53.');
    const past = await staff.get(`/pipeline?parentBodyId=${pb}&page=9`).expect(200);
    expect(namesIn(past.text)).toEqual([]);
    expect(past.text).toContain('There are no journeys on this page.');
  });

  it('sorts by a column heading link, which flips the order when followed again', async () => {
    const page = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    // The default sort is marked on its heading; another heading's link sorts by it ascending.
    expect(page.text).toMatch(
      /aria-sort="ascending"[^>]*>\s*<a [^>]*href="\/pipeline\?parentBodyId=[^"]*&amp;sort=plannedTransferDate&amp;order=desc#journeys">Planned transfer/,
    );
    expect(page.text).toContain(`href="/pipeline?parentBodyId=${pb}&amp;sort=name&amp;order=asc#journeys">Journey`);
    const desc = await staff.get(`/pipeline?parentBodyId=${pb}&sort=name&order=desc`).expect(200);
    expect(namesIn(desc.text).slice(0, 3)).toEqual(['Journey 52', 'Journey 51', 'Journey 50']);
    expect(desc.text).toMatch(
      /aria-sort="descending"[^>]*>\s*<a [^>]*href="\/pipeline\?parentBodyId=[^"]*&amp;sort=name&amp;order=asc#journeys">Journey/,
    );
    // Pages keep the sort, and the filter form keeps it too.
    expect(desc.text).toContain(`href="/pipeline?parentBodyId=${pb}&amp;sort=name&amp;order=desc&amp;page=2#journeys"`);
    expect(desc.text).toContain('<input type="hidden" name="sort" value="name">');
  });

  it('answers an unknown sort, order or page with 400 and an error summary, still showing the list', async () => {
    for (const [query, message] of [
      ['sort=openTasks', 'Sort the journeys by one of the column headings'],
      ['order=sideways', 'Sort the journeys in ascending or descending order'],
      ['page=0', 'Choose a page of journeys from the page links'],
      ['page=two', 'Choose a page of journeys from the page links'],
    ]) {
      const res = await staff.get(`/pipeline?parentBodyId=${pb}&${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.text).toContain(`<a href="#journeys">${message}</a>`);
      expect(namesIn(res.text)).toHaveLength(50);
    }
  });

  it('downloads a spreadsheet with headings in words and labels for codes; the machine CSV stays', async () => {
    const human = await staff.get(`/pipeline/journeys.csv?parentBodyId=${pb}`).expect(200);
    const rows: Array<Record<string, string>> = parse(human.text, { columns: true, bom: true });
    expect(Object.keys(rows[0])).toEqual([
      'Journey',
      'Mutual',
      'Parent body',
      'Commissioner',
      'Department',
      'Arbiter',
      'Service area',
      'Region',
      'Phase',
      'Status',
      'Staff',
      'Planned transfer date',
      'Open tasks',
      'Overdue tasks',
      'Open escalations',
      'Last activity',
      'Days in status',
      'At risk',
      'Journey ID',
    ]);
    expect(rows).toHaveLength(COUNT);
    expect(rows[0]).toMatchObject({
      Journey: 'Journey 00',
      'Parent body': 'Paging Council',
      Phase: 'Pre-spin-out',
      Status: 'Exploring',
      Region: 'Yorkshire and the Humber',
      'Days in status': '0',
      'At risk': 'No',
    });
    expect(rows[0]['Last activity']).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}(:\d{2})?(am|pm)$|midday|midnight/);
    const page = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    expect(page.text).toContain(`href="/pipeline/journeys.csv?parentBodyId=${pb}&amp;format=machine"`);
    const machine = await staff.get(`/pipeline/journeys.csv?parentBodyId=${pb}&format=machine`).expect(200);
    expect(machine.text.replace('\uFEFF', '').split('\r\n')[0]).toMatch(/^id,name,mutualOrganisationName,/);
    expect(machine.text).toContain(',exploring,');
  });
});
