import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { createJourney } from '../support/journeys';
import { advanceTo } from '../pipeline/support';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite } from './support';

/** Screenshots of the page's sections (a full page of checklist is too long to look at), when SCREENSHOT_DIR is set. */
async function shootSections(page: Page, name: string, selectors: string[]): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const [i, selector] of selectors.entries()) {
    const el = page.locator(selector).first();
    // A heading alone is small: take it with what follows, down to the next section.
    const box = await el.evaluate(`(e) => { const r = e.getBoundingClientRect(); let end = r.bottom; let n = e.nextElementSibling;
      while (n && n.tagName !== 'H2' && n.tagName !== 'SECTION' && e.tagName === 'H2') { end = n.getBoundingClientRect().bottom; n = n.nextElementSibling; }
      return { x: 0, y: r.top + window.scrollY, width: window.innerWidth, height: end - r.top }; }`);
    await page.screenshot({
      path: join(dir, `${name}-${i}.png`),
      fullPage: true,
      clip: box as { x: number; y: number; width: number; height: number },
    });
  }
}

jest.setTimeout(420_000);

/** Elements of the contracts, results and pipeline sections that stick out past the viewport's right edge. */
const OVERFLOW = `[...document.querySelectorAll('[data-testid=contracts] *, [data-testid=results] *, #contract-expiries ~ *')]
  .filter((e) => !document.getElementById('journeys') || (e.compareDocumentPosition(document.getElementById('journeys')) & Node.DOCUMENT_POSITION_FOLLOWING))
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.pathway-table-scroll'))
  .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)`;

/** The journey page's contracts and results (chart and tables) and the pipeline's sustainability sections, at desktop width and at 320 px, with axe. */
describe('sustainability on the journey and pipeline pages', () => {
  const suite = browserSuite('sustainability');

  it('shows contracts, results with a chart and tables, and the pipeline sections, readable at 320 px', async () => {
    const { t, cast } = suite;
    const journey = await createJourney(t, cast, { name: 'Aspire adult learning', serviceArea: 'education_and_learning' });
    await t
      .http()
      .put(`/api/journeys/${journey.id}/results/baseline`)
      .set(cast.users.officer.auth)
      .send({ staffTurnoverPct: 7.8, sicknessDaysPerFte: 22, staffSatisfactionPct: 61, staffCount: 380 })
      .expect(200);
    await advanceTo(t, cast, journey.id, 'bedding_in');
    const today = todayInLondon(new Date());
    const fy = `${Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0)}`;
    const period = `${fy}-${String((Number(fy) + 1) % 100).padStart(2, '0')}`;
    await t
      .http()
      .put(`/api/journeys/${journey.id}/results/${period}`)
      .set(cast.users.lead.auth)
      .send({
        staffTurnoverPct: 3.5,
        sicknessDaysPerFte: 0.9,
        staffSatisfactionPct: 84,
        staffCount: 402,
        socialValue: 'Free courses for 120 carers',
      })
      .expect(200);
    await t
      .http()
      .post(`/api/journeys/${journey.id}/contracts`)
      .set(cast.users.commissioner.auth)
      .send({
        title: 'Adult learning 2025–2028',
        commissionerId: cast.orgs.commissioner.id,
        startDate: addCalendar(today, -20, 'months'),
        endDate: addCalendar(today, 10, 'months'),
        annualValueGbp: 2_400_000,
        route: 'reserved_mutual',
      })
      .expect(201);

    const { page, errors } = await suite.signedIn(cast.users.lead.email);
    for (const [width, name] of [
      [1280, 'desktop'],
      [320, '320'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${t.baseUrl}/journeys/${journey.id}`);
      const contracts = page.getByTestId('contracts');
      await expect(contracts.innerText()).resolves.toContain('Adult learning 2025–2028');
      await expect(contracts.innerText()).resolves.toContain('Taskforce recommends contracts of at least five years');
      const results = page.getByTestId('results');
      await expect(results.getByRole('img', { name: 'Staff turnover' }).count()).resolves.toBe(1);
      await expect(page.getByTestId('results-comparison').innerText()).resolves.toContain('Down 4.3 percentage points (better)');
      await expect(page.getByTestId('results-table').innerText()).resolves.toContain('Baseline');
      // Nothing wider than the screen.
      const overflow = await page.evaluate(OVERFLOW);
      await results.scrollIntoViewIfNeeded();
      await shootSections(page, `sustainability-journey-${name}`, ['[data-testid=contracts]', '[data-testid=results]']);
      expect(overflow).toEqual([]);
      await expectNoSeriousAxeViolations(page);
    }

    const staff = await suite.signedIn(cast.users.staff.email);
    for (const [width, name] of [
      [1280, 'desktop'],
      [320, '320'],
    ] as const) {
      await staff.page.setViewportSize({ width, height: 900 });
      await staff.page.goto(`${t.baseUrl}/pipeline`);
      await expect(staff.page.getByTestId('contract-expiries-table').innerText()).resolves.toContain('Adult learning 2025–2028');
      await expect(staff.page.getByTestId('results-medians').innerText()).resolves.toContain('Staff turnover');
      const overflow = await staff.page.evaluate(OVERFLOW);
      await shootSections(staff.page, `sustainability-pipeline-${name}`, ['#contract-expiries', '#results']);
      expect(overflow).toEqual([]);
      await expectNoSeriousAxeViolations(staff.page);
    }
    expect([...errors, ...staff.errors]).toEqual([]);
  });
});
