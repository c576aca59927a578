/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signInBehindTheScenes, watchPageErrors } from '../support/browser';
import { createActor } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { sql } from '../platform/support/test-db';
import { clickAndWait, createWebCast, PASSWORD, shoot } from './support';

jest.setTimeout(240_000);

const HIDDEN = 'A member of the journey’s parties (confidential)';

/** Issue 10 items 4 and 7 in Chromium: the confidential concern form, the pages that hide the raiser, a refused duty change. */
describe('confidential concerns and duty rules in a browser', () => {
  let t: TestApp;
  let cast: Cast;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'browser i10b');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function at(width: number, email: string, fn: (page: Page) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    try {
      // Each fn loads its own page first.
      await signInBehindTheScenes(context, t.baseUrl, email, PASSWORD);
      await fn(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }
  /** No horizontal scrolling at this width; on failure, the elements that stick out (table caption or section id, tag.class, right edge). */
  const noOverflow = async (page: Page) => {
    const width = page.viewportSize()!.width;
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const wide =
      scrollWidth > width
        ? ((await page.evaluate(`[...document.querySelectorAll('main *')]
            .filter((el) => el.getBoundingClientRect().right > ${width + 1})
            .slice(0, 5)
            .map((el) => (el.closest('table')?.querySelector('caption')?.textContent?.trim() ?? el.closest('[id]')?.id ?? '') +
              ' ' + el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + Math.round(el.getBoundingClientRect().right))`)) as string[])
        : [];
    expect({ fits: scrollWidth <= width, scrollWidth, wide }).toEqual({ fits: true, scrollWidth, wide: [] });
  };

  it('raises a concern confidentially, and the other parties see the concern but not who raised it', async () => {
    const journey = await createJourney(t, cast, {}, cast.users.staff);
    let escalationPath = '';
    for (const width of [1280, 320]) {
      await at(width, cast.users.lead.email, async (page) => {
        await page.goto(`${t.baseUrl}/journeys/${journey.id}/escalations/new`);
        const box = page.getByLabel('Raise this confidentially with the central team');
        await expect(box.isVisible()).resolves.toBe(true);
        await expectNoSeriousAxeViolations(page);
        await noOverflow(page);
        await shoot(page, `concern-form-${width}`);
        if (width === 320) return;
        await page.getByLabel('What is your concern?').fill('Staff are being pressed to vote yes in the ballot');
        await box.check();
        await clickAndWait(page, page.getByRole('button', { name: 'Raise the concern' }));
        escalationPath = new URL(page.url()).pathname;
        await expect(page.locator('body').innerText()).resolves.toContain('It is with the central team');
        await expect(page.locator('body').innerText()).resolves.toContain('Sam Patel');
        await expectNoSeriousAxeViolations(page);
        await shoot(page, `concern-raised-raiser-${width}`);
      });
    }
    expect(escalationPath).toMatch(/^\/escalations\//);
    for (const width of [1280, 320]) {
      await at(width, cast.users.officer.email, async (page) => {
        for (const [path, name] of [
          [escalationPath, 'escalation-officer'],
          [`/journeys/${journey.id}`, 'journey-history-officer'],
        ]) {
          await page.goto(`${t.baseUrl}${path}`);
          const text = await page.locator('main').innerText();
          expect(text).toContain(HIDDEN);
          expect(text).not.toContain('Sam Patel');
          await shoot(page, `${name}-${width}`);
          await expectNoSeriousAxeViolations(page);
          await noOverflow(page);
        }
      });
    }
  });

  it('shows a refused duty change on the task form with the rule, and the central team’s override field', async () => {
    const journey = await createJourney(t, cast);
    expect(
      (await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Community health' })).status,
    ).toBe(200);
    const [task] = await sql<{ id: string }>(
      `SELECT id FROM journey_tasks WHERE journey_id = $1 AND key = 'respond_to_expression_of_interest'`,
      [journey.id],
    );
    for (const width of [1280, 320]) {
      await at(width, cast.users.officer.email, async (page) => {
        await page.goto(`${t.baseUrl}/journeys/${journey.id}/tasks/${task.id}`);
        await page.getByLabel('Not applicable').check();
        await page.getByLabel('Why does this task not apply?').fill('We do not take part');
        await clickAndWait(page, page.getByRole('button', { name: 'Save' }));
        await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('cannot be marked not applicable');
        await expectNoSeriousAxeViolations(page);
        await noOverflow(page);
        await shoot(page, `task-duty-refused-${width}`);
      });
    }
    const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD, name: 'Ada Admin' });
    await at(1280, admin.email, async (page) => {
      await page.goto(`${t.baseUrl}/journeys/${journey.id}/tasks/${task.id}`);
      await expect(page.getByLabel(/Reason for overriding a duty rule/).isVisible()).resolves.toBe(true);
      await expectNoSeriousAxeViolations(page);
      await shoot(page, 'task-override-central-1280');
    });
  });

  it('shows the parent body an unconfirmed request it can reject, and the mutual lead only the parent bodies it may name', async () => {
    const journey = await createJourney(t, cast);
    expect(
      (await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Community health' })).status,
    ).toBe(200);
    for (const width of [1280, 320]) {
      await at(width, cast.users.officer.email, async (page) => {
        await page.goto(`${t.baseUrl}/journeys/${journey.id}/respond`);
        await expect(page.getByRole('heading', { name: 'Unconfirmed request' }).isVisible()).resolves.toBe(true);
        await expect(page.getByRole('button', { name: 'This is not for our organisation' }).isVisible()).resolves.toBe(true);
        await shoot(page, `respond-unconfirmed-${width}`);
        await expectNoSeriousAxeViolations(page);
        await noOverflow(page);
      });
      await at(width, cast.users.lead.email, async (page) => {
        await page.goto(`${t.baseUrl}/journeys/new`);
        await shoot(page, `new-journey-lead-${width}`);
        await expectNoSeriousAxeViolations(page);
        await noOverflow(page);
      });
    }
  });
});
