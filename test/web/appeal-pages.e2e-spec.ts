import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signInBehindTheScenes, watchPageErrors } from '../support/browser';
import { Cast, completeGate, createJourney, fire } from '../support/journeys';
import { openAppeal } from '../right-to-provide/support';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(240_000);

/** Screenshots for people to look at (not compared): set SCREENSHOT_DIR to keep them. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

/**
 * The pages of an appeal in Chromium: the parent body's request page with the escalation point's
 * finding while it reconsiders; the decision forms with their governance input; the appeal's
 * decision form. Axe at desktop width and at 320 px, and nothing wider than 320 px.
 */
describe('appeal and decision pages in a browser', () => {
  let t: TestApp;
  let cast: Cast;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'appeal pages');
    browser = await launchBrowser();
    if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  };

  /** Axe and screenshots at 1280 px, then the same at 320 px with no horizontal overflow. */
  async function check(page: Page, name: string): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectNoSeriousAxeViolations(page);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSeriousAxeViolations(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-320.png`), fullPage: true });
  }

  it('shows the finding on the request page while the parent body reconsiders, and governance on every decision form', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await createJourney(t, cast, { name: 'Hove day services' });
    await ok(fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'Day services as a staff-owned CIC' }));

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // The parent body answers: both forms ask who decided and where it is recorded (a GOV.UK input with a hint).
    await signInBehindTheScenes(context, t.baseUrl, officer.email, PASSWORD);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/respond`);
    // Both decisions ask who decided and where it is recorded (optional: the contract's decline is { reasons }).
    await expect(page.getByLabel('Who made this decision, and where is it recorded? (optional)').count()).resolves.toBe(2);
    await check(page, 'respond-forms');
    // Over the bound: the error summary links to the field.
    await page.locator('#decline_expression_of_interest-ground').first().check();
    await page.locator('#decline_expression_of_interest-reasons').fill('A tender is already running');
    await page.locator('#decline_expression_of_interest-governance').fill('g'.repeat(501));
    await page.getByRole('button', { name: 'Decline expression of interest' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('500 characters or fewer');
    await check(page, 'respond-governance-error');
    await page.locator('#decline_expression_of_interest-governance').fill('Cabinet, 12 March 2026, minute 7');
    await page.getByRole('button', { name: 'Decline expression of interest' }).click();
    await page.waitForURL(`${t.baseUrl}/journeys/${journey.id}`);
    await expect(page.locator('body').innerText()).resolves.toContain('Cabinet, 12 March 2026, minute 7');

    // The mutual appeals; the department decides it on the appeal page (with its own governance input).
    await ok(fire(t, journey.id, lead, 'appeal', { grounds: 'The tender covers a different service' }));
    const appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    const dept = await (await browser.newContext()).newPage();
    const deptErrors = watchPageErrors(dept);
    await signInBehindTheScenes(dept.context(), t.baseUrl, departmentOfficer.email, PASSWORD);
    await dept.goto(`${t.baseUrl}/escalations/${appeal.id}`);
    await expect(dept.locator('body').innerText()).resolves.toContain('Decided under');
    await check(dept, 'appeal-decision-form');
    await dept.getByLabel('Uphold the appeal').check();
    const finding = 'The tender covers domiciliary care only; please reconsider the day services proposal';
    await dept.locator('#resolution').fill(finding);
    await dept.locator('#governance').fill('Permanent secretary, delegated decision DS/2026/3');
    await dept.getByRole('button', { name: 'Record the decision' }).click();
    await expect(dept.locator('.govuk-notification-banner').innerText()).resolves.toContain('asked to decide again');
    expect(deptErrors).toEqual([]);

    // The parent body's request page: the finding, who found it, the new deadline, and the forms again.
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/respond`);
    const banner = page.getByTestId('reconsideration');
    await expect(banner.innerText()).resolves.toContain('Appeal upheld: please decide again');
    await expect(page.getByTestId('finding').innerText()).resolves.toBe(finding);
    await expect(banner.innerText()).resolves.toContain('Permanent secretary, delegated decision DS/2026/3');
    await expect(page.getByTestId('action-decline_expression_of_interest').count()).resolves.toBe(1);
    await check(page, 'respond-reconsideration');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the parent body the refusal of a business case, with reasons and governance', async () => {
    const { lead, officer } = cast.users;
    const journey = await createJourney(t, cast, { name: 'Hove business case' });
    await ok(fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'p' }));
    await ok(fire(t, journey.id, officer, 'accept_expression_of_interest'));
    await completeGate(t, cast, journey.id, 'business_planning');
    let submitted = await fire(t, journey.id, lead, 'submit_business_case');
    if (submitted.status === 422 && JSON.stringify(submitted.body).includes('staff_support')) {
      // With the staff ballot gate (issue 10 item 1): record a qualifying ballot first.
      await t
        .http()
        .post(`/api/journeys/${journey.id}/staff-ballots`)
        .set(lead.auth)
        .send({
          question: 'Do you support the spin-out?',
          heldOn: new Date().toISOString().slice(0, 10),
          method: 'secret_postal',
          eligible: 100,
          votesFor: 70,
          votesAgainst: 10,
        });
      submitted = await fire(t, journey.id, lead, 'submit_business_case');
    }
    // The refusal page is this test's subject: a business case that cannot be submitted fails it, never skips it.
    expect({ status: submitted.status, body: submitted.status === 200 ? 'submitted' : submitted.body }).toEqual({
      status: 200,
      body: 'submitted',
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInBehindTheScenes(context, t.baseUrl, officer.email, PASSWORD);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/actions/reject_business_case`);
    await page.getByLabel('Your reasons for refusing it').waitFor();
    await check(page, 'reject-business-case-form');
    await page.getByLabel('Your reasons for refusing it').fill('The pension deficit is not funded');
    await page.getByLabel('Who made this decision, and where is it recorded?', { exact: true }).fill('Cabinet, 2 June 2026, minute 3');
    await page.getByRole('button', { name: 'Refuse business case' }).click();
    await page.waitForURL(`${t.baseUrl}/journeys/${journey.id}`);
    await expect(page.locator('body').innerText()).resolves.toContain('Business case refused');
    await check(page, 'journey-business-case-refused');
    expect(errors).toEqual([]);
    await context.close();
  });
});
