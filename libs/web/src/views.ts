import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, formatFileSize, formatNumber, formatTime, pageContents } from './filters';
import { label, LABELS, roleInSentence } from './labels';
import { navigationFor } from './navigation';
import { reflowTable } from './table-reflow';
import { WEB_PATHS } from './paths';
import { isTaskLinkable, taskListStatus } from './task-status';

export interface ViewEnvironmentOptions {
  /** The Express app to render with (`res.render`); omitted in template render tests. */
  express?: Express;
  /** Re-read templates on every render (development only); production and the tests keep them compiled. */
  noCache?: boolean;
}

/** The `trim` filter: markup marked safe stays safe; a number or boolean is its text, anything else (undefined, null) ''. */
export function trimFilter(value: unknown): string | nunjucks.runtime.SafeString {
  if (typeof value === 'string') return value.trim();
  if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(value.val.trim());
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** At most this many markups are kept by `renderedOnce` (its keys are constants and enum values: a few dozen). */
const RENDERED_ONCE_LIMIT = 200;

/**
 * `renderedOnce(key, macro, params)`: the markup of a GOV.UK macro called with params that are the
 * same on every page (the GOV.UK header, the phase banner, the footer, the tag of a task status),
 * rendered the first time and reused. Each macro call includes its component's template: ~0.1 to
 * 0.5 ms a call, on every page. Imported macros see only their params (Nunjucks imports without
 * context), so the markup is the same. The key must name the call and everything it depends on.
 */
export function renderedOnceGlobal(): (key: string, macro: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown {
  const markup = new Map<string, unknown>();
  return (key, macro, ...args) => {
    if (markup.has(key)) return markup.get(key);
    const html = macro(...args);
    if (markup.size < RENDERED_ONCE_LIMIT) markup.set(key, html);
    return html;
  };
}

/**
 * The one Nunjucks environment for pages: our `views/` first, then govuk-frontend's `dist/`
 * (so `{% extends "govuk/template.njk" %}` and `govuk/components/.../macro.njk` resolve),
 * autoescaping on, and the service's filters and globals. Used by the app and by render tests.
 */
export function createViewEnvironment(options: ViewEnvironmentOptions = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([WEB_PATHS.views, WEB_PATHS.govukDist], { noCache: options.noCache ?? false }),
    {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    },
  );
  if (options.express) env.express(options.express);

  // Dates: "1 March 2027" (Europe/London), "2:30pm", "1 March 2027 at 2:30pm".
  env.addFilter('date', formatDate);
  env.addFilter('time', formatTime);
  env.addFilter('dateTime', formatDateTime);
  // Numbers: "1,400".
  env.addFilter('number', formatNumber);
  // File sizes: "1.2 MB", "512 bytes".
  env.addFilter('filesize', formatFileSize);
  // Tables that stack under their column names at narrow widths: {{ govukTable(params | reflow) }}.
  env.addFilter('reflow', reflowTable);
  // Enum values in plain English: {{ journey.state | label('state') }}.
  env.addFilter('label', label);
  // A long page's "On this page" list, from its section headings: {{ mainHtml | pageContents }}.
  env.addFilter('pageContents', pageContents);
  // GOV.UK Frontend's macros trim whole blocks of markup (`caller() | trim`, `params.html | trim`).
  // Nunjucks's own `trim` is `replace(/^\s*|\s*$/g, '')`, which retries `\s*$` at every run of
  // whitespace: about 0.75 ms for a 34 kB page. String#trim strips the same characters (ECMAScript
  // white space and line terminators) in microseconds; safe markup stays safe, as with the builtin.
  env.addFilter('trim', trimFilter);

  env.addGlobal('serviceName', 'Pathway');
  env.addGlobal('labels', LABELS);
  env.addGlobal('roleInSentence', roleInSentence);
  env.addGlobal('taskListStatus', taskListStatus);
  env.addGlobal('isTaskLinkable', isTaskLinkable);
  env.addGlobal('navigationFor', navigationFor);
  env.addGlobal('renderedOnce', renderedOnceGlobal());
  return env;
}
