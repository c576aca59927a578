/**
 * Paths the web layer leaves alone: the JSON API (and its docs), health checks, static assets and
 * calendar feeds (read by calendar clients with the key in the URL, not by people with sessions).
 */
const NOT_WEB = /^\/(api|health|assets|calendar)(\/|$)/;

/** Is this request path a web page (sessions, CSRF, GOV.UK error pages)? Everything else is. */
export function isWebPath(path: string): boolean {
  return !NOT_WEB.test(path);
}

const BASE = 'http://pathway.invalid';

/**
 * A local path to send someone back to after signing in, or undefined when `value` is not one.
 * The value is parsed first and judged on what a browser would do with it: the normalised path
 * must still be a same-origin path (`/.//evil.example`, `/%2e//x` and `/x/..//y` all normalise to a
 * path starting `//`, which a browser reads as another host, so they are refused), with no backslashes or control characters,
 * not the API, and not the sign-in/out pages themselves.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return undefined;
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.username || url.password) return undefined;
  const path = url.pathname;
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  if (!isWebPath(path) || path === '/sign-in' || path === '/sign-out') return undefined;
  const target = `${path}${url.search}`;
  // What we send must itself parse back to this origin and path (no second normalisation).
  const again = new URL(target, BASE);
  return again.origin === BASE && again.pathname === path ? target : undefined;
}
