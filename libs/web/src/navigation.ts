import type { Principal } from '@pathway/identity/principal';

export interface NavigationItem {
  text: string;
  href: string;
  /** The current page is this item or below it. */
  active?: boolean;
  /** The current page is this item. */
  current?: boolean;
}

/** Roles that may see the pipeline (AccessPolicy.pipelineScope). */
const PIPELINE_ROLES = new Set(['cabinet_office_staff', 'cabinet_office_admin', 'department_officer']);

/**
 * The service navigation (under the GOV.UK header) for a signed-in user: each entry shown only to
 * the roles that may use it.
 */
export function navigationFor(user: Principal | undefined, currentPath: string = ''): NavigationItem[] {
  if (!user) return [];
  const items: Array<Omit<NavigationItem, 'active' | 'current'>> = [
    { text: 'Home', href: '/' },
    { text: 'Your tasks', href: '/tasks' },
  ];
  if (PIPELINE_ROLES.has(user.role)) items.push({ text: 'Pipeline', href: '/pipeline' });
  items.push({ text: 'Notifications', href: '/notifications' });
  if (user.role === 'cabinet_office_admin') items.push({ text: 'Administration', href: '/admin' });
  return items.map((item) => {
    const current = currentPath === item.href;
    const active = current || (item.href !== '/' && currentPath.startsWith(`${item.href}/`));
    return { ...item, ...(current ? { current: true } : active ? { active: true } : {}) };
  });
}
