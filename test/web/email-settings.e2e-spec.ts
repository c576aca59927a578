import request from 'supertest';
import { TestApp } from '../support/app';
import { expectNoSeriousAxeViolations } from '../support/browser';
import type { Cast } from '../support/journeys';
import { browserSuite, clickAndWait, pathOf, PASSWORD, shoot } from './support';

jest.setTimeout(120_000);

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/**
 * `/account/notifications` (email settings) in a real browser, with axe at 1280 and 320 px: reached
 * from the header and the notifications page, the default (a daily digest) chosen, the GOV.UK error
 * pattern when nothing is chosen, the success banner, and the same choice through the API.
 */
describe('email settings page', () => {
  const suite = browserSuite('email settings');
  let t: TestApp;
  let cast: Cast;
  beforeAll(() => {
    ({ t, cast } = suite);
  });
  const choice = async () =>
    (await t.http().get('/api/me/notification-preferences').set(cast.users.officer.auth).expect(200)).body.routineEmails as string;

  it('shows the default, refuses no choice with the error pattern, and saves a choice', async () => {
    const { page, errors } = await suite.signedIn(cast.users.officer.email);
    await clickAndWait(page, page.getByRole('link', { name: 'Notifications', exact: true }));
    await clickAndWait(page, page.getByTestId('email-settings-link'));
    expect(pathOf(page)).toBe('/account/notifications');
    await expect(page.title()).resolves.toBe('Email settings - Pathway');
    await expect(page.getByLabel('Once a day, in one summary email (recommended)').isChecked()).resolves.toBe(true);
    await expect(page.locator('main').innerText()).resolves.toContain('You cannot turn these off');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'email-settings');

    // Nothing chosen (as a browser without the default would post): the GOV.UK error pattern, nothing saved.
    await page.evaluate(() => {
      for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="routineEmails"]')) radio.checked = false;
    });
    await clickAndWait(page, page.getByRole('button', { name: 'Save email settings' }));
    await expect(page.title()).resolves.toBe('Error: Email settings - Pathway');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(
      'Select how you want to get emails about other notifications',
    );
    await expect(page.locator('#routineEmails-error').innerText()).resolves.toContain('Select how you want');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'email-settings-error');
    await expect(choice()).resolves.toBe('daily_digest');

    await page.getByLabel('As each one happens').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Save email settings' }));
    expect(pathOf(page)).toBe('/account/notifications');
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toMatch(
      /Email settings saved[\s\S]*an email for each notification as it happens/,
    );
    await expect(page.getByLabel('As each one happens').isChecked()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    await expect(choice()).resolves.toBe('immediately');

    // From the header, on a phone.
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto(`${t.baseUrl}/`);
    await clickAndWait(page, page.getByRole('link', { name: 'Email settings' }));
    expect(pathOf(page)).toBe('/account/notifications');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, 'email-settings-320');
    expect(errors).toEqual([]);
  });

  it('refuses a made-up choice and a post without the CSRF token', async () => {
    const agent = request.agent(t.baseUrl);
    const signIn = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: cast.users.lead.email, password: PASSWORD, _csrf: csrfOf(signIn.text) })
      .expect(302);
    const form = await agent.get('/account/notifications').expect(200);
    const bad = await agent
      .post('/account/notifications')
      .type('form')
      .send({ _csrf: csrfOf(form.text), routineEmails: 'weekly' })
      .expect(400);
    expect(bad.text).toContain('There is a problem');
    await agent.post('/account/notifications').type('form').send({ routineEmails: 'in_app_only' }).expect(403);
    const now = (await t.http().get('/api/me/notification-preferences').set(cast.users.lead.auth).expect(200)).body;
    expect(now).toMatchObject({ routineEmails: 'daily_digest', updatedAt: null });
  });
});
