import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Client } from 'pg';
import { hashPassword } from '@pathway/identity/secrets';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, signInBehindTheScenes, watchPageErrors } from '../support/browser';
import { createActor, createOrganisation, type Actor } from '../support/fixtures';
import type { Cast } from '../support/journeys';
import { TEST_SCRYPT_LOG2_N } from '../support/test-env';

export const PASSWORD = 'a long enough password for tests';

/**
 * Screenshots for people to look at (not compared). Set SCREENSHOT_DIR to keep them; each file
 * is `<name>.png`, the full page.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Clicks something that submits a form or follows a link, and waits for the next page to load. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/** The path (and query) of the page's URL. */
export const pathOf = (page: Page): string => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** PASSWORD's scrypt hash, made once per Jest module registry (a file, or a group of files): the product's own hash, parameters and all. */
let passwordHash: Promise<string> | undefined;

/**
 * Gives the users PASSWORD as the API does when a user is created with one (the hash, and the
 * time it was set), with one hash for the file instead of one a user: the cast is set-up, and each
 * scrypt hash is ~0.1-0.2 s of CPU. Creating users with a password through the API stays tested in
 * test/accounts and admin-pages.
 */
async function givePassword(t: TestApp, actors: Actor[]): Promise<void> {
  passwordHash ??= hashPassword(PASSWORD, TEST_SCRYPT_LOG2_N);
  const db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  try {
    const res = await db.query('UPDATE users SET password_hash = $1, password_changed_at = now() WHERE id = ANY($2::uuid[])', [
      await passwordHash,
      actors.map((a) => a.id),
    ]);
    if (res.rowCount !== actors.length) throw new Error(`gave ${res.rowCount} of ${actors.length} users a password`);
  } finally {
    await db.end();
  }
  for (const actor of actors) actor.password = PASSWORD;
}

/**
 * The cast of createCast (one organisation of each kind, one user of each role, with API tokens
 * for set-up through the API), with names to find in pages and passwords for the people who sign in.
 */
export async function createWebCast(t: TestApp, label: string): Promise<Cast> {
  const suffix = `${label} ${Math.random().toString(36).slice(2, 7)}`;
  const [mutual, parentBody, commissioner, department, arbiter, central, outsiderMutual, otherParentBody] = await Promise.all([
    createOrganisation(t, 'mutual', `Aspire Mutual (${suffix})`),
    createOrganisation(t, 'parent_body', `Brighton Council (${suffix})`, { bodyType: 'local_authority' }),
    createOrganisation(t, 'commissioner', `Sussex Commissioning (${suffix})`),
    createOrganisation(t, 'department', `Department of Health (${suffix})`),
    createOrganisation(t, 'arbiter', `Independent Arbiter (${suffix})`),
    createOrganisation(t, 'cabinet_office', `Central Team (${suffix})`),
    createOrganisation(t, 'mutual', `Other Mutual (${suffix})`),
    createOrganisation(t, 'parent_body', `Other Council (${suffix})`),
  ]);
  const named = (name: string) => ({ name });
  const [lead, member, officer, commissionerUser, departmentOfficer, arbiterUser, staff, admin, outsider, otherOfficer] = await Promise.all(
    [
      createActor(t, mutual.id, 'mutual_lead', named('Sam Patel')),
      createActor(t, mutual.id, 'mutual_member'),
      createActor(t, parentBody.id, 'parent_body_officer', named('Alex Jones')),
      createActor(t, commissioner.id, 'commissioner', named('Kim Lowe')),
      createActor(t, department.id, 'department_officer', named('Dee Rao')),
      createActor(t, arbiter.id, 'arbiter', named('Ari Stone')),
      createActor(t, central.id, 'cabinet_office_staff', named('Chris Lee')),
      createActor(t, central.id, 'cabinet_office_admin'),
      createActor(t, outsiderMutual.id, 'mutual_lead'),
      createActor(t, otherParentBody.id, 'parent_body_officer'),
    ],
  );
  await givePassword(t, [lead, officer, commissionerUser, departmentOfficer, arbiterUser, staff]);
  return {
    orgs: { mutual, parentBody, commissioner, department, arbiter, central, outsiderMutual, otherParentBody },
    users: {
      lead,
      member,
      officer,
      commissioner: commissionerUser,
      departmentOfficer,
      arbiter: arbiterUser,
      staff,
      admin,
      outsider,
      otherOfficer,
    },
  };
}

/**
 * The set-up every browser suite shares: the real app and one Chromium for the file, the web cast,
 * and `signedIn(email)` giving a page on the start page, signed in (without the form's page loads)
 * in a browser context of its own (so sessions never mix), closed after each test. Call it at the top of a `describe`.
 */
export function browserSuite(label: string) {
  const suite = { contexts: [] as BrowserContext[] } as {
    t: TestApp;
    browser: Browser;
    cast: Cast;
    contexts: BrowserContext[];
    signedIn: (email: string) => Promise<{ page: Page; errors: string[] }>;
  };
  beforeAll(async () => {
    [suite.t, suite.browser] = await Promise.all([startTestApp(), launchBrowser()]);
    suite.cast = await createWebCast(suite.t, label);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });
  afterEach(async () => {
    await Promise.all(suite.contexts.splice(0).map((c) => c.close()));
  });
  suite.signedIn = async (email) => {
    const context = await suite.browser.newContext();
    suite.contexts.push(context);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInBehindTheScenes(context, suite.t.baseUrl, email, PASSWORD);
    // Where the form would have landed: tests start from the start page.
    await page.goto(`${suite.t.baseUrl}/`);
    return { page, errors };
  };
  return suite;
}
