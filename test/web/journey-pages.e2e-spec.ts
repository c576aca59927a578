import type { Page } from 'playwright-core';
import { TestApp } from '../support/app';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { Cast, createJourney, daysFromNow, fire } from '../support/journeys';
import { browserSuite, clickAndWait, pathOf, shoot } from './support';

// Long: one test walks a whole journey with axe on every page (axe takes 5–15 s a page on a loaded machine).
jest.setTimeout(300_000);

/**
 * Each kind of user through their main task in a real browser, with axe on every page visited:
 * a mutual lead starts a journey and submits an expression of interest; the parent body officer
 * finds it in their inbox and declines it with a ground and reasons; the lead appeals; the
 * department officer upholds the appeal. A second run has the officer accept.
 */
describe('journey pages in a browser', () => {
  const suite = browserSuite('journey pages');
  let t: TestApp;
  let cast: Cast;
  beforeAll(() => {
    ({ t, cast } = suite);
  });
  const signedIn = (email: string) => suite.signedIn(email);

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();
  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
  const summaryValue = (page: Page, key: string) =>
    page
      .locator('[data-testid="journey-summary"] .govuk-summary-list__row', {
        has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
      })
      .locator('dd')
      .innerText();

  it('mutual lead starts a journey and submits an expression of interest; the parent body declines; the lead appeals; the department upholds', async () => {
    // The mutual lead: start page, "Start a journey", the form with its errors, then the journey.
    const lead = await signedIn(cast.users.lead.email);
    let page = lead.page;
    await expect(page.getByTestId('start-section-journeys').innerText()).resolves.toContain('Your organisation has no journeys yet.');
    await expectNoSeriousAxeViolations(page);
    await clickAndWait(page, page.getByRole('button', { name: 'Start a journey' }));
    expect(pathOf(page)).toBe('/journeys/new');
    await expect(h1(page)).resolves.toBe('Start a journey');
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel('Journey name').fill('Adult community health spin-out');
    await page.getByLabel('Parent body').selectOption({ label: cast.orgs.parentBody.name });
    await page.getByLabel('Government department (optional)').selectOption({ label: cast.orgs.department.name });
    await page.getByLabel('Independent arbiter (optional)').selectOption({ label: cast.orgs.arbiter.name });
    await page.getByLabel('Service area').selectOption({ label: 'Health' });
    await page.getByLabel('Region').selectOption({ label: 'South East' });
    await page.getByLabel('Number of staff who would transfer').fill('1,400');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2031');
    await clickAndWait(page, page.getByRole('button', { name: 'Start the journey' }));
    // 31 February: the GOV.UK date error, on the day, with what was typed kept.
    await expect(page.title()).resolves.toBe('Error: Start a journey - Pathway');
    await expect(errorSummary(page)).resolves.toContain('The planned transfer date must be a real date');
    await expect(page.getByLabel('Journey name').inputValue()).resolves.toBe('Adult community health spin-out');
    await expect(page.locator('#plannedTransferDate-day.govuk-input--error').count()).resolves.toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('10');
    await clickAndWait(page, page.getByRole('button', { name: 'Start the journey' }));

    expect(pathOf(page)).toMatch(/^\/journeys\/[0-9a-f-]{36}$/);
    const journeyPath = pathOf(page);
    await expect(h1(page)).resolves.toBe('Adult community health spin-out');
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('Journey started');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Exploring');
    await expect(summaryValue(page, 'Planned transfer date')).resolves.toBe('1 October 2031');
    await expect(summaryValue(page, 'Parent body')).resolves.toBe(cast.orgs.parentBody.name);
    await expect(page.locator('.govuk-task-list').count()).resolves.toBeGreaterThan(5);
    await expect(page.getByTestId('history').innerText()).resolves.toContain('Journey started');
    await expectNoSeriousAxeViolations(page);

    // An empty expression of interest: the action page with the error pattern.
    await clickAndWait(page, page.getByRole('button', { name: 'Submit expression of interest' }));
    await expect(page.title()).resolves.toBe('Error: Submit your expression of interest - Pathway');
    await expect(errorSummary(page)).resolves.toContain('Enter a summary of your proposal');
    await expectNoSeriousAxeViolations(page);
    await page
      .getByLabel('Summary of your proposal')
      .fill('A staff-owned community interest company running adult community health services.');
    await clickAndWait(page, page.getByRole('button', { name: 'Submit expression of interest' }));
    expect(pathOf(page)).toBe(journeyPath);
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('Expression of interest submitted');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Waiting for the parent body to respond');
    await expect(page.getByTestId('history').innerText()).resolves.toMatch(
      /Expression of interest submitted[\s\S]*Sam Patel[\s\S]*Exploring[\s\S]*Waiting for the parent body to respond/,
    );
    await shoot(page, 'journey-mutual');

    // The parent body officer: the request is in their inbox; decline it, first without a ground.
    const officer = await signedIn(cast.users.officer.email);
    page = officer.page;
    const inbox = page.getByTestId('requests-table');
    await expect(inbox.innerText()).resolves.toContain('Adult community health spin-out');
    await expect(inbox.innerText()).resolves.toContain('Waiting for a response');
    await expect(page.getByTestId('tasks-table').innerText()).resolves.toContain('Respond to');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'start-parent-body-inbox');
    await clickAndWait(page, inbox.getByRole('link', { name: 'Adult community health spin-out' }));
    expect(pathOf(page)).toBe(`${journeyPath}/respond`);
    await expect(page.getByTestId('proposal').innerText()).resolves.toContain('staff-owned community interest company');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'respond');
    await page.getByLabel('Your reasons').fill('The business case does not show the service can be run within the current budget.');
    await clickAndWait(page, page.getByRole('button', { name: 'Decline expression of interest' }));
    await expect(page.title()).resolves.toBe('Error: Respond to the expression of interest - Pathway');
    await expect(errorSummary(page)).resolves.toContain('Select the ground for declining the expression of interest');
    await expect(page.getByLabel('Your reasons').inputValue()).resolves.toContain('current budget');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('The proposal is not viable').check();
    await page.locator('#decline_expression_of_interest-governance').fill('Cabinet, 12 March 2026, minute 7');
    await clickAndWait(page, page.getByRole('button', { name: 'Decline expression of interest' }));
    expect(pathOf(page)).toBe(journeyPath);
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('Expression of interest declined');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Declined');
    await expect(page.getByTestId('history').innerText()).resolves.toMatch(
      /Expression of interest declined[\s\S]*Ground: The proposal is not viable[\s\S]*Reasons: The business case does not show[\s\S]*Decided under: Cabinet, 12 March 2026, minute 7/,
    );
    await expectNoSeriousAxeViolations(page);

    // The lead appeals from the journey page.
    page = lead.page;
    await clickAndWait(page, page.getByRole('link', { name: 'Home' }));
    await expect(page.getByTestId('journeys-table').innerText()).resolves.toMatch(
      /Adult community health spin-out\s+Pre-spin-out\s+Declined\s+1 October 2031/,
    );
    await expectNoSeriousAxeViolations(page);
    await clickAndWait(page, page.getByTestId('journeys-table').getByRole('link', { name: 'Adult community health spin-out' }));
    // The decision being appealed sits in front of the lead, above the appeal form.
    await expect(page.getByTestId('decline-decision').innerText()).resolves.toMatch(
      /declined the expression of interest[\s\S]*Ground: The proposal is not viable[\s\S]*Reasons: The business case does not show/,
    );
    await page.getByLabel('Grounds for your appeal').fill('The staff ballot showed 82% support and the budget figures were not read.');
    await clickAndWait(page, page.getByRole('button', { name: 'Appeal the decision' }));
    await expect(summaryValue(page, 'Status')).resolves.toBe('Under appeal');
    await expect(page.getByTestId('escalations').innerText()).resolves.toContain('Appeal');
    await expectNoSeriousAxeViolations(page);

    // The department officer: the appeal is assigned to them; they uphold it.
    const department = await signedIn(cast.users.departmentOfficer.email);
    page = department.page;
    const assigned = page.getByTestId('escalations-table');
    await expect(assigned.innerText()).resolves.toContain('Adult community health spin-out');
    await expectNoSeriousAxeViolations(page);
    await clickAndWait(page, assigned.getByRole('link', { name: /^Appeal/ }));
    await expect(h1(page)).resolves.toBe('Appeal against a declined expression of interest');
    await expect(page.locator('main').innerText()).resolves.toContain('The proposal is not viable');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'escalation-appeal');
    // Both fields are needed: the error summary first.
    await clickAndWait(page, page.getByRole('button', { name: 'Record the decision' }));
    await expect(errorSummary(page)).resolves.toContain('Select whether you uphold or dismiss the appeal');
    await expect(errorSummary(page)).resolves.toContain('Enter the reasons for your decision');
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Uphold the appeal').check();
    await page.getByLabel('Reasons for your decision').fill('The staff support and the budget evidence were not considered.');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the decision' }));
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('Appeal upheld');
    await expect(page.getByTestId('escalation-summary').innerText()).resolves.toMatch(/Outcome\s+Upheld/);
    await expectNoSeriousAxeViolations(page);

    // The department cannot overrule the parent body: it reconsiders, with the finding in front of it, and accepts.
    page = officer.page;
    await page.goto(`${t.baseUrl}${journeyPath}/respond`);
    await expect(page.getByTestId('finding').innerText()).resolves.toContain(
      'The staff support and the budget evidence were not considered.',
    );
    await clickAndWait(page, page.getByRole('button', { name: 'Accept expression of interest' }));
    await expect(summaryValue(page, 'Status')).resolves.toBe('Business planning');

    // The journey moved on: the lead sees business planning and the next action blocked by tasks.
    page = lead.page;
    await page.goto(`${t.baseUrl}${journeyPath}`);
    await expect(summaryValue(page, 'Status')).resolves.toBe('Business planning');
    await expect(page.getByTestId('blocked-submit_business_case').innerText()).resolves.toMatch(
      /You cannot do this yet: \d+ mandatory tasks need/,
    );
    await clickAndWait(page, page.getByTestId('blocked-submit_business_case').getByRole('link'));
    await expect(page.getByTestId('blocking-tasks').locator('li').count()).resolves.toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'action-blocked');

    expect([...lead.errors, ...officer.errors, ...department.errors]).toEqual([]);
    // The whole story in one browser, on a shared machine: more time than one page needs.
  }, 300_000);

  it('parent body officer accepts an expression of interest from their inbox', async () => {
    const journey = await createJourney(t, cast, { name: 'Youth services spin-out', plannedTransferDate: daysFromNow(400) });
    expect(
      (await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Youth workers run the service' }))
        .status,
    ).toBe(200);

    const { page, errors } = await signedIn(cast.users.officer.email);
    const inbox = page.getByTestId('requests-table');
    // Awaiting a response comes first.
    await expect(inbox.locator('tbody tr').first().innerText()).resolves.toContain('Youth services spin-out');
    await clickAndWait(page, inbox.getByRole('link', { name: 'Youth services spin-out' }));
    await clickAndWait(page, page.getByRole('button', { name: 'Accept expression of interest' }));
    expect(pathOf(page)).toBe(`/journeys/${journey.id}`);
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('Expression of interest accepted');
    await expect(summaryValue(page, 'Status')).resolves.toBe('Business planning');
    await expectNoSeriousAxeViolations(page);

    // Back on the inbox it is answered.
    await clickAndWait(page, page.getByRole('link', { name: 'Home' }));
    await expect(inbox.locator('tr', { hasText: 'Youth services spin-out' }).innerText()).resolves.toContain('Accepted');
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('shows the latest 20 history entries with links to older and newer pages, at desktop width and at 320 px', async () => {
    const journey = await createJourney(t, cast, { name: 'Long-running library spin-out' });
    // 1 journey_created + 24 hold/resume = 25 entries: a page of 20, then 5 older.
    for (let i = 0; i < 12; i++) {
      expect((await fire(t, journey.id, cast.users.lead, 'put_on_hold', { reason: `Pause number ${i + 1}` })).status).toBe(200);
      expect((await fire(t, journey.id, cast.users.lead, 'resume')).status).toBe(200);
    }
    const { page, errors } = await signedIn(cast.users.lead.email);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}`);
    const entries = page.getByTestId('history').locator('.pathway-timeline__item');
    await expect(entries.count()).resolves.toBe(20);
    await expect(page.getByTestId('history-summary').innerText()).resolves.toBe('Showing 20 of 25 entries, newest first.');
    await expect(entries.first().innerText()).resolves.toContain('Journey resumed');
    await expect(
      page
        .getByRole('navigation', { name: 'History pages' })
        .getByRole('link', { name: /Newer entries/ })
        .count(),
    ).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'journey-history-latest');

    await clickAndWait(page, page.getByRole('link', { name: /Older entries/ }));
    await expect(entries.count()).resolves.toBe(5);
    await expect(entries.last().innerText()).resolves.toContain('Journey started');
    await expect(page.getByText('Back to the latest entries').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /Older entries/ }).count()).resolves.toBe(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'journey-history-older');
    await page.setViewportSize({ width: 320, height: 800 });
    await shoot(page, 'journey-history-older-320');

    await clickAndWait(page, page.getByRole('link', { name: /Newer entries/ }));
    await expect(entries.count()).resolves.toBe(20);
    await expect(entries.first().innerText()).resolves.toContain('Journey resumed');
    await shoot(page, 'journey-history-latest-320');

    // A cursor that is not one: a 400 page naming it, not a 500.
    const bad = await page.goto(`${t.baseUrl}/journeys/${journey.id}?historyBefore=abc`);
    expect(bad?.status()).toBe(400);
    expect(errors).toEqual([]);
  });
});
