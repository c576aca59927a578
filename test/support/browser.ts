import axe from 'axe-core';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium headless shell (`apt-get install chromium-headless-shell`; `.ci/run` installs it
 * when missing): the same Blink as the browser without its UI layer, and the binary Playwright itself
 * runs for headless tests. The page tests took a third less CPU on it than on the full browser's new
 * headless mode (narrow-screens: 22 s against 33 s). Without it, the full Chromium; CHROMIUM_PATH
 * names another.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

/** Headless Chromium for page tests. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Signs in through the form at `${baseUrl}/sign-in` and waits for the page it lands on. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Signs the context in without a page: the sign-in form's GET and POST through the context's own
 * request client, whose cookies are the context's. For tests about other pages, which need a
 * session but not the two page loads of the form (the form itself is tested in browser.e2e-spec and
 * sign-in.e2e-spec). The session is new, as with the form.
 */
export async function signInBehindTheScenes(context: BrowserContext, baseUrl: string, email: string, password: string): Promise<void> {
  const form = await context.request.get(`${baseUrl}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!form.ok() || !csrf) throw new Error(`sign-in form: ${form.status()} without a _csrf field`);
  const res = await context.request.post(`${baseUrl}/sign-in`, { form: { email, password, _csrf: csrf }, maxRedirects: 0 });
  const to = res.headers().location || '';
  if (res.status() !== 302 || !to || new URL(to, baseUrl).pathname === '/sign-in') {
    throw new Error(`sign in as ${email}: ${res.status()} to ${to || 'nowhere'}`);
  }
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL((url) => url.pathname === '/sign-in'), page.getByRole('button', { name: 'Sign out' }).click()]);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Fails with a readable list when axe finds any serious or critical WCAG 2.x A/AA violation on the page.
 * Set AXE_TIMING=1 to log how long each check takes (axe is most of a browser test's time).
 *
 * axe-core runs in the page itself, put there once per page load. @axe-core/playwright's builder,
 * used before, evaluated axe's 550 kB source twice per check in its in-page (legacy) mode, and its
 * default mode opens a blank page per check to merge frames' results: a check took ~800 ms on the
 * journey page, ~650 ms this way, with the same rules and results. The pages have no iframes;
 * one would need axe in each frame, so a page with one fails here rather than go half-checked.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const started = Date.now();
  if (page.frames().length > 1) throw new Error(`${page.url()} has an iframe: the axe check covers only the top frame`);
  await page.evaluate(`if (typeof window.axe === 'undefined') {\n${axe.source}\n}`);
  const violations = await page.evaluate(
    // Only violations are kept: axe then keeps one node for passes and the rest, not every node it checked.
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) => r.violations),
    AXE_TAGS,
  );
  if (process.env.AXE_TIMING) console.log(`axe ${Date.now() - started} ms ${page.url()}`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect({ url: page.url(), violations: report }).toEqual({ url: page.url(), violations: [] });
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}

/**
 * Collects what a page should never produce: script errors, console errors (CSP violations
 * among them) and failed subresources (CSS, JS, fonts, images). The page's own status (a 400
 * form, a 404 page) is not an error here.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    // Chromium logs every 4xx/5xx, documents included; subresources are checked below instead.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // Browsers abandon a pending favicon fetch when the page navigates on: not a fault of the page.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.(svg|ico|png)$/.test(new URL(req.url()).pathname)) return;
    errors.push(`failed ${req.url()}: ${req.failure()?.errorText}`);
  });
  return errors;
}
