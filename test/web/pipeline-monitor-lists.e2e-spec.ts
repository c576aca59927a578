import { join } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { createOrganisation } from '../support/fixtures';
import { createJourney, daysFromNow } from '../support/journeys';
import { browserSuite, PASSWORD, shoot } from './support';

jest.setTimeout(300_000);

type Agent = ReturnType<typeof request.agent>;

/**
 * The pipeline page for ~100 journeys (issue 18, item 7): the at-risk, stalled and escalated lists
 * each page and sort on their own (`riskPage`, `stalledSort`, `escalationOrder`…), every link
 * keeping the filters and the other lists' state; department and at-risk filters (a department
 * officer cannot widen their view); department, days-in-status and at-risk columns; every table
 * reflows at 320 px. Screenshots at 1280 and 320 px when SCREENSHOT_DIR is set.
 */
describe('pipeline page: every list pages and sorts; department and at-risk filters', () => {
  const suite = browserSuite('pipeline monitor lists');
  let staff: Agent;
  let officer: Agent;
  let pb: string;
  let otherDepartment: string;
  const AT_RISK = 23;

  async function agentFor(email: string): Promise<Agent> {
    const agent = request.agent(suite.t.baseUrl);
    const signIn = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1];
    await agent.post('/sign-in').type('form').send({ email, password: PASSWORD, _csrf: csrf }).expect(302);
    return agent;
  }

  /** The journey names linked in one table of the page. */
  const namesIn = (html: string, testid: string) => {
    const table = html.slice(html.indexOf(`data-testid="${testid}"`));
    return [...table.slice(0, table.indexOf('</table>')).matchAll(/href="\/journeys\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
  };
  const section = (html: string, id: string) => {
    const from = html.indexOf(`id="${id}"`);
    return html.slice(from, html.indexOf('<h2', from + 10));
  };

  /** Besides the whole page, one screen at each part (the whole page is too tall to look at). */
  async function shootParts(page: Page, name: string): Promise<void> {
    const dir = process.env.SCREENSHOT_DIR;
    if (!dir) return;
    await shoot(page, name);
    for (const id of ['filters', 'at-risk', 'stalled', 'escalated', 'journeys']) {
      const target = id === 'filters' ? page.locator('[data-testid="filters"]') : page.locator(`#${id}`);
      await target.evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
      });
      await page.screenshot({ path: join(dir, `${name}-${id}.png`) });
    }
  }

  beforeAll(async () => {
    const { t, cast } = suite;
    pb = (await createOrganisation(t, 'parent_body', 'Monitor Council', { bodyType: 'local_authority' })).id;
    otherDepartment = (await createOrganisation(t, 'department', 'Department for Education (monitor lists)')).id;
    const services = ['Community nursing', 'Adult social care and reablement', 'Libraries', 'Youth services', 'School meals'];
    const ids: string[] = [];
    for (let i = 0; i < AT_RISK; i += 1) {
      const name = `${services[i % services.length]} ${String(i).padStart(2, '0')}`;
      const j = await createJourney(t, cast, { name, parentBodyId: pb, plannedTransferDate: daysFromNow(20 + i) }, cast.users.admin);
      ids.push(j.id);
    }
    for (const name of ['Careers advice 90', 'Family hubs 91']) {
      await createJourney(
        t,
        cast,
        { name, parentBodyId: pb, departmentId: otherDepartment, plannedTransferDate: daysFromNow(900) },
        cast.users.admin,
      );
    }
    for (const id of ids.slice(0, 21)) {
      const res = await t
        .http()
        .post(`/api/journeys/${id}/escalations`)
        .set(cast.users.lead.auth)
        .send({ reason: 'No reply for six weeks' });
      expect(res.status).toBe(201);
    }
    // Idle for 31 to 53 days (stalled), in their state for as many days, escalations of as many ages.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query(
      `UPDATE journeys j SET last_activity_at = now() - make_interval(days => 31 + n.i) - interval '1 hour',
                             state_entered_at = now() - make_interval(days => 31 + n.i) - interval '1 hour'
         FROM (SELECT id, row_number() OVER (ORDER BY name)::int AS i FROM journeys WHERE id = ANY($1)) n WHERE n.id = j.id`,
      [ids],
    );
    await db.query(
      `UPDATE escalations e SET opened_at = now() - make_interval(days => n.i)
         FROM (SELECT id, row_number() OVER (ORDER BY opened_at)::int AS i FROM escalations WHERE journey_id = ANY($1)) n WHERE n.id = e.id`,
      [ids],
    );
    await db.end();
    staff = await agentFor(cast.users.staff.email);
    officer = await agentFor(cast.users.departmentOfficer.email);
  });

  it('pages the at-risk, stalled and escalated lists on their own, 20 a page, each link keeping the rest of the page', async () => {
    const first = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    expect(namesIn(first.text, 'at-risk-table')).toHaveLength(20);
    expect(namesIn(first.text, 'stalled-table')).toHaveLength(20);
    expect(first.text).toMatch(/data-testid="at-risk-count">[^<]*: 23 journeys\. Showing 1 to 20 of 23\./);
    expect(first.text).toMatch(/data-testid="escalations-count">Open escalations: 21\. Showing 1 to 20 of 21\./);
    expect(section(first.text, 'at-risk')).toContain(`href="/pipeline?parentBodyId=${pb}&amp;riskPage=2#at-risk"`);
    expect(section(first.text, 'stalled')).toContain(`href="/pipeline?parentBodyId=${pb}&amp;stalledPage=2#stalled"`);
    expect(section(first.text, 'escalated')).toContain(`href="/pipeline?parentBodyId=${pb}&amp;escalationPage=2#escalated"`);
    expect(first.text).toContain('aria-label="Pages of journeys at risk"');

    const second = await staff.get(`/pipeline?parentBodyId=${pb}&riskPage=2&stalledSort=name&stalledOrder=desc`).expect(200);
    expect(namesIn(second.text, 'at-risk-table')).toHaveLength(3);
    expect(second.text).toContain('Showing 21 to 23 of 23.');
    // The stalled list's page links keep the at-risk page; the at-risk list's keep the stalled sort.
    expect(section(second.text, 'stalled')).toContain(
      `href="/pipeline?parentBodyId=${pb}&amp;riskPage=2&amp;stalledSort=name&amp;stalledOrder=desc&amp;stalledPage=2#stalled"`,
    );
    expect(section(second.text, 'at-risk')).toContain(
      `href="/pipeline?parentBodyId=${pb}&amp;stalledSort=name&amp;stalledOrder=desc#at-risk"`,
    );
    // The journey list's links keep both.
    expect(section(second.text, 'journeys')).toContain(
      `href="/pipeline?parentBodyId=${pb}&amp;riskPage=2&amp;stalledSort=name&amp;stalledOrder=desc&amp;sort=name&amp;order=asc#journeys"`,
    );
    const past = await staff.get(`/pipeline?parentBodyId=${pb}&escalationPage=5`).expect(200);
    expect(section(past.text, 'escalated')).toContain('There are no escalations on this page.');
  });

  it('sorts each list by its column headings, on the server', async () => {
    const page = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    const stalled = section(page.text, 'stalled');
    // Longest idle first by default: its heading is sorted descending, and following it flips to ascending.
    expect(stalled).toMatch(
      /aria-sort="descending"[^>]*>\s*<a [^>]*href="\/pipeline\?parentBodyId=[^"]*&amp;stalledSort=daysSinceActivity&amp;stalledOrder=asc#stalled">Days idle/,
    );
    expect(namesIn(page.text, 'stalled-table')[0]).toBe('Youth services 18');
    const byName = await staff
      .get(`/pipeline?parentBodyId=${pb}&riskSort=name&riskOrder=desc&escalationSort=age&escalationOrder=asc`)
      .expect(200);
    expect(namesIn(byName.text, 'at-risk-table').slice(0, 2)).toEqual(['Youth services 18', 'Youth services 13']);
    expect(section(byName.text, 'at-risk')).toMatch(
      /aria-sort="descending"[^>]*>\s*<a [^>]*riskSort=name&amp;riskOrder=asc#at-risk">Journey/,
    );
    const escalations = section(byName.text, 'escalated');
    // Flipping back to the default order (oldest first) drops the list's own parameters.
    expect(escalations).toMatch(
      /aria-sort="ascending"[^>]*>\s*<a [^>]*href="\/pipeline\?parentBodyId=[^"&]*&amp;riskSort=name&amp;riskOrder=desc#escalated">Age in days/,
    );
    expect([...escalations.matchAll(/data-label="Age in days">(\d+)</g)].map((m) => Number(m[1])).slice(0, 3)).toEqual([1, 2, 3]);
    // The narrow-screen sort form of each list, keeping the rest of the page's state.
    expect(section(byName.text, 'stalled')).toContain('data-testid="stalled-sort-form"');
    expect(section(byName.text, 'stalled')).toContain('<input type="hidden" name="riskSort" value="name">');
  });

  it('answers a bad sort, order or page of any list with 400 and an error summary leading to that list', async () => {
    for (const [query, href, message] of [
      ['riskSort=name;drop', '#at-risk', 'Sort the journeys at risk by one of the column headings'],
      ['riskOrder=up', '#at-risk', 'Sort the journeys at risk in ascending or descending order'],
      ['stalledSort=plannedTransferDate', '#stalled', 'Sort the stalled journeys by one of the column headings'],
      ['stalledPage=-1', '#stalled', 'Choose a page of stalled journeys from the page links'],
      ['escalationOrder=oldest', '#escalated', 'Sort the escalations in ascending or descending order'],
      ['escalationPage=0', '#escalated', 'Choose a page of escalations from the page links'],
    ]) {
      const res = await staff.get(`/pipeline?parentBodyId=${pb}&${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.text).toContain(`<a href="${href}">${message}</a>`);
      // The lists still show, in their default order.
      expect(namesIn(res.text, 'at-risk-table')).toHaveLength(20);
    }
  });

  it('filters by department and by at risk, with department, days in status and at-risk columns', async () => {
    const page = await staff.get(`/pipeline?parentBodyId=${pb}`).expect(200);
    expect(page.text).toContain(`<option value="${otherDepartment}">Department for Education (monitor lists)</option>`);
    expect(page.text).toContain(`<option value="${suite.cast.orgs.department.id}">${suite.cast.orgs.department.name}</option>`);
    const head = page.text.slice(page.text.indexOf('data-testid="journeys-table"'));
    for (const heading of ['Department', 'Days in status', 'At risk']) expect(head.slice(0, head.indexOf('</thead>'))).toContain(heading);
    const other = await staff.get(`/pipeline?parentBodyId=${pb}&departmentId=${otherDepartment}`).expect(200);
    expect(namesIn(other.text, 'journeys-table')).toEqual(['Careers advice 90', 'Family hubs 91']);
    expect(other.text).toContain('data-label="Department">Department for Education (monitor lists)</td>');
    expect(other.text).toContain('data-label="At risk">No</td>');
    expect(namesIn(other.text, 'at-risk-table')).toEqual([]);

    const notAtRisk = await staff.get(`/pipeline?parentBodyId=${pb}&atRisk=false`).expect(200);
    expect(namesIn(notAtRisk.text, 'journeys-table')).toEqual(['Careers advice 90', 'Family hubs 91']);
    // At risk narrows the journey list and the download only: the at-risk list is still there.
    expect(namesIn(notAtRisk.text, 'at-risk-table')).toHaveLength(20);
    expect(notAtRisk.text).toContain(`href="/pipeline/journeys.csv?parentBodyId=${pb}&amp;atRisk=false"`);
    const atRisk = await staff.get(`/pipeline?parentBodyId=${pb}&atRisk=true`).expect(200);
    expect(atRisk.text).toContain('23 journeys, filtered.');
    expect(atRisk.text).toMatch(/data-label="At risk"><strong class="govuk-tag govuk-tag--red">Yes<\/strong><\/td>/);
    expect(atRisk.text).toMatch(/data-label="Days in status">5[0-3]<\/td>/);

    const csv = await staff.get(`/pipeline/journeys.csv?parentBodyId=${pb}&atRisk=false`).expect(200);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.text).toContain(',No,');

    const bad = await staff.get(`/pipeline?parentBodyId=${pb}&atRisk=maybe&departmentId=nope`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Select whether the journeys are at risk from the list');
    expect(bad.text).toContain('Select a department from the list');
  });

  it('never lets a department officer widen their view with another department', async () => {
    const own = await officer.get('/pipeline').expect(200);
    expect(own.text).not.toContain('id="departmentId"');
    const ownNames = namesIn(own.text, 'journeys-table');
    expect(ownNames).not.toContain('Careers advice 90');
    const other = await officer.get(`/pipeline?departmentId=${otherDepartment}`);
    expect(other.status).toBe(400);
    expect(other.text).toContain('Select a department from the list');
    expect(namesIn(other.text, 'journeys-table')).toEqual(ownNames);
    // A download with a filter it cannot apply is refused, not made without it (it would read as filtered).
    const csv = await officer.get(`/pipeline/journeys.csv?departmentId=${otherDepartment}`).expect(400);
    expect(csv.text).not.toContain('Careers advice 90');
    expect(csv.text).toContain('Select a department from the list');
    for (const path of ['journeys.csv', 'support-awards.csv', 'trends.csv']) {
      const res = await staff.get(`/pipeline/${path}?departmentId=nope&phase=teleporting`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('There is a problem with your request');
      expect(res.text).toContain('Select a phase from the list');
    }
  });

  it('fits 320 px with every table reflowed, and passes axe at 1280 and 320 px', async () => {
    const { page } = await suite.signedIn(suite.cast.users.staff.email);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await page.goto(`${suite.t.baseUrl}/pipeline?parentBodyId=${pb}`))?.status()).toBe(200);
    await expectNoSeriousAxeViolations(page);
    await shootParts(page, 'pipeline-desktop');
    for (const testid of ['at-risk-table', 'stalled-table', 'escalations-table', 'journeys-table']) {
      expect(await page.locator(`[data-testid="${testid}"]`).getAttribute('class')).toContain('pathway-table-reflow');
    }
    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(320);
    await expectNoSeriousAxeViolations(page);
    await shootParts(page, 'pipeline-320');
    // The narrow sort form of the stalled list sorts it, keeping the at-risk page.
    await page.goto(`${suite.t.baseUrl}/pipeline?parentBodyId=${pb}&riskPage=2`);
    const form = page.locator('[data-testid="stalled-sort-form"]');
    await form.locator('select[name="stalledSort"]').selectOption('name');
    await form.locator('select[name="stalledOrder"]').selectOption('asc');
    await Promise.all([page.waitForURL(/stalledSort=name/), form.locator('button').click()]);
    expect(new URL(page.url()).search).toBe(`?parentBodyId=${pb}&riskPage=2&stalledSort=name&stalledOrder=asc`);
    expect(await page.locator('[data-testid="stalled-table"] tbody tr').first().textContent()).toContain(
      'Adult social care and reablement 01',
    );
    await shoot(page, 'pipeline-320-sorted');
  });
});
