import { organisationProfile, organisationProfileProblems } from './organisation-profile';

describe('organisation profile: nation and body type', () => {
  it('accepts a parent body with a nation and a body type, and defaults the nation to England', () => {
    expect(organisationProfileProblems({ kind: 'parent_body', nation: 'scotland', bodyType: 'local_authority' })).toEqual([]);
    expect(organisationProfile({ kind: 'parent_body', bodyType: 'nhs_trust' })).toEqual({
      kind: 'parent_body',
      nation: 'england',
      bodyType: 'nhs_trust',
    });
    expect(organisationProfile({ kind: 'mutual', nation: 'wales' })).toEqual({ kind: 'mutual', nation: 'wales', bodyType: null });
  });

  it('names the field for an unknown nation or body type', () => {
    expect(organisationProfileProblems({ kind: 'mutual', nation: 'cornwall' })).toEqual([expect.stringMatching(/^nation must be one of/)]);
    expect(organisationProfileProblems({ kind: 'parent_body', bodyType: 'parish' })).toEqual([
      expect.stringMatching(/^bodyType must be one of/),
    ]);
    expect(organisationProfileProblems({ kind: 'parent_body', nation: 42, bodyType: 7 })).toHaveLength(2);
  });

  it('refuses a body type on an organisation that is not a parent body', () => {
    for (const kind of ['mutual', 'commissioner', 'department', 'arbiter', 'cabinet_office'] as const) {
      expect(organisationProfileProblems({ kind, bodyType: 'local_authority' })).toEqual([
        `bodyType applies only to an organisation of kind parent_body, not ${kind}`,
      ]);
    }
    expect(organisationProfileProblems({ kind: 'mutual', bodyType: null })).toEqual([]);
  });
});
