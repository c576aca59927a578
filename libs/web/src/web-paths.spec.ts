import { isWebPath, safeReturnTo } from './web-paths';

describe('web paths', () => {
  it('treats everything but the API, health and assets as web pages', () => {
    expect(isWebPath('/')).toBe(true);
    expect(isWebPath('/sign-in')).toBe(true);
    expect(isWebPath('/journeys/1')).toBe(true);
    expect(isWebPath('/apiary')).toBe(true);
    expect(isWebPath('/api')).toBe(false);
    expect(isWebPath('/api/me')).toBe(false);
    expect(isWebPath('/health')).toBe(false);
    expect(isWebPath('/assets/govuk-frontend.min.css')).toBe(false);
    expect(isWebPath('/calendar/abc.ics')).toBe(false);
  });

  it('accepts local paths to return to', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/journeys/abc?tab=tasks')).toBe('/journeys/abc?tab=tasks');
  });

  it('rejects anything that could leave the site or loop', () => {
    for (const bad of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/foo\nbar',
      '/sign-in',
      '/sign-in?returnTo=/',
      '/sign-out',
      '/api/me',
      '/assets/x.css',
      ['/'],
      // Paths that normalise to `//host` once parsed (the check must follow the parse).
      '/.//evil.example',
      '/././/evil.example/x',
      '/%2e//evil.example',
      '/%2E%2E//evil.example',
      '/x/..//evil.example',
      '/x/%2e%2e//evil.example',
      '/x/./..//evil.example',
      '/\t/evil.example',
      '/\\/evil.example',
      '/.\\evil.example',
      'http://pathway.invalid//evil.example',
      '/api/../api/me',
      '/x/../sign-in',
    ]) {
      expect(safeReturnTo(bad)).toBeUndefined();
    }
  });

  it('returns the normalised path, which is what a browser would request', () => {
    expect(safeReturnTo('/x/../journeys/1')).toBe('/journeys/1');
    expect(safeReturnTo('/./tasks?due=overdue')).toBe('/tasks?due=overdue');
  });

  it('keeps encoded characters encoded', () => {
    expect(safeReturnTo('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
  });
});
