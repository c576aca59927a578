import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/app';
import { expectNoSeriousAxeViolations, launchBrowser, signIn, signOut, watchPageErrors } from '../support/browser';
import { createActor, createOrganisation } from '../support/fixtures';

jest.setTimeout(120_000);

const PASSWORD = 'a long enough password for tests';
/** Screenshots for people to look at (not compared): set SCREENSHOT_DIR to keep them. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

describe('web pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
  });

  const shoot = async (name: string) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  };

  it('signs in, shows the start page, signs out, with no serious accessibility problems', async () => {
    const org = await createOrganisation(t, 'mutual', 'Aspire Sussex (browser)');
    const lead = await createActor(t, org.id, 'mutual_lead', { password: PASSWORD, name: 'Sam Patel' });

    await page.goto(`${t.baseUrl}/sign-in`);
    await expect(page.title()).resolves.toBe('Sign in - Pathway');
    // GOV.UK Frontend started (its JS module ran under the CSP): the password input's show button.
    await page.getByRole('button', { name: /show password/i }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await shoot('sign-in');

    // Errors: summary focused, links to fields.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.title()).resolves.toBe('Error: Sign in - Pathway');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter an email address');
    await expect(page.locator('.govuk-error-summary:focus').count()).resolves.toBe(1);
    await expectNoSeriousAxeViolations(page);
    await shoot('sign-in-errors');

    await page.getByLabel('Email address').fill(lead.email);
    await page.getByLabel('Password', { exact: true }).fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Email or password is incorrect');
    await expectNoSeriousAxeViolations(page);

    await signIn(page, t.baseUrl, lead.email, PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.title()).resolves.toBe('Home - Pathway');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sam Patel');
    await expect(page.getByTestId('signed-in-user').innerText()).resolves.toContain('Aspire Sussex (browser)');
    await expect(page.getByTestId('role-sentence').innerText()).resolves.toBe('You are a mutual lead at Aspire Sussex (browser).');
    await expect(page.getByRole('heading', { name: 'Your journeys' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    await shoot('start-mutual');

    // A GOV.UK 404 page, still signed in.
    await page.goto(`${t.baseUrl}/no-such-page`);
    await expect(page.title()).resolves.toBe('Page not found - Pathway');
    await expectNoSeriousAxeViolations(page);
    await shoot('not-found');

    await signOut(page);
    await expect(page.title()).resolves.toBe('Sign in - Pathway');
    await page.goto(`${t.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(errors).toEqual([]);
  });

  it('can be used by keyboard alone: skip link, fields, sign in, sign out', async () => {
    const org = await createOrganisation(t, 'parent_body', 'Brighton Council (browser)');
    const officer = await createActor(t, org.id, 'parent_body_officer', { password: PASSWORD, name: 'Alex Jones' });

    await page.goto(`${t.baseUrl}/sign-in`);
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus').innerText()).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(officer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')]);

    await expect(page.getByRole('heading', { name: 'Requests for you to answer' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Your tasks' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    await shoot('start-parent-body');

    await page.getByRole('button', { name: 'Sign out' }).focus();
    await Promise.all([page.waitForURL((url) => url.pathname === '/sign-in'), page.keyboard.press('Enter')]);
    expect(errors).toEqual([]);
  });

  it('shows the central team their pipeline section, and department users their escalations', async () => {
    const central = await createOrganisation(t, 'cabinet_office', 'Central team (browser)');
    const staff = await createActor(t, central.id, 'cabinet_office_staff', { password: PASSWORD, name: 'Chris Lee' });
    await signIn(page, t.baseUrl, staff.email, PASSWORD);
    await expect(page.getByRole('heading', { name: 'Pipeline' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    await shoot('start-central');
    // Phone width: navigation collapses behind "Menu", the account still fits.
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoSeriousAxeViolations(page);
    await shoot('start-central-mobile');
    await signOut(page);

    const department = await createOrganisation(t, 'department', 'Department (browser)');
    const officer = await createActor(t, department.id, 'department_officer', { password: PASSWORD, name: 'Dee Rao' });
    await signIn(page, t.baseUrl, officer.email, PASSWORD);
    await expect(page.getByRole('heading', { name: 'Escalations assigned to you' }).isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    expect(errors).toEqual([]);
  });

  it('the axe check itself fails on a serious violation, names it, and refuses a page with an iframe', async () => {
    // What every page test relies on: a check that can fail. An image without alternative text is critical.
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><img src="data:,"></main></body></html>',
    );
    await expect(expectNoSeriousAxeViolations(page)).rejects.toThrow(/critical image-alt/);
    // Again on the same page (axe already there): the same finding.
    await expect(expectNoSeriousAxeViolations(page)).rejects.toThrow(/image-alt/);
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><img src="data:," alt="x"></main></body></html>',
    );
    await expectNoSeriousAxeViolations(page);
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main><iframe title="x" srcdoc="<p>x</p>"></iframe></main></body></html>',
    );
    await expect(expectNoSeriousAxeViolations(page)).rejects.toThrow(/has an iframe/);
  });
});
