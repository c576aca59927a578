import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signInBehindTheScenes } from '../support/browser';
import { createActor } from '../support/fixtures';
import { Cast, createJourney, daysFromNow } from '../support/journeys';
import { createWebCast, PASSWORD, shoot } from './support';

jest.setTimeout(300_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * Every daily-work page at 320 px (WCAG 1.4.10 reflow): the document is never wider than the
 * screen, so nobody scrolls sideways to read a table. Axe runs at that width too. Screenshots at
 * 320 and 1280 px when SCREENSHOT_DIR is set.
 */
describe('daily-work pages at 320 px', () => {
  let t: TestApp;
  let browser: Browser;
  let cast: Cast;
  let adminEmail: string;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestApp({ env: { FILE_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'pathway-files-')) } }),
      launchBrowser(),
    ]);
    cast = await createWebCast(t, 'narrow screens');
    adminEmail = (await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD, name: 'Pat Admin' })).email;
    // Long names: the kind that push tables wider.
    const journey = await createJourney(t, cast, {
      name: 'Community occupational therapy and reablement services spin-out',
      plannedTransferDate: daysFromNow(400),
    });
    const tasks = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200)).body.items;
    const task = tasks.find((x: { ownerParty: string }) => x.ownerParty === 'mutual');
    const attachments = `/api/journeys/${journey.id}/tasks/${task.id}/attachments`;
    await t
      .http()
      .post(attachments)
      .set(cast.users.lead.auth)
      .field('title', 'Staff_engagement_survey_results_final_v3.png')
      .attach('file', PNG, 'survey.png')
      .expect(201);
    await t
      .http()
      .post(attachments)
      .set(cast.users.lead.auth)
      .send({
        url: 'https://www.gov.uk/government/publications/transfer-of-undertakings-protection-of-employment-regulations',
        title: 'TUPE guidance',
      })
      .expect(201);
    await t
      .http()
      .post(`/api/journeys/${journey.id}/tasks/${task.id}/comments`)
      .set(cast.users.lead.auth)
      .send({ body: 'Uploaded the survey.' })
      .expect(201);
    const concern = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(cast.users.lead.auth)
      .send({ reason: 'No reply for six weeks' });
    expect(concern.status).toBe(201);
    pages.journey = `/journeys/${journey.id}`;
    pages.task = `/journeys/${journey.id}/tasks/${task.id}`;
    pages.escalation = `/escalations/${concern.body.id}`;
    pages.adminUser = `/admin/users/${cast.users.lead.id}`;
    pages.adminOrganisation = `/admin/organisations/${cast.orgs.mutual.id}`;
  });
  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  async function at320(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    // Every check loads its page: no need for the form's pages first.
    await signInBehindTheScenes(context, t.baseUrl, email, PASSWORD);
    return context.newPage();
  }

  /** Loads a page at 320 px, checks it fits and passes axe, and shoots it at 320 and 1280 px. */
  async function check(page: Page, path: string, name: string): Promise<void> {
    const res = await page.goto(`${t.baseUrl}${path}`);
    expect([path, res?.status()]).toEqual([path, 200]);
    await fits(page, path, name);
  }

  /** The page as loaded: no wider than 320 px, no serious axe violation, shot at 320 and 1280 px. */
  async function fits(page: Page, path: string, name: string): Promise<void> {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect({ path, width: width <= 320 ? 'at most 320' : width }).toEqual({ path, width: 'at most 320' });
    await expectNoSeriousAxeViolations(page);
    await shoot(page, `${name}-320`);
    if (process.env.SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await shoot(page, `${name}-1280`);
      await page.setViewportSize({ width: 320, height: 640 });
    }
  }

  it('start pages of every role', async () => {
    const roles = ['lead', 'officer', 'commissioner', 'departmentOfficer', 'arbiter', 'staff'] as const;
    for (const role of roles) {
      const page = await at320(cast.users[role].email);
      await check(page, '/', `start-${role}`);
      await page.context().close();
    }
    const admin = await at320(adminEmail);
    await check(admin, '/', 'start-admin');
    await admin.context().close();
  });

  it('the work queue, journey page, task page with evidence and the escalation page', async () => {
    const page = await at320(cast.users.lead.email);
    await check(page, '/tasks', 'tasks');
    await check(page, pages.journey, 'journey');
    await check(page, pages.task, 'task');
    await check(page, pages.escalation, 'escalation');
    await check(page, `${pages.journey}/new-task`, 'new-task');
    await page.context().close();
  });

  /**
   * A form posted with what the API refuses (its DTO's bounds, in the form's words): 400, the error
   * summary naming each problem, and the page still fits 320 px and passes axe.
   */
  async function refused(page: Page, path: string, fill: Record<string, string>, button: string, name: string, expected: string[]) {
    await page.goto(`${t.baseUrl}${path}`);
    for (const [selector, value] of Object.entries(fill)) {
      if (value === 'check') await page.check(selector);
      else await page.fill(selector, value);
    }
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
      page.getByRole('button', { name: button }).click(),
    ]);
    await page.waitForLoadState('load');
    expect([path, res.status()]).toEqual([path, 400]);
    const summary = await page.locator('.govuk-error-summary').innerText();
    for (const text of expected) expect(summary).toContain(text);
    await fits(page, path, name);
  }

  it('forms refusing what the API refuses, in people’s words', async () => {
    const lead = await at320(cast.users.lead.email);
    await refused(
      lead,
      '/journeys/new',
      {
        '#name': 'x'.repeat(201),
        '#staffCount': '1,000,001',
        '#plannedTransferDate-day': '1',
        '#plannedTransferDate-month': '1',
        '#plannedTransferDate-year': String(new Date().getUTCFullYear() + 11),
      },
      'Start the journey',
      'new-journey-errors',
      ['Journey name must be 200 characters or fewer', 'Number of staff must be 1,000,000 or fewer', 'no more than 10 years ahead'],
    );
    await refused(
      lead,
      `${pages.journey}/new-task`,
      { '#title': 'x'.repeat(201), '#guidance': 'g'.repeat(5001) },
      'Add task',
      'new-task-errors',
      ['The task must be 200 characters or fewer', 'Guidance must be 5,000 characters or fewer'],
    );
    await refused(
      lead,
      pages.task,
      { 'input[name="status"][value="not_applicable"]': 'check', '#notApplicableReason': 'n'.repeat(2001) },
      'Save',
      'task-errors',
      ['Why the task does not apply must be 2,000 characters or fewer'],
    );
    await refused(lead, `${pages.journey}/escalations/new`, { '#reason': 'r'.repeat(5001) }, 'Raise the concern', 'concern-errors', [
      '5,000 characters or fewer',
    ]);
    await lead.context().close();
    const department = await at320(cast.users.departmentOfficer.email);
    await refused(department, pages.escalation, { '#resolution': 'r'.repeat(5001) }, 'Resolve the escalation', 'resolve-errors', [
      '5,000 characters or fewer',
    ]);
    await department.context().close();
    const admin = await at320(adminEmail);
    await refused(admin, '/admin/users/new', { '#name': 'Nia Hove', '#email': 'nia@hove.c' }, 'Add user', 'new-user-errors', [
      'Enter an email address in the correct format',
    ]);
    await admin.context().close();
    const signedOut = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await refused(signedOut, '/account/reset-password', { '#email': 'nia@hove.c' }, 'Send the link', 'reset-password-errors', [
      'Enter an email address in the correct format',
    ]);
    await signedOut.close();
  });

  it('the pipeline and the administration pages', async () => {
    const staff = await at320(cast.users.staff.email);
    await check(staff, '/pipeline', 'pipeline');
    await staff.context().close();
    const admin = await at320(adminEmail);
    for (const [path, name] of [
      ['/admin/users', 'admin-users'],
      [pages.adminUser, 'admin-user'],
      ['/admin/organisations', 'admin-organisations'],
      [pages.adminOrganisation, 'admin-organisation'],
      ['/admin/audit', 'admin-audit'],
    ]) {
      await check(admin, path, name);
    }
    await admin.context().close();
  });
});
