import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, signIn } from '../support/browser';
import { createActor } from '../support/fixtures';
import { browserSuite, clickAndWait, pathOf, PASSWORD, shoot } from './support';

jest.setTimeout(600_000);

/**
 * Each page: axe at desktop width, screenshots at desktop and 320 px when SCREENSHOT_DIR is set
 * (axe at 320 px too when AXE_NARROW is set: it doubles the suite's time).
 */
async function check(page: Page, name: string): Promise<void> {
  await expectNoSeriousAxeViolations(page);
  await shoot(page, `${name}-desktop`);
  if (!process.env.SCREENSHOT_DIR && !process.env.AXE_NARROW) return;
  await page.setViewportSize({ width: 320, height: 800 });
  if (process.env.AXE_NARROW) await expectNoSeriousAxeViolations(page);
  await shoot(page, `${name}-320`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('administration pages (Chromium, axe)', () => {
  const suite = browserSuite('admin');

  it('an administrator adds an organisation and a user, invites them, changes their role and deactivates them; the leaver is signed out', async () => {
    const { t, cast, browser } = suite;
    const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD, name: 'Ada Admin' });
    const { page } = await suite.signedIn(admin.email);

    await clickAndWait(page, page.getByRole('link', { name: 'Administration' }));
    expect(pathOf(page)).toBe('/admin/users');
    await check(page, 'admin-users');
    await page.getByLabel('Search by name, email address or organisation').fill('Sam Patel');
    await clickAndWait(page, page.getByRole('button', { name: 'Search' }));
    await expect(page.getByTestId('users-table').innerText()).resolves.toContain(cast.users.lead.email);

    // Organisations: the list, then an organisation with its form errors.
    await clickAndWait(page, page.getByRole('link', { name: 'Organisations', exact: true }));
    await check(page, 'admin-organisations');
    await clickAndWait(page, page.getByRole('button', { name: 'Add an organisation' }));
    await clickAndWait(page, page.getByRole('button', { name: 'Add organisation' }));
    await expect(page.title()).resolves.toBe('Error: Add an organisation - Pathway');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the organisation’s name');
    await check(page, 'admin-organisation-new-errors');
    await page.getByLabel('Name').fill('Hove Community Health');
    await page.getByLabel('Mutual', { exact: true }).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Add organisation' }));
    await expect(page.locator('h1').innerText()).resolves.toBe('Hove Community Health');
    await check(page, 'admin-organisation');

    // A user for it, invited: no email is configured here, so the link is shown once to pass on.
    await clickAndWait(page, page.getByRole('button', { name: 'Add a user to this organisation' }));
    await page.getByLabel('Full name').fill('Nia Newcomer');
    await page.getByLabel('Email address').fill('nia.newcomer@hove.example');
    await page.getByLabel('Parent body officer').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Add user' }));
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('must belong to a parent body, not a mutual');
    await check(page, 'admin-user-new-errors');
    await page.getByLabel('Mutual lead').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Add user' }));
    await expect(page.locator('h1').innerText()).resolves.toBe('Nia Newcomer');
    const link = (await page.getByTestId('invitation-link').innerText()).trim();
    expect(link).toMatch(/\/account\/set-password\?token=[A-Za-z0-9_-]{40,}$/);
    await check(page, 'admin-user');

    // The newcomer sets a password from the link (a guessable one first), then signs in.
    const newcomer = await (await browser.newContext()).newPage();
    suite.contexts.push(newcomer.context());
    await newcomer.goto(link.replace(/^https?:\/\/[^/]+/, t.baseUrl));
    await expect(newcomer.locator('h1').innerText()).resolves.toBe('Set your password');
    await check(newcomer, 'account-set-password');
    await newcomer.getByLabel('New password', { exact: true }).fill('aaaaaaaaaaaa');
    await newcomer.getByLabel('Confirm your new password').fill('aaaaaaaaaaaa');
    await clickAndWait(newcomer, newcomer.getByRole('button', { name: 'Set password' }));
    await expect(newcomer.locator('.govuk-error-summary').innerText()).resolves.toContain('Password is too easy to guess');
    await newcomer.getByLabel('New password', { exact: true }).fill('velvet otter lantern harbour');
    await newcomer.getByLabel('Confirm your new password').fill('velvet otter lantern harbour');
    await clickAndWait(newcomer, newcomer.getByRole('button', { name: 'Set password' }));
    await expect(newcomer.locator('h1').innerText()).resolves.toBe('Your password has been set');
    await check(newcomer, 'account-password-set');
    // The link worked once.
    await newcomer.goto(link.replace(/^https?:\/\/[^/]+/, t.baseUrl));
    await expect(newcomer.locator('h1').innerText()).resolves.toBe('This link has expired or has already been used');
    await signIn(newcomer, t.baseUrl, 'nia.newcomer@hove.example', 'velvet otter lantern harbour');
    expect(pathOf(newcomer)).toBe('/');

    // Change of role, with only the roles of a mutual offered.
    await page.reload();
    await clickAndWait(page, page.getByRole('link', { name: 'Change role' }));
    await expect(page.getByRole('radio').count()).resolves.toBe(2);
    await check(page, 'admin-user-role');
    await page.getByLabel('Mutual team member').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Change role' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Role changed');

    // Deactivation, confirmed: the newcomer's next page is the sign-in page.
    await clickAndWait(page, page.getByRole('button', { name: 'Deactivate account' }));
    await expect(page.locator('h1').innerText()).resolves.toContain('Are you sure you want to deactivate Nia Newcomer’s account?');
    await check(page, 'admin-user-deactivate');
    await clickAndWait(page, page.getByRole('button', { name: 'Yes, deactivate the account' }));
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Account deactivated');
    await newcomer.goto(`${t.baseUrl}/`);
    expect(pathOf(newcomer)).toBe('/sign-in');

    // All of it in the audit trail.
    await page.goto(`${t.baseUrl}/admin/audit`);
    const audit = await page.getByTestId('audit-table').innerText();
    for (const line of [
      'Organisation created',
      'User added',
      'Invitation sent',
      'Password set from an invitation',
      'Role changed',
      'Account deactivated',
    ])
      expect(audit).toContain(line);
    await check(page, 'admin-audit');
  });

  it('refuses the administration pages to everyone else (403 page)', async () => {
    const { page } = await suite.signedIn(suite.cast.users.staff.email);
    await expect(page.getByRole('link', { name: 'Administration' }).count()).resolves.toBe(0);
    const res = await page.goto(`${suite.t.baseUrl}/admin/users`);
    expect(res?.status()).toBe(403);
  });

  it('offers a password reset from the sign-in page, with the same answer for any address', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    suite.contexts.push(page.context());
    await page.goto(`${suite.t.baseUrl}/sign-in`);
    await clickAndWait(page, page.getByRole('link', { name: 'Forgotten your password?' }));
    await check(page, 'account-reset-password');
    await page.getByLabel('Email address').fill('nobody-at-all@example.test');
    await clickAndWait(page, page.getByRole('button', { name: 'Send the link' }));
    await expect(page.locator('h1').innerText()).resolves.toBe('Check your email');
    await check(page, 'account-reset-sent');
  });
});
