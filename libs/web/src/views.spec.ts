import type { Principal } from '@pathway/identity/principal';
import { errorPageFor } from './error-pages';
import { formErrors } from './forms';
import nunjucks from 'nunjucks';
import { navigationFor } from './navigation';
import { createViewEnvironment, renderedOnceGlobal, trimFilter } from './views';

/** Template render tests: the real views and govuk-frontend macros, rendered without a server. */
const env = createViewEnvironment();

const user: Principal = {
  id: '00000000-0000-0000-0000-000000000001',
  email: 'jo@example.test',
  name: 'Jo <Bloggs>',
  organisationId: '00000000-0000-0000-0000-000000000002',
  organisationName: 'Aspire Sussex',
  organisationKind: 'mutual',
  role: 'mutual_lead',
};
const common = { cspNonce: 'NONCE123', csrfToken: 'TOKEN456', currentPath: '/' };

const render = (view: string, data: object = {}) => env.render(view, { ...common, ...data });
const renderString = (template: string, data: object = {}) => env.renderString(template, { ...common, ...data });
const squash = (html: string) => html.replace(/\s+/g, ' ');

describe('views/layout.njk', () => {
  const html = render('error.njk', { pageTitle: 'Page not found', page: errorPageFor(404), user });

  it('is a GOV.UK page titled "<title> - Pathway"', () => {
    expect(html).toContain('<title>Page not found - Pathway</title>');
    expect(html).toContain('class="govuk-template"');
    expect(html).toContain('<link rel="stylesheet" href="/assets/govuk-frontend.min.css">');
    expect(html).toContain('href="#main-content"');
    expect(html).toContain('class="govuk-skip-link"');
    expect(html).toContain('govuk-phase-banner');
    expect(html).toContain('class="govuk-footer');
    expect(squash(html)).toMatch(/govuk-service-navigation__service-name.*Pathway/);
  });

  it('puts the CSP nonce on both inline scripts and starts GOV.UK Frontend', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    for (const attrs of scripts) expect(attrs).toContain('nonce="NONCE123"');
    expect(html).toContain(
      `<script type="module" nonce="NONCE123">import { initAll } from '/assets/govuk-frontend.min.js'; initAll()</script>`,
    );
  });

  it('shows the signed-in user (escaped) and a sign-out form with the CSRF token', () => {
    expect(html).toContain('Jo &lt;Bloggs&gt;');
    expect(html).not.toContain('Jo <Bloggs>');
    expect(html).toContain('Aspire Sussex');
    expect(squash(html)).toMatch(
      /<form method="post" action="\/sign-out"[^>]*> <input type="hidden" name="_csrf" value="TOKEN456"> <button type="submit"[^>]*>Sign out<\/button>/,
    );
    expect(squash(html)).toMatch(/aria-current="page"[^>]*>\s*<strong class="govuk-service-navigation__active-fallback">Home<\/strong>/);
  });

  it('renders the header once per page, in one <header> (the GOV.UK template renders it twice to see whether it is empty)', () => {
    const counted = createViewEnvironment();
    const navigationCalls = jest.fn(navigationFor);
    counted.addGlobal('navigationFor', navigationCalls);
    const page = counted.render('error.njk', { ...common, pageTitle: 'Page not found', page: errorPageFor(404), user });
    expect(navigationCalls).toHaveBeenCalledTimes(1);
    expect(page.match(/<header class="govuk-template__header">/g)).toHaveLength(1);
    expect(squash(page)).toMatch(
      /<header class="govuk-template__header"> <div class="govuk-header">.*<\/section> <\/header> <div class="govuk-width-container">/,
    );
  });

  it('has no account links when nobody is signed in', () => {
    const anonymous = render('error.njk', { pageTitle: 'Page not found', page: errorPageFor(404) });
    expect(anonymous).not.toContain('Sign out');
    expect(anonymous).not.toContain('/sign-out');
  });
});

describe('views/sign-in.njk', () => {
  it('renders the form with a CSRF field and GOV.UK inputs', () => {
    const html = render('sign-in.njk', { pageTitle: 'Sign in', values: { email: '' } });
    expect(html).toContain('<title>Sign in - Pathway</title>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="TOKEN456">');
    expect(html).toMatch(/<label class="govuk-label" for="email">\s*Email address\s*<\/label>/);
    expect(html).toMatch(/id="password" name="password" type="password"/);
    expect(html).not.toContain('govuk-error-summary');
    expect(html).not.toContain('name="returnTo"');
  });

  it('renders the error summary, inline errors and the "Error:" title', () => {
    const errors = formErrors([
      ['email', 'Enter an email address'],
      ['password', 'Enter your password'],
    ]);
    const html = render('sign-in.njk', { pageTitle: 'Sign in', values: { email: 'x"y' }, errors, returnTo: '/journeys/1' });
    expect(html).toContain('<title>Error: Sign in - Pathway</title>');
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('<a href="#email">Enter an email address</a>');
    expect(html).toContain('<a href="#password">Enter your password</a>');
    expect(html).toContain('govuk-input--error');
    expect(html).toContain('value="x&quot;y"');
    expect(html).toContain('<input type="hidden" name="returnTo" value="/journeys/1">');
  });
});

describe('views/start.njk', () => {
  it('renders each section with its empty state', () => {
    const html = render('start.njk', {
      pageTitle: 'Home',
      user,
      roleSentence: 'You are a mutual lead at Aspire Sussex.',
      sections: [{ id: 'journeys', heading: 'Your journeys', emptyText: 'Your organisation has no journeys yet.', items: [] }],
    });
    expect(html).toContain('<title>Home - Pathway</title>');
    expect(html).toContain('<h2 class="govuk-heading-m" id="section-journeys">Your journeys</h2>');
    expect(html).toContain('Your organisation has no journeys yet.');
    expect(html).toContain('You are a mutual lead at Aspire Sussex.');
  });
});

describe('views/macros/status.njk', () => {
  const tag = (status: string) =>
    squash(renderString(`{% from "macros/status.njk" import taskStatusTag %}{{ taskStatusTag(status) }}`, { status })).trim();

  it('renders the GOV.UK task list statuses', () => {
    expect(tag('not_started')).toBe('<strong class="govuk-tag govuk-tag--blue"> Not yet started </strong>');
    expect(tag('in_progress')).toBe('<strong class="govuk-tag govuk-tag--light-blue"> In progress </strong>');
    expect(tag('not_applicable')).toBe('<strong class="govuk-tag govuk-tag--grey"> Not applicable </strong>');
    expect(tag('completed')).toBe('Completed');
    expect(tag('cannot_start_yet')).toBe('<span class="govuk-task-list__status--cannot-start-yet">Cannot start yet</span>');
  });

  it('feeds govukTaskList through the taskListStatus global', () => {
    const html = renderString(
      `{% from "govuk/components/task-list/macro.njk" import govukTaskList %}
       {{ govukTaskList({ items: [
         { title: { text: "Write the business case" }, href: "/t/1", status: taskListStatus("in_progress") },
         { title: { text: "Register the entity" }, href: "/t/2" if isTaskLinkable("cannot_start_yet") else undefined, status: taskListStatus("cannot_start_yet") },
         { title: { text: "Consult staff" }, href: "/t/3", status: taskListStatus("completed") }
       ] }) }}`,
    );
    expect(html).toContain('govuk-task-list');
    expect(html).toContain('govuk-tag--light-blue');
    expect(squash(html)).toMatch(/govuk-task-list__status--cannot-start-yet[^>]*>\s*Cannot start yet/);
    expect(html).not.toContain('href="/t/2"');
    expect(squash(html)).toMatch(/govuk-task-list__status[^>]*>\s*Completed\s*</);
  });
});

describe('filters', () => {
  it('formats dates and labels enum values', () => {
    expect(renderString(`{{ "2027-03-01" | date }}`)).toBe('1 March 2027');
    expect(renderString(`{{ "2027-06-30T23:30:00Z" | dateTime }}`)).toBe('1 July 2027 at 12:30am');
    expect(renderString(`{{ "awaiting_parent_body_response" | label("state") }}`)).toBe('Waiting for the parent body to respond');
    expect(renderString(`{{ "pre_spin_out" | label("phase") }}`)).toBe('Pre-spin-out');
    expect(renderString(`{{ "tupe" | label("workstream") }}`)).toBe('Staff transfer (TUPE)');
    expect(renderString(`{{ "cabinet_office_admin" | label("role") }}`)).toBe('Central team administrator');
    expect(renderString(`{{ "something_new" | label("state") }}`)).toBe('Something new');
  });
});

describe('the trim filter', () => {
  // The builtin it replaces (a regular expression, slow on pages of markup), as the reference.
  const builtinTrim = new nunjucks.Environment().getFilter('trim');

  it('strips what the builtin strips, and nothing else', () => {
    for (const s of ['  a b  ', '\n\t a\n b \r\n', '\u00a0\u2028\ufeffx\u3000 ', 'none', '', '   ', ' <p>\n  x\n</p>\n\n']) {
      expect(trimFilter(s)).toBe(builtinTrim(s));
    }
  });

  it('keeps safe markup safe and escapes the rest', () => {
    const markup = new nunjucks.runtime.SafeString('  <b>bold</b>\n');
    expect(trimFilter(markup)).toBeInstanceOf(nunjucks.runtime.SafeString);
    expect(renderString('[{{ html | trim }}]', { html: markup })).toBe('[<b>bold</b>]');
    expect(renderString('[{{ text | trim }}]', { text: '  <b>  ' })).toBe('[&lt;b&gt;]');
    expect(renderString('[{{ missing | trim }}]')).toBe('[]');
  });
});

describe('renderedOnce', () => {
  it('calls a macro once per key and reuses its markup', () => {
    const renderedOnce = renderedOnceGlobal();
    const macro = jest.fn((...args: unknown[]) => new nunjucks.runtime.SafeString(`<b>${(args[0] as { text: string }).text}</b>`));
    const first = renderedOnce('a', macro, { text: 'one' });
    expect(renderedOnce('a', macro, { text: 'one' })).toBe(first);
    expect(String(renderedOnce('b', macro, { text: 'two' }))).toBe('<b>two</b>');
    expect(macro).toHaveBeenCalledTimes(2);
  });

  it('gives the header, phase banner, footer and status tags the markup that rendering every call gives, on every page', () => {
    const counted = createViewEnvironment();
    const pages = [1, 2, 3].map((n) =>
      counted.render('error.njk', { ...common, pageTitle: `Page ${n}`, page: errorPageFor(404), user }).replace(`Page ${n}`, 'Page'),
    );
    expect(new Set(pages).size).toBe(1);
    // The same page from an environment that renders every call.
    const everyCall = createViewEnvironment();
    everyCall.addGlobal('renderedOnce', (_key: string, macro: (...a: unknown[]) => unknown, ...args: unknown[]) => macro(...args));
    expect(everyCall.render('error.njk', { ...common, pageTitle: 'Page', page: errorPageFor(404), user })).toBe(pages[0]);
    const tags = `{% from "macros/status.njk" import taskStatusTag %}{% for s in statuses %}{{ taskStatusTag(s) }}|{% endfor %}`;
    const statuses = ['not_started', 'in_progress', 'not_applicable', 'completed', 'cannot_start_yet', 'not_started'];
    expect(counted.renderString(tags, { statuses })).toBe(everyCall.renderString(tags, { statuses }));
  });
});
