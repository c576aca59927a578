import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { adminAuth, startTestApp, type TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signInBehindTheScenes, watchPageErrors } from '../support/browser';
import { createActor, createCast, createOrganisation } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { sql } from '../platform/support/test-db';

jest.setTimeout(180_000);

const PASSWORD = 'a long enough password for tests';
/** Screenshots for people to look at (not compared): set SCREENSHOT_DIR to keep them. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

describe('pages for a journey that fits: task sources and the central team’s re-plan', () => {
  let t: TestApp;
  let cast: Cast;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    browser = await launchBrowser();
    if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const shoot = async (page: Page, name: string) => {
    if (!SCREENSHOT_DIR) return;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-320.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  it('shows a task’s source as a link and lets the central team preview and confirm a re-plan', async () => {
    const mutual = await createOrganisation(t, 'mutual', 'Fife Community Learning (browser)', { nation: 'scotland' });
    const parent = await createOrganisation(t, 'parent_body', 'Fife Council (browser)', { nation: 'scotland', bodyType: 'nhs_trust' });
    const journey = await createJourney(
      t,
      cast,
      { name: 'Fife adult learning spin-out', mutualOrganisationId: mutual.id, parentBodyId: parent.id, staffCount: 8 },
      cast.users.admin,
    );
    const staff = await createActor(t, cast.orgs.central.id, 'cabinet_office_staff', { password: PASSWORD, name: 'Robin Central' });
    const page = await (await browser.newContext()).newPage();
    const errors = watchPageErrors(page);
    await signInBehindTheScenes(page.context(), t.baseUrl, staff.email, PASSWORD);

    // The task page: the source's citation is a link to the law.
    const [task] = await sql<{ id: string }>(`SELECT id FROM journey_tasks WHERE journey_id = $1 AND key = 'confirm_commissioning_route'`, [
      journey.id,
    ]);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/tasks/${task.id}`);
    const link = page.getByTestId('task-source').getByRole('link');
    await expect(link.getAttribute('href')).resolves.toBe('https://www.legislation.gov.uk/asp/2014/12/contents');
    await expect(link.textContent()).resolves.toMatch(/Procurement Reform \(Scotland\) Act 2014/);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'task-source');

    // The parent body is in fact a council: the journey page offers the central team a re-plan.
    await t.http().patch(`/api/organisations/${parent.id}`).set(adminAuth).send({ bodyType: 'local_authority' }).expect(200);
    await page.goto(`${t.baseUrl}/journeys/${journey.id}`);
    await expect(page.getByTestId('journey-summary').textContent()).resolves.toMatch(/Scotland, NHS trust \(pathway version 3\)/);
    await page.getByTestId('replan-link').click();
    await page.waitForURL(/\/replan$/);
    await expect(page.getByTestId('replan-added').textContent()).resolves.toMatch(/Request pension admission/);
    await expect(page.getByTestId('replan-removed').textContent()).resolves.toMatch(/Secure pension access/);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'replan-preview');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/journeys/${journey.id}`),
      page.getByRole('button', { name: 'Confirm the re-plan' }).click(),
    ]);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/Checklist re-planned/);
    await expect(page.getByTestId('journey-summary').textContent()).resolves.toMatch(/Scotland, Local authority \(council\)/);
    await shoot(page, 'replan-done');

    // Nothing left to do; a mutual lead is refused the page.
    await page.goto(`${t.baseUrl}/journeys/${journey.id}/replan`);
    await expect(page.locator('main').textContent()).resolves.toMatch(/already fits/);
    expect(errors).toEqual([]);
  });
});
