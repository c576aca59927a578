import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { createJourney, daysFromNow, fire } from '../support/journeys';
import { browserSuite, clickAndWait, shoot } from '../web/support';
import { BALLOT, planningJourneyWithoutBallot, postBallot } from './support';

jest.setTimeout(480_000);

/** Elements that stick out past the viewport's right edge (tables scroll in their own region). */
const OVERFLOW = `[...document.querySelectorAll('main *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.pathway-table-scroll'))
  .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)`;

/** The page at 1280 px and at 320 px: axe clean, nothing wider than the screen, a screenshot of each. */
async function atBothWidths(page: Page, name: string): Promise<void> {
  for (const [width, suffix] of [
    [1280, 'desktop'],
    [320, '320'],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.evaluate(OVERFLOW)).resolves.toEqual([]);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, `${name}-${suffix}`);
    const section = page.getByTestId('staff-voice');
    if (process.env.SCREENSHOT_DIR && (await section.count()))
      await section.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-section-${suffix}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();

describe('staff voice pages: the lead records a ballot and a survey, the central team waives, the parent body sees the ballot where it decides', () => {
  const suite = browserSuite('staff-voice');

  it('records through the forms and shows a ballot below the threshold plainly to the parent body', async () => {
    const { t, cast } = suite;
    const journey = await planningJourneyWithoutBallot(t, cast);
    // Two earlier pulse surveys, so the trend has a line.
    for (const [heldOn, a] of [
      [daysFromNow(-120), [0.31, 0.48, 0.4]],
      [daysFromNow(-60), [0.45, 0.52, 0.3]],
    ] as const) {
      await t
        .http()
        .post(`/api/journeys/${journey.id}/staff-surveys`)
        .set(cast.users.lead.auth)
        .send({
          heldOn,
          respondents: 140,
          eligible: 200,
          agreement: { understand_pension: a[0], support_spin_out: a[1], morale_good: a[2] },
        })
        .expect(201);
    }

    const lead = await suite.signedIn(cast.users.lead.email);
    let page = lead.page;
    await page.goto(`${t.baseUrl}/journeys/${journey.id}`);
    const voice = page.getByTestId('staff-voice');
    await expect(voice.getByTestId('ballot-missing').innerText()).resolves.toContain('No staff ballot has been recorded');
    await expect(page.getByTestId('unmet-condition').innerText()).resolves.toContain('No staff ballot has been recorded');
    await expect(voice.getByRole('img', { name: 'Staff agreeing with each statement, by survey' }).count()).resolves.toBe(1);
    await expect(page.locator('#survey-chart-desc').textContent()).resolves.toContain('“I support the spin-out” 52%');
    await expect(voice.getByTestId('survey-table').innerText()).resolves.toContain('140 of 200');
    await atBothWidths(page, 'journey-staff-voice');

    // The ballot form: errors in a GOV.UK error summary, then the domain's rule (the counts must add up).
    await clickAndWait(page, voice.getByTestId('record-ballot'));
    await clickAndWait(page, page.getByRole('button', { name: 'Record the ballot' }));
    await expect(errorSummary(page)).resolves.toContain('Enter the question staff were asked');
    await expect(errorSummary(page)).resolves.toContain('Select how staff voted');
    await atBothWidths(page, 'ballot-form-errors');
    await page.getByLabel('What question were staff asked?').fill(BALLOT.question);
    await page.getByLabel('Day').fill(String(Number(daysFromNow(-2).slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(daysFromNow(-2).slice(5, 7))));
    await page.getByLabel('Year').fill(daysFromNow(-2).slice(0, 4));
    await page.getByLabel('Secret online ballot').check();
    await page.getByLabel('Staff eligible to vote').fill('200');
    await page.getByLabel('Votes for the spin-out').fill('150');
    await page.getByLabel('Votes against').fill('60');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the ballot' }));
    await expect(errorSummary(page)).resolves.toContain('add up to more than the staff eligible to vote');
    await expectNoSeriousAxeViolations(page);
    // A ballot that falls short: 70 of 200 voted (35% turnout).
    await page.getByLabel('Votes for the spin-out').fill('50');
    await page.getByLabel('Votes against').fill('20');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the ballot' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('does not meet the staff support threshold');
    const summary = page.getByTestId('staff-ballot-summary');
    await expect(summary.innerText()).resolves.toContain('Below the threshold');
    await expect(summary.getByTestId('ballot-below-threshold').innerText()).resolves.toContain('Turnout 35% is below 50%');

    // A pulse survey through the form, in percentages.
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/staff-surveys/new`);
    await atBothWidths(page, 'survey-form');
    await page.getByLabel('Day').fill(String(Number(daysFromNow(-1).slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(daysFromNow(-1).slice(5, 7))));
    await page.getByLabel('Year').fill(daysFromNow(-1).slice(0, 4));
    await page.getByLabel('Staff asked').fill('200');
    await page.getByLabel('Staff who answered').fill('210');
    await page.getByLabel('“I understand what happens to my pension”').fill('58');
    await page.getByLabel('“I support the spin-out”').fill('49.5');
    await page.getByLabel('“My morale is good”').fill('22');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the survey' }));
    await expect(errorSummary(page)).resolves.toContain('must not be more than the number asked');
    await page.getByLabel('Staff who answered').fill('150');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the survey' }));
    await expect(page.getByTestId('survey-table').innerText()).resolves.toContain('49.5%');

    // The central team waives the condition with a reason.
    const central = await suite.signedIn(cast.users.staff.email);
    page = central.page;
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/staff-support-waiver`);
    await clickAndWait(page, page.getByRole('button', { name: 'Waive the condition' }));
    await expect(errorSummary(page)).resolves.toContain('Enter why staff support is waived');
    await atBothWidths(page, 'waiver-form-errors');
    await page.getByLabel('Why is staff support waived for this journey?').fill('r'.repeat(2001));
    await clickAndWait(page, page.getByRole('button', { name: 'Waive the condition' }));
    await expect(errorSummary(page)).resolves.toContain('The reason must be 2,000 characters or fewer');
    await page
      .getByLabel('Why is staff support waived for this journey?')
      .fill('Staff were consulted through the recognised unions instead.');
    await clickAndWait(page, page.getByRole('button', { name: 'Waive the condition' }));
    await expect(page.getByTestId('staff-support-waiver').innerText()).resolves.toContain('recognised unions');
    expect((await fire(t, journey.id, cast.users.lead, 'submit_business_case')).status).toBe(200);

    // The parent body decides on the business case with the latest ballot, below the threshold, in front of it.
    const officer = await suite.signedIn(cast.users.officer.email);
    page = officer.page;
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/actions/approve_business_case`);
    await expect(page.getByTestId('staff-ballot-summary').innerText()).resolves.toContain('Below the threshold');
    await expect(page.getByTestId('ballot-below-threshold').innerText()).resolves.toContain('does not show staff support');
    await expect(page.getByTestId('staff-support-waiver').innerText()).resolves.toContain('recognised unions');
    await atBothWidths(page, 'approve-business-case');
    await page.goto(`${t.baseUrl}/journeys/${journey.id}`);
    await expect(page.getByTestId('staff-voice').getByTestId('ballot-below-threshold').count()).resolves.toBe(1);

    // The respond page (Right to Provide) shows the latest ballot too.
    const other = await createJourney(t, cast, { name: 'Second spin-out' });
    expect((await postBallot(t, other.id, cast.users.lead, { ...BALLOT, method: 'show_of_hands', heldOn: daysFromNow(-5) })).status).toBe(
      201,
    );
    expect((await fire(t, other.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'A staff mutual' })).status).toBe(
      200,
    );
    await page.goto(`${t.baseUrl}/journeys/${other.id}/respond`);
    await expect(page.getByTestId('ballot-below-threshold').innerText()).resolves.toContain('not a secret ballot');
    await atBothWidths(page, 'respond');

    expect([...lead.errors, ...central.errors, ...officer.errors]).toEqual([]);
  });
});
