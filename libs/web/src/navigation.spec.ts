import type { Principal } from '@pathway/identity/principal';
import { navigationFor } from './navigation';

const user = (role: Principal['role']): Principal => ({
  id: 'u',
  email: 'e',
  name: 'n',
  organisationId: 'o',
  organisationName: 'O',
  organisationKind: 'mutual',
  role,
});

describe('navigationFor', () => {
  it('shows the pipeline to the central team and department officers only, the work queue and notifications to everyone', () => {
    const texts = (role: Principal['role']) => navigationFor(user(role)).map((i) => i.text);
    expect(texts('mutual_lead')).toEqual(['Home', 'Your tasks', 'Notifications']);
    expect(texts('cabinet_office_staff')).toEqual(['Home', 'Your tasks', 'Pipeline', 'Notifications']);
    expect(texts('department_officer')).toEqual(['Home', 'Your tasks', 'Pipeline', 'Notifications']);
    expect(texts('arbiter')).toEqual(['Home', 'Your tasks', 'Notifications']);
    expect(navigationFor(undefined)).toEqual([]);
  });

  it('marks the current page and the section it is in', () => {
    const items = navigationFor(user('cabinet_office_staff'), '/pipeline');
    expect(items.find((i) => i.text === 'Pipeline')).toMatchObject({ current: true });
    expect(items.find((i) => i.text === 'Home')?.current).toBeUndefined();
  });
});
