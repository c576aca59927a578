import type { Page } from 'playwright-core';
import { TestApp } from '../support/app';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { Cast, createJourney, daysFromNow, fire } from '../support/journeys';
import { browserSuite, clickAndWait, pathOf, shoot } from './support';

jest.setTimeout(120_000);

/**
 * The task page (status, due date, the GOV.UK error pattern, the dependency rule), raising a
 * concern, the notifications page and the central team's pipeline, in a real browser with axe on
 * every page visited.
 */
describe('task, concern, notification and pipeline pages in a browser', () => {
  const suite = browserSuite('tasks and pipeline');
  let t: TestApp;
  let cast: Cast;
  beforeAll(() => {
    ({ t, cast } = suite);
  });
  const signedIn = (email: string) => suite.signedIn(email);

  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
  const banner = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();
  const checklistItem = (page: Page, title: string) => page.locator('.govuk-task-list__item', { hasText: title });

  it('task page: updates a status and due date, shows the GOV.UK error pattern and the dependency rule', async () => {
    const journey = await createJourney(t, cast, { name: 'Library services spin-out', plannedTransferDate: daysFromNow(700) });
    const { page, errors } = await signedIn(cast.users.lead.email);
    await clickAndWait(page, page.getByTestId('journeys-table').getByRole('link', { name: 'Library services spin-out' }));
    // "Cannot start yet" has no link; the rest do.
    await expect(checklistItem(page, 'Prepare the Right to Provide expression of interest').locator('a').count()).resolves.toBe(0);
    await expect(checklistItem(page, 'Prepare the Right to Provide expression of interest').innerText()).resolves.toContain(
      'Cannot start yet',
    );
    await shoot(page, 'journey-page');
    await clickAndWait(page, page.getByRole('link', { name: 'Appraise the options for the service (optional)' }));
    expect(pathOf(page)).toMatch(new RegExp(`^/journeys/${journey.id}/tasks/[0-9a-f-]{36}$`));
    const taskPath = pathOf(page);
    await expect(page.getByTestId('task-summary').innerText()).resolves.toMatch(/Owner\s+Mutual \(Aspire Mutual/);
    await expect(page.getByTestId('guidance').innerText()).resolves.not.toBe('');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'task-page');

    // Two problems at once: not applicable without a reason, and 31 February.
    await page.getByLabel('Not applicable').check();
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2030');
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
    await expect(page.title()).resolves.toBe('Error: Appraise the options for the service - Pathway');
    await expect(errorSummary(page)).resolves.toMatch(/Enter why the task does not apply[\s\S]*The due date must be a real date/);
    await expect(page.locator('.govuk-error-summary:focus').count()).resolves.toBe(1);
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('31');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'task-page-errors');

    // The task waiting for this one cannot be completed yet: 409 as an error summary.
    await clickAndWait(page, page.getByRole('link', { name: 'Prepare the Right to Provide expression of interest' }));
    await page.getByLabel('Completed').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
    await expect(errorSummary(page)).resolves.toContain(
      'You cannot complete this task until this task is completed: Appraise the options for the service',
    );
    await expectNoSeriousAxeViolations(page);

    // In progress with a new due date, by keyboard alone: back to the checklist with a success banner.
    await page.goto(`${t.baseUrl}${taskPath}`);
    await page.getByLabel('Not yet started').focus();
    await page.keyboard.press('ArrowDown'); // the next radio: In progress
    await expect(page.getByLabel('In progress').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab'); // the reason (not needed)
    for (const value of ['1', '6', '2030']) {
      await page.keyboard.press('Tab'); // day, month, year
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Tab'); // the assignee (left as it is)
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').innerText()).resolves.toBe('Save');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(pathOf(page)).toBe(`/journeys/${journey.id}`);
    await expect(banner(page)).resolves.toContain('‘Appraise the options for the service’ is now in progress');
    await expect(checklistItem(page, 'Appraise the options for the service').innerText()).resolves.toMatch(/In progress/);
    await expect(checklistItem(page, 'Appraise the options for the service').innerText()).resolves.toContain('Due 1 June 2030');
    await expect(page.getByTestId('history').innerText()).resolves.toContain('Task updated: Appraise the options for the service');
    await expectNoSeriousAxeViolations(page);

    // Completing it lets the next task start.
    await clickAndWait(page, page.getByRole('link', { name: 'Appraise the options for the service (optional)' }));
    await page.getByLabel('Completed').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
    await expect(checklistItem(page, 'Appraise the options for the service').innerText()).resolves.toContain('Completed');
    await expect(checklistItem(page, 'Prepare the Right to Provide expression of interest').getByRole('link').count()).resolves.toBe(1);
    await expect(checklistItem(page, 'Prepare the Right to Provide expression of interest').innerText()).resolves.toContain(
      'Not yet started',
    );

    // Raising a concern: the error pattern, then a conflict of interest goes to the arbiter.
    await clickAndWait(page, page.getByRole('button', { name: 'Raise a concern' }));
    await expectNoSeriousAxeViolations(page);
    await clickAndWait(page, page.getByRole('button', { name: 'Raise the concern' }));
    await expect(errorSummary(page)).resolves.toContain('Enter your concern');
    await page.getByLabel('What is your concern?').fill('The parent body has not shared the staff list for six weeks.');
    await page.getByLabel('The government department has a conflict of interest').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Raise the concern' }));
    expect(pathOf(page)).toMatch(/^\/escalations\/[0-9a-f-]{36}$/);
    await expect(banner(page)).resolves.toContain('Your concern has been raised');
    await expect(page.getByTestId('escalation-summary').innerText()).resolves.toMatch(/Level\s+Level 2: the independent arbiter/);
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('notifications page: lists, marks one read, marks all read', async () => {
    for (const name of ['Leisure centres spin-out', 'Adult learning spin-out']) {
      const j = await createJourney(t, cast, { name });
      expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: `${name} by staff` })).status).toBe(
        200,
      );
    }
    const { page, errors } = await signedIn(cast.users.officer.email);
    await clickAndWait(page, page.getByRole('link', { name: 'Notifications' }));
    await expect(page.getByTestId('unread-count').innerText()).resolves.toMatch(/You have \d+ unread notifications\./);
    const items = page.getByTestId('notifications').locator('li');
    await expect(items.filter({ hasText: 'Leisure centres spin-out' }).count()).resolves.toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'notifications');

    const before = Number((await page.getByTestId('unread-count').innerText()).match(/\d+/)![0]);
    await clickAndWait(page, page.getByRole('button', { name: /^Mark as read/ }).first());
    await expect(banner(page)).resolves.toContain('Notification marked as read');
    await expect(page.getByTestId('unread-count').innerText()).resolves.toBe(
      before - 1 === 1 ? 'You have 1 unread notification.' : `You have ${before - 1} unread notifications.`,
    );
    await clickAndWait(page, page.getByRole('button', { name: 'Mark all as read' }));
    await expect(banner(page)).resolves.toContain(`${before - 1} notification`);
    await expect(page.getByTestId('unread-count').innerText()).resolves.toBe('You have no unread notifications.');
    await expect(page.getByRole('button', { name: /^Mark as read/ }).count()).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);

    // A notification leads to its request.
    await clickAndWait(
      page,
      page
        .getByTestId('notifications')
        .getByRole('link', { name: /Leisure centres spin-out/ })
        .first(),
    );
    expect(pathOf(page)).toMatch(/^\/journeys\/[0-9a-f-]{36}\/respond$/);
    expect(errors).toEqual([]);
  });

  it('central team: the pipeline page with counts, at-risk list, filters and the CSV', async () => {
    // At risk: planned transfer in 30 days with mandatory spinning-out tasks open.
    const risky = await createJourney(t, cast, {
      name: 'Fire prevention spin-out',
      plannedTransferDate: daysFromNow(30),
      region: 'london',
    });
    const { page, errors } = await signedIn(cast.users.staff.email);
    await expect(page.getByTestId('key-figures').innerText()).resolves.toMatch(/Active journeys\s+\d+/);
    await expectNoSeriousAxeViolations(page);
    await clickAndWait(page, page.getByRole('link', { name: 'View the pipeline' }));
    expect(pathOf(page)).toBe('/pipeline');
    await expect(page.getByTestId('by-phase').innerText()).resolves.toMatch(/Pre-spin-out\s+\d+/);
    await expect(page.getByTestId('by-region').innerText()).resolves.toMatch(/London\s+[1-9]/);
    await expect(page.getByTestId('at-risk-table').innerText()).resolves.toContain('Fire prevention spin-out');
    await expectNoSeriousAxeViolations(page);

    // Filter to this parent body and London: only its journeys.
    await page.getByLabel('Parent body').selectOption({ label: cast.orgs.parentBody.name });
    await page.getByLabel('Region').selectOption({ label: 'London' });
    await clickAndWait(page, page.getByRole('button', { name: 'Apply filters' }));
    expect(pathOf(page)).toBe(
      `/pipeline?phase=&serviceArea=&region=london&parentBodyId=${cast.orgs.parentBody.id}&departmentId=&state=&atRisk=`,
    );
    await expect(page.getByTestId('key-figures').innerText()).resolves.toMatch(/Active journeys\s+1\b/);
    await expect(page.getByTestId('journeys-table').locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.getByTestId('journeys-table').innerText()).resolves.toContain('Fire prevention spin-out');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'pipeline');

    // The CSV link streams the same export for this session.
    const href = await page.getByTestId('csv-link').getAttribute('href');
    expect(href).toBe(`/pipeline/journeys.csv?region=london&parentBodyId=${cast.orgs.parentBody.id}`);
    const csv = await page.request.get(`${t.baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="pathway-journeys-\d{4}-\d{2}-\d{2}\.csv"$/);
    // A UTF-8 byte order mark first (String.trim would drop it), then CRLF records.
    expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await csv.text()).trim().split('\r\n');
    // The page's spreadsheet is for people: headings in words (the machine CSV is a link beside it).
    expect(lines[0]).toMatch(/^Journey,Mutual,Parent body,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(risky.id);

    // The journey page warns too.
    await clickAndWait(page, page.getByTestId('journeys-table').getByRole('link', { name: 'Fire prevention spin-out' }));
    await expect(page.getByTestId('at-risk').innerText()).resolves.toMatch(
      /This journey is at risk\.[\s\S]*mandatory spinning-out tasks are still open/,
    );
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
