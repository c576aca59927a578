import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { expectNoSeriousAxeViolations } from '../support/browser';
import { completeGate, createJourney, fire } from '../support/journeys';
import { advanceTo } from '../pipeline/support';
import { browserSuite, clickAndWait, shoot } from './support';

jest.setTimeout(420_000);

/** Elements of the yearly cycle section or the form that stick out past the viewport's right edge. */
const OVERFLOW = `[...document.querySelectorAll('[data-testid=yearly-cycle] *, main form *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.pathway-table-scroll'))
  .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)`;

async function shootSection(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.getByTestId('yearly-cycle').screenshot({ path: join(dir, `${name}.png`) });
}

const fill = async (page: Page, prefix: string, date: string) => {
  const [y, m, d] = date.split('-');
  await page.fill(`#${prefix}-day`, String(Number(d)));
  await page.fill(`#${prefix}-month`, String(Number(m)));
  await page.fill(`#${prefix}-year`, y);
};

/** The lead records the entity's dates and growth finance through GOV.UK forms; the journey page shows the year's tasks. At 1280 and 320 px, with axe. */
describe('the yearly cycle on the journey page', () => {
  const suite = browserSuite('yearly-cycle');

  it('records the entity’s dates and growth finance, and shows the year’s tasks', async () => {
    const { t, cast } = suite;
    const today = todayInLondon(new Date());
    const journey = await createJourney(t, cast, { name: 'Aspire community health' });
    await advanceTo(t, cast, journey.id, 'mobilising');
    await completeGate(t, cast, journey.id, 'mobilising');
    expect((await fire(t, journey.id, cast.users.lead, 'register_legal_entity', { legalForm: 'cic_limited_by_shares' })).status).toBe(200);
    for (const [state, type] of [
      ['entity_registered', 'confirm_transfer_readiness'],
      ['ready_for_transfer', 'complete_transfer'],
      ['bedding_in', 'complete_first_year_review'],
    ]) {
      await completeGate(t, cast, journey.id, state);
      expect((await fire(t, journey.id, cast.users.lead, type)).status).toBe(200);
    }

    const { page, errors } = await suite.signedIn(cast.users.lead.email);
    const incorporated = addCalendar(today, -120, 'calendar_days');
    for (const [width, name] of [
      [1280, 'desktop'],
      [320, '320'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      // The entity's dates: a first period too long is refused with the field named.
      await page.goto(`${t.baseUrl}/journeys/${journey.id}/entity`);
      await fill(page, 'incorporationDate', incorporated);
      await fill(page, 'accountingReferenceDate', addCalendar(incorporated, 20, 'months'));
      await clickAndWait(page, page.getByRole('button', { name: 'Save the dates' }));
      await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The end of the first accounting period');
      await shoot(page, `yearly-cycle-entity-error-${name}`);
      expect(await page.evaluate(OVERFLOW)).toEqual([]);
      await expectNoSeriousAxeViolations(page);
      await fill(page, 'accountingReferenceDate', addCalendar(incorporated, 12, 'months'));
      await clickAndWait(page, page.getByRole('button', { name: 'Save the dates' }));
      expect(new URL(page.url()).pathname).toBe(`/journeys/${journey.id}`);

      // Growth finance: an empty form names each missing field, then a good one is listed.
      await page.goto(`${t.baseUrl}/journeys/${journey.id}/growth-finance/new`);
      await clickAndWait(page, page.getByRole('button', { name: 'Record the finance' }));
      const summary = await page.locator('.govuk-error-summary').innerText();
      for (const text of [
        'Select the kind of finance',
        'Enter the amount in pounds',
        'Enter who the finance is from',
        'Enter the date it was sought',
      ])
        expect(summary).toContain(text);
      await shoot(page, `yearly-cycle-finance-error-${name}`);
      expect(await page.evaluate(OVERFLOW)).toEqual([]);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('radio', { name: 'Social investment', exact: true }).check();
      await page.fill('#amountGbp', '250,000');
      await page.fill('#funder', `Big Society Capital (${name})`);
      await fill(page, 'soughtOn', addCalendar(today, -40, 'calendar_days'));
      await page.getByRole('radio', { name: 'Secured', exact: true }).check();
      await fill(page, 'securedOn', addCalendar(today, -5, 'calendar_days'));
      await clickAndWait(page, page.getByRole('button', { name: 'Record the finance' }));
      expect(new URL(page.url()).pathname).toBe(`/journeys/${journey.id}`);

      const section = page.getByTestId('yearly-cycle');
      const text = await section.innerText();
      expect(text).toContain('Year 1 of operation');
      expect(text).toContain('File the confirmation statement at Companies House');
      expect(text).toContain('community interest company report');
      await expect(page.getByTestId('growth-finance').innerText()).resolves.toContain(`Big Society Capital (${name})`);
      await section.scrollIntoViewIfNeeded();
      await shootSection(page, `yearly-cycle-journey-${name}`);
      expect(await page.evaluate(OVERFLOW)).toEqual([]);
      await expectNoSeriousAxeViolations(page);
    }
    const dates = await t.http().get(`/api/journeys/${journey.id}/entity`).set(cast.users.lead.auth).expect(200);
    expect(dates.body).toMatchObject({ incorporationDate: incorporated, accountingReferenceDate: addCalendar(incorporated, 12, 'months') });
    expect(errors).toEqual([]);
  });
});
