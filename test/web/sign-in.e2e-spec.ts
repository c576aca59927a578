import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createActor, createOrganisation } from '../support/fixtures';

// Password hashing is deliberately slow; the e2e project's testTimeout is not applied per project.
jest.setTimeout(60_000);

const PASSWORD = 'correct horse battery staple';

/** The hidden CSRF token in a page's form. */
function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}

describe('web sign-in', () => {
  let t: TestApp;
  let email: string;
  let orgName: string;

  beforeAll(async () => {
    t = await startTestApp();
    const org = await createOrganisation(t, 'mutual', 'Aspire Sussex (web test)');
    orgName = org.name;
    const lead = await createActor(t, org.id, 'mutual_lead', { password: PASSWORD, name: 'Jo Bloggs' });
    email = lead.email;
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a GOV.UK sign-in form with email, password and a CSRF field', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>Sign in - Pathway</title>');
    expect(res.text).toMatch(/<input class="govuk-input[^"]*" id="email" name="email" type="email"/);
    expect(res.text).toMatch(/id="password" name="password" type="password"/);
    expect(csrfTokenOf(res.text)).toMatch(/^[0-9a-f]{64,}$/);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^pathway\.sid=.*; HttpOnly; SameSite=Lax/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('puts the CSP nonce on the inline scripts and nowhere else', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(res.headers['content-security-policy'])?.[1];
    expect(nonce).toBeDefined();
    const scripts = [...res.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(res.text).toContain(
      `<script type="module" nonce="${nonce}">import { initAll } from '/assets/govuk-frontend.min.js'; initAll()</script>`,
    );
    // A new nonce each request.
    const again = await t.http().get('/sign-in').expect(200);
    expect(again.headers['content-security-policy']).not.toContain(nonce);
  });

  it('serves the GOV.UK Frontend assets under /assets', async () => {
    await t
      .http()
      .get('/assets/govuk-frontend.min.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    await t
      .http()
      .get('/assets/govuk-frontend.min.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await t.http().get('/assets/pathway.css').expect(200);
    await t.http().get('/assets/images/favicon.svg').expect(200);
    const css = await t.http().get('/assets/govuk-frontend.min.css');
    const font = /url\("?(\/assets\/fonts\/[^")]+\.woff2)/.exec(css.text)?.[1];
    expect(font).toBeDefined();
    await t.http().get(font!).expect(200);
    // Only the compiled files of govuk-frontend's dist folder, not its sources.
    await t.http().get('/assets/template.njk').expect(404);
  });

  it('refuses a POST without a valid CSRF token with a 403 page', async () => {
    const agent = request.agent(t.baseUrl);
    await agent.get('/sign-in').expect(200);
    const missing = await agent.post('/sign-in').type('form').send({ email, password: PASSWORD }).expect(403);
    expect(missing.text).toContain('Your form could not be sent');
    await agent.post('/sign-in').type('form').send({ email, password: PASSWORD, _csrf: 'not-the-token' }).expect(403);
    // No session at all.
    await t.http().post('/sign-in').type('form').send({ email, password: PASSWORD, _csrf: 'x' }).expect(403);
  });

  it('re-renders the form with the GOV.UK error summary for missing fields and a wrong password', async () => {
    const agent = request.agent(t.baseUrl);
    const form = await agent.get('/sign-in').expect(200);
    const csrf = csrfTokenOf(form.text);

    const empty = await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: '', password: '' }).expect(400);
    expect(empty.text).toContain('<title>Error: Sign in - Pathway</title>');
    expect(empty.text).toContain('govuk-error-summary');
    expect(empty.text).toContain('<a href="#email">Enter an email address</a>');
    expect(empty.text).toContain('<a href="#password">Enter your password</a>');
    expect(empty.text).toMatch(
      /<p id="email-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Enter an email address/,
    );

    const wrong = await agent.post('/sign-in').type('form').send({ _csrf: csrf, email, password: 'not the password at all' }).expect(400);
    expect(wrong.text).toContain('Email or password is incorrect');
    // What the user typed is kept (but never the password).
    expect(wrong.text).toContain(`value="${email}"`);
    expect(wrong.text).not.toContain('not the password at all');

    // An unknown email reads exactly the same.
    const unknown = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: 'nobody@example.test', password: 'whatever it is' })
      .expect(400);
    expect(unknown.text).toContain('Email or password is incorrect');
  });

  it('signs in, shows the start page with the user, and signs out', async () => {
    const agent = request.agent(t.baseUrl);
    const before = (await agent.get('/sign-in').expect(200)).headers['set-cookie']?.[0]?.split(';')[0];
    const csrf = csrfTokenOf((await agent.get('/sign-in')).text);
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: email.toUpperCase(), password: PASSWORD })
      .expect(302);
    expect(signedIn.headers.location).toBe('/');
    // A new session id on sign-in.
    expect(signedIn.headers['set-cookie']?.[0]?.split(';')[0]).not.toBe(before);

    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('<title>Home - Pathway</title>');
    expect(home.text).toContain('Jo Bloggs');
    expect(home.text).toContain(orgName);
    expect(home.text).toContain('You are a mutual lead at Aspire Sussex (web test).');
    expect(home.text).toContain('Your journeys');
    expect(home.text).toContain('Sign out');

    // Signed in, the sign-in page sends you home.
    await agent.get('/sign-in').expect(302).expect('location', '/');

    // Sign out needs the CSRF token too.
    await agent.post('/sign-out').type('form').send({}).expect(403);
    const out = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfTokenOf(home.text) })
      .expect(302);
    expect(out.headers.location).toBe('/sign-in');
    await agent.get('/').expect(302).expect('location', '/sign-in');
  });

  it('sends signed-out visitors to sign in and back to where they were going', async () => {
    // (The start page is the only guarded page so far; a query string makes it worth returning to.)
    const res = await t.http().get('/?tab=all').expect(302);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2F%3Ftab%3Dall');

    const agent = request.agent(t.baseUrl);
    const form = await agent.get('/sign-in?returnTo=%2F%3Ftab%3Dall').expect(200);
    expect(form.text).toContain('name="returnTo" value="/?tab=all"');
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email, password: PASSWORD, returnTo: '/?tab=all' })
      .expect(302);
    expect(signedIn.headers.location).toBe('/?tab=all');
    // An unknown page: the GOV.UK 404 page, with the signed-in user in the header.
    const missing = await agent.get('/somewhere').expect(404);
    expect(missing.text).toContain('<title>Page not found - Pathway</title>');
    expect(missing.text).toContain('Jo Bloggs');
    expect(missing.text).toContain('Sign out');

    // Never off-site.
    const agent2 = request.agent(t.baseUrl);
    const form2 = await agent2.get('/sign-in?returnTo=//evil.example').expect(200);
    expect(form2.text).not.toContain('evil.example');
    const offsite = await agent2
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfTokenOf(form2.text), email, password: PASSWORD, returnTo: '//evil.example/' })
      .expect(302);
    expect(offsite.headers.location).toBe('/');
  });

  it('leaves the API, health and assets without sessions, and keeps JSON errors there', async () => {
    const api = await t.http().get('/api/me').expect(401);
    expect(api.headers['content-type']).toMatch(/json/);
    expect(api.headers['set-cookie']).toBeUndefined();
    const health = await t.http().get('/health');
    expect(health.headers['set-cookie']).toBeUndefined();
    const unknownApi = await t.http().get('/api/nothing-here').set({ Authorization: 'Bearer x' });
    expect(unknownApi.headers['content-type']).toMatch(/json/);
    // An anonymous 404 is a GOV.UK page, and creates no session.
    const page = await t.http().get('/nothing-here').expect(404);
    expect(page.text).toContain('Page not found');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('rate limits sign-in attempts for an account with a 429 page', async () => {
    const agent = request.agent(t.baseUrl);
    const csrf = csrfTokenOf((await agent.get('/sign-in')).text);
    const target = 'rate-limited@example.test';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: target, password: 'wrong password' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.text).toContain('Too many attempts');
        expect(res.text).toContain('Wait 15 minutes and try again');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another account from the same address is not locked out by it.
    await agent.post('/sign-in').type('form').send({ _csrf: csrf, email, password: 'wrong password' }).expect(400);
  });
});
