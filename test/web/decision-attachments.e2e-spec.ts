import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signInBehindTheScenes, watchPageErrors } from '../support/browser';
import { Cast, createJourney, fire } from '../support/journeys';
import { openAppeal } from '../right-to-provide/support';
import { createWebCast, PASSWORD } from './support';

jest.setTimeout(240_000);

/** Screenshots for people to look at (not compared): set SCREENSHOT_DIR to keep them. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/**
 * Issue 18 item 2 on the web: the parent body accepts with conditions and the minute attached
 * (a multipart form whose CSRF token rides in its address); a file of the wrong type is refused
 * with an error summary and nothing stored; the journey's history shows the conditions and the
 * file's link; the appeal page takes conditions and a file too and shows them once decided, and
 * shows the appealed decision's. Axe at 1280 and 320 px, nothing wider than 320 px.
 */
describe('decisions with conditions and an attachment, in a browser', () => {
  let t: TestApp;
  let cast: Cast;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pathway-decision-web-'));
    t = await startTestApp({ env: { FILE_STORAGE_DIR: dir } });
    cast = await createWebCast(t, 'decision files');
    browser = await launchBrowser();
    if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(page: Page, name: string): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectNoSeriousAxeViolations(page);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoSeriousAxeViolations(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-320.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('accepts with conditions and a file, refuses a wrong type, and shows both in the history and on the appeal page', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await createJourney(t, cast, { name: 'Hove day services' });
    expect((await fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'Day services CIC' })).status).toBe(200);

    const page = await (await browser.newContext()).newPage();
    const errors = watchPageErrors(page);
    await signInBehindTheScenes(page.context(), t.baseUrl, officer.email, PASSWORD);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/respond`);
    await expect(page.getByLabel('Conditions (optional)').count()).resolves.toBe(2);
    await check(page, 'decision-respond-forms');

    // A program dressed as a PDF: refused (415) with the error summary linking to the file field; nothing stored.
    const conditions = 'Subject to a staff ballot by March and the LGPS admission agreement';
    await page.locator('#accept_expression_of_interest-conditions').fill(conditions);
    await page
      .locator('#accept_expression_of_interest-file')
      .setInputFiles({ name: 'minute.pdf', mimeType: 'application/pdf', buffer: EXE });
    await page.getByRole('button', { name: 'Accept expression of interest' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The file must be a PDF');
    await expect(page.locator('.govuk-error-summary a').first().getAttribute('href')).resolves.toBe('#accept_expression_of_interest-file');
    await expect(page.locator('#accept_expression_of_interest-conditions').inputValue()).resolves.toBe(conditions);
    expect(readdirSync(dir)).toEqual([]);
    await check(page, 'decision-respond-file-error');

    await page
      .locator('#accept_expression_of_interest-file')
      .setInputFiles({ name: 'cabinet-minute.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Accept expression of interest' }).click();
    await page.waitForURL(`${t.baseUrl}/journeys/${journey.id}`);
    const entry = page.locator('.pathway-timeline__item', { hasText: /^\s*Expression of interest accepted/ });
    await expect(entry.innerText()).resolves.toContain(`Conditions: ${conditions}`);
    const link = entry.getByRole('link', { name: 'cabinet-minute.pdf' });
    await expect(entry.innerText()).resolves.toContain('(PDF, 77 bytes)');
    const download = await page.request.get(`${t.baseUrl}${await link.getAttribute('href')}`);
    expect([download.status(), download.headers()['content-type']]).toEqual([200, 'application/pdf']);
    await check(page, 'decision-journey-history');
    expect(errors).toEqual([]);

    // The mutual's appeal of a later decline, decided with conditions and the panel's report.
    const declined = await createJourney(t, cast, { name: 'Hove library services' });
    expect((await fire(t, declined.id, lead, 'submit_expression_of_interest', { proposalSummary: 'Libraries CIC' })).status).toBe(200);
    expect(
      (
        await fire(t, declined.id, officer, 'decline_expression_of_interest', {
          reasons: 'A tender is running',
          conditions: 'We would reconsider once the tender closes in June',
        })
      ).status,
    ).toBe(200);
    expect((await fire(t, declined.id, lead, 'appeal', { grounds: 'The tender covers another service' })).status).toBe(200);
    const appeal = (await openAppeal(t, departmentOfficer, declined.id))!;
    const dept = await (await browser.newContext()).newPage();
    const deptErrors = watchPageErrors(dept);
    await signInBehindTheScenes(dept.context(), t.baseUrl, departmentOfficer.email, PASSWORD);
    await dept.goto(`${t.baseUrl}/escalations/${appeal.id}`);
    await expect(dept.getByTestId('appealed-decision').innerText()).resolves.toContain(
      'We would reconsider once the tender closes in June',
    );
    await dept.getByLabel('Uphold the appeal').check();
    await dept.locator('#resolution').fill('The tender covers domiciliary care only');
    await dept.locator('#conditions').fill('Decide again within 30 days, after meeting the mutual’s board');
    await dept.locator('#file').setInputFiles({ name: 'panel-report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dept.getByRole('button', { name: 'Record the decision' }).click();
    await expect(dept.locator('.govuk-notification-banner').innerText()).resolves.toContain('asked to decide again');
    const summary = dept.getByTestId('escalation-summary');
    await expect(summary.innerText()).resolves.toContain('Decide again within 30 days, after meeting the mutual’s board');
    await expect(summary.getByRole('link', { name: 'panel-report.pdf' }).count()).resolves.toBe(1);
    await check(dept, 'decision-appeal-resolved');
    expect(deptErrors).toEqual([]);

    // The parent body's inbox and request page show the upholding finding's conditions and file.
    await page.goto(`${t.baseUrl}/`);
    const row = page.getByTestId('requests-table').locator('tr', { hasText: 'Hove library services' });
    await expect(row.innerText()).resolves.toContain('Conditions: Decide again within 30 days, after meeting the mutual’s board');
    await expect(row.getByRole('link', { name: 'panel-report.pdf' }).count()).resolves.toBe(1);
    await check(page, 'decision-inbox-conditions');
    await page.goto(`${t.baseUrl}/journeys/${declined.id}/respond`);
    const banner = page.getByTestId('reconsideration');
    await expect(banner.getByTestId('finding-conditions').innerText()).resolves.toBe(
      'Decide again within 30 days, after meeting the mutual’s board',
    );
    await expect(banner.getByRole('link', { name: 'panel-report.pdf' }).count()).resolves.toBe(1);
    await check(page, 'decision-respond-reconsider-conditions');
    expect(errors).toEqual([]);
  });
});
