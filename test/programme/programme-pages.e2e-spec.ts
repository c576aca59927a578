import { join } from 'node:path';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { createActor, createOrganisation } from '../support/fixtures';
import { createJourney, fire } from '../support/journeys';
import { sqlClient } from '../pipeline/support';
import { browserSuite, clickAndWait, PASSWORD, shoot } from '../web/support';

jest.setTimeout(240_000);

/** Elements wider than the window that are not inside a scrolling region, and the page's own width. */
/** Scrolling regions and visually hidden table heads (of tables that reflow on phones) may be wider than the window. */
const OVERFLOW = `({
  page: document.documentElement.scrollWidth,
  wide: [...document.querySelectorAll('main *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((e) => !e.closest('.pathway-table-scroll, .pathway-table-reflow thead, .govuk-visually-hidden'))
    .map((e) => {
      const near = e.closest('[data-testid], [id]');
      return e.tagName + ' in ' + (near ? near.getAttribute('data-testid') || near.id : '?') + ' ' + Math.round(e.getBoundingClientRect().right);
    })
    .slice(0, 12),
})`;

/** Screenshots of parts of a page (a full page is too tall to look at), when SCREENSHOT_DIR is set. */
async function shootParts(page: Page, name: string, testids: string[]): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const id of testids) {
    const part = page.getByTestId(id);
    if (await part.count()) await part.screenshot({ path: join(dir, `${name}-${id}.png`) });
  }
}

async function checkAtBothWidths(page: Page, name: string, parts: string[] = []): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoSeriousAxeViolations(page);
  await shoot(page, `${name}-1280`);
  await shootParts(page, `${name}-1280`, parts);
  await page.setViewportSize({ width: 320, height: 800 });
  await shoot(page, `${name}-320`);
  await shootParts(page, `${name}-320`, parts);
  expect(await page.evaluate(OVERFLOW)).toEqual({ page: 320, wide: [] });
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const rowText = (page: Page, testid: string, first: string) =>
  page
    .getByTestId(testid)
    .locator('tbody tr', { has: page.locator(`th:text-is("${first}"), td:text-is("${first}")`) })
    .innerText();

/**
 * The programme pictures (issue 12, item 5) in Chromium: the pipeline's funnel, trends and median
 * days per status, each an SVG image with its numbers in a <desc> and a table beside or under it,
 * support spend beside progress; the journey page's own time in each status against the median;
 * an adviser's task page. Axe at 1280 and 320 px, no page overflow at 320 px.
 *
 * Days are made real by moving the fixture history back in time (the table is append-only, so
 * the test's own connection switches its triggers off for that): journey J (through the API)
 * exploring 100→40 days ago, then awaiting a response; SQL-only journeys K (exploring 50 days,
 * awaiting 30, business planning 120 so far), L (exploring 90 so far), M (exploring 20, awaiting
 * 30, declined 250 so far). Medians: exploring 55 (20, 50, 60, 90), awaiting 30 (30, 30, 40).
 */
describe('programme pictures on the pipeline and journey pages', () => {
  const suite = browserSuite('programme pages');
  let db: Client;
  let journeyId: string;
  let taskId: string;
  let adviserEmail: string;

  beforeAll(async () => {
    const { t, cast } = suite;
    db = await sqlClient(t);
    const j = await createJourney(t, cast, { name: 'Aspire community care' });
    journeyId = j.id;
    expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Staff-led mutual' })).status).toBe(
      200,
    );
    await db.query(`SET session_replication_role = replica`);
    await db.query(
      `UPDATE journey_history SET at = now() - CASE WHEN type = 'journey_created' THEN interval '100 days' ELSE interval '40 days' END
        WHERE journey_id = $1 AND type IN ('journey_created', 'submit_expression_of_interest')`,
      [j.id],
    );
    const fixtures: Record<string, Array<[number, string, string]>> = {
      K: [
        [200, 'journey_created', 'exploring'],
        [150, 'submit_expression_of_interest', 'awaiting_parent_body_response'],
        [120, 'accept_expression_of_interest', 'business_planning'],
      ],
      L: [[90, 'journey_created', 'exploring']],
      M: [
        [300, 'journey_created', 'exploring'],
        [280, 'submit_expression_of_interest', 'awaiting_parent_body_response'],
        [250, 'decline_expression_of_interest', 'declined'],
      ],
    };
    for (const [key, rows] of Object.entries(fixtures)) {
      const mutual = (await createOrganisation(t, 'mutual')).id;
      const state = rows[rows.length - 1][2];
      const { rows: created } = await db.query(
        `INSERT INTO journeys (name, mutual_organisation_id, parent_body_id, department_id, service_area, region, staff_count, planned_transfer_date,
           phase, state, machine_snapshot, template_version, reminder_policy, created_at)
         VALUES ($1, $2, $3, $4, 'youth', 'london', 40, now() + interval '400 days', 'pre_spin_out', $5, '{}', 1,
                 '{"remindBefore":[],"escalateAfter":"P7D"}', now() - make_interval(days => $6)) RETURNING id`,
        [`Fixture ${key}`, mutual, cast.orgs.parentBody.id, cast.orgs.department.id, state, rows[0][0]],
      );
      for (const [daysAgo, type, toState] of rows) {
        await db.query(
          `INSERT INTO journey_history (journey_id, at, type, to_state, to_phase) VALUES ($1, now() - make_interval(days => $2), $3, $4, 'pre_spin_out')`,
          [created[0].id, daysAgo, type, toState],
        );
      }
    }
    // Support: an adviser assigned, an award, and the adviser's comment.
    const provider = await createOrganisation(t, 'support_provider', 'Mutual Ventures (pages)');
    const adviser = await createActor(t, provider.id, 'adviser', { password: PASSWORD, name: 'Ada Adviser' });
    adviserEmail = adviser.email;
    await t
      .http()
      .put(`/api/journeys/${j.id}/advisers`)
      .set(cast.users.staff.auth)
      .send({ organisationIds: [provider.id] })
      .expect(200);
    await t
      .http()
      .post(`/api/journeys/${j.id}/support-awards`)
      .set(cast.users.staff.auth)
      .send({
        providerOrganisationId: provider.id,
        kind: 'grant',
        amountGbp: 25000,
        matchedFundingGbp: 5000,
        awardedOn: '2026-04-01',
        endsOn: '2027-03-31',
        purpose: 'Mutuals Interim Support Fund: business planning and legal advice',
      })
      .expect(201);
    const tasks = await t.http().get(`/api/journeys/${j.id}/tasks`).set(adviser.auth).expect(200);
    taskId = tasks.body.items[0].id;
    await t
      .http()
      .post(`/api/journeys/${j.id}/tasks/${taskId}/comments`)
      .set(adviser.auth)
      .send({ body: 'We have shared a business plan template with the team.' })
      .expect(201);
  });
  afterAll(async () => {
    await db?.end();
  });

  it('pipeline: funnel, trends and median days as described SVG images with their tables, support beside progress', async () => {
    const { t, cast } = suite;
    const durations = (await t.http().get('/api/pipeline/durations').set(cast.users.staff.auth).expect(200)).body.byState;
    expect(durations.exploring).toMatchObject({ journeys: 4, medianDays: 55 });
    expect(durations.awaiting_parent_body_response).toMatchObject({ journeys: 3, medianDays: 30 });

    const { page, errors } = await suite.signedIn(cast.users.staff.email);
    await page.goto(`${t.baseUrl}/pipeline`);
    for (const id of ['chart-funnel', 'chart-trends', 'chart-durations']) {
      const svg = page.locator(`svg[data-chart="${id}"]`);
      await expect(svg.getAttribute('role')).resolves.toBe('img');
      await expect(svg.locator('title').count()).resolves.toBe(1);
      await expect(svg.locator('script').count()).resolves.toBe(0);
    }
    const funnelDesc = await page.locator('#chart-funnel-desc').textContent();
    expect(funnelDesc).toContain('Pre-spin-out: 4');
    expect(funnelDesc).toMatch(/Exploring 1\b/);
    await expect(rowText(page, 'funnel-table', 'Declined')).resolves.toMatch(/Pre-spin-out\s+Declined\s+1/);

    await expect(page.getByTestId('trends-table').locator('tbody tr').count()).resolves.toBe(8);
    expect(await page.locator('#chart-trends-desc').textContent()).toMatch(/^Journeys started, expressions of interest submitted/);

    await expect(rowText(page, 'durations-table', 'Exploring')).resolves.toMatch(/Exploring\s+4\s+55 days/);
    expect(await page.locator('#chart-durations-desc').textContent()).toContain('Exploring: 55 days.');

    await expect(page.getByTestId('support-total').innerText()).resolves.toContain('£25,000 awarded in 1 award to 1 journey');
    await expect(rowText(page, 'support-by-phase', 'Pre-spin-out')).resolves.toMatch(/Pre-spin-out\s+4\s+1\s+£25,000\s+£5,000/);
    await expect(rowText(page, 'support-by-provider', 'Mutual Ventures (pages)')).resolves.toMatch(/1\s+1\s+£25,000/);
    await expect(page.getByTestId('adviser-activity').innerText()).resolves.toContain('Ada Adviser (Mutual Ventures (pages)) commented on');
    await expect(page.getByTestId('support-csv-link').getAttribute('href')).resolves.toBe('/pipeline/support-awards.csv');
    await expect(page.getByTestId('trends-csv-link').getAttribute('href')).resolves.toBe('/pipeline/trends.csv');

    await checkAtBothWidths(page, 'pipeline', [
      'section-where',
      'section-trends',
      'section-durations',
      'section-support',
      'section-adviser-activity',
    ]);
    expect(errors).toEqual([]);
  });

  it('journey page: its own days in each status against the median, as paired bars and a table; its support', async () => {
    const { t, cast } = suite;
    const { page, errors } = await suite.signedIn(cast.users.lead.email);
    await page.goto(`${t.baseUrl}/journeys/${journeyId}`);
    await expect(rowText(page, 'time-in-states-table', 'Exploring')).resolves.toMatch(/Exploring\s+60 days\s+55 days \(4 journeys\)/);
    await expect(rowText(page, 'time-in-states-table', 'Waiting for the parent body to respond (now)')).resolves.toMatch(
      /40 days\s+30 days \(3 journeys\)/,
    );
    const desc = await page.locator('#chart-time-in-states-desc').textContent();
    expect(desc).toContain('Exploring: This journey 60 days, Median of all journeys 55 days.');
    await expect(page.locator('svg[data-chart="chart-time-in-states"] rect').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId('advisers').innerText()).resolves.toContain('Mutual Ventures (pages)');
    await expect(page.getByTestId('support-awards').innerText()).resolves.toMatch(/Grant[\s\S]*£25,000[\s\S]*£5,000/);
    await checkAtBothWidths(page, 'journey', ['time-in-states', 'support']);
    expect(errors).toEqual([]);
  });

  it('adviser: the task page with the comments and the comment form, and no task form', async () => {
    const { t } = suite;
    const { page, errors } = await suite.signedIn(adviserEmail);
    await page.goto(`${t.baseUrl}/journeys/${journeyId}/tasks/${taskId}`);
    await expect(page.getByTestId('comments').innerText()).resolves.toContain('We have shared a business plan template');
    await expect(page.getByTestId('task-form').count()).resolves.toBe(0);
    await page.getByLabel('Add a comment').fill('The legal advice session is booked for next week.');
    await clickAndWait(page, page.getByRole('button', { name: 'Add comment' }));
    await expect(page.getByTestId('comments').innerText()).resolves.toContain('The legal advice session is booked');
    await checkAtBothWidths(page, 'adviser-task', ['evidence']);
    await page.goto(`${t.baseUrl}/journeys/${journeyId}`);
    await checkAtBothWidths(page, 'adviser-journey');
    expect(errors).toEqual([]);
  });
});
