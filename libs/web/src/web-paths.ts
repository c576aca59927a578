/**
 * Paths the web layer leaves alone: the JSON API (and its docs), health checks, static assets and
 * calendar feeds (read by calendar clients with the key in the URL, not by people with sessions).
 */
const NOT_WEB = /^\/(api|health|assets|calendar)(\/|$)/;

/** Is this request path a web page (sessions, CSRF, GOV.UK error pages)? Everything else is. */
export function isWebPath(path: string): boolean {
  return !NOT_WEB.test(path);
}

/**
 * A local path to send someone back to after signing in, or undefined when `value` is not one:
 * only same-site web paths (no `//host`, no backslashes or control characters, not the API,
 * not the sign-in/out pages themselves).
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, 'http://pathway.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://pathway.invalid') return undefined;
  if (!isWebPath(url.pathname) || url.pathname === '/sign-in' || url.pathname === '/sign-out') return undefined;
  return `${url.pathname}${url.search}`;
}
