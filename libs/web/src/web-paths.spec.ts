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
    ]) {
      expect(safeReturnTo(bad)).toBeUndefined();
    }
  });

  it('keeps encoded characters encoded', () => {
    expect(safeReturnTo('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
  });
});
