import { DateTime } from 'luxon';
import { LONDON } from '@pathway/domain/calendar/london';
import type { Role } from '@pathway/domain/vocabulary';
import { notificationHref } from '../notification-links';

/** One notice held for a person's digest. */
export interface DigestItem {
  type: string;
  title: string;
  journeyId: string | null;
  journeyName: string | null;
  taskId: string | null;
  escalationId: string | null;
  createdAt: Date;
}

/**
 * The digest email: one subject, and a plain-text body (GOV.UK Notify's `((body))` and SMTP alike)
 * listing the notices grouped by journey (journeys in name order, notices oldest first), each
 * with a link when the service's address (PUBLIC_URL) is known.
 */
export function digestMessage(
  items: readonly DigestItem[],
  options: { date: string; role: Role; baseUrl?: string | null },
): { title: string; body: string } {
  const base = options.baseUrl?.replace(/\/$/, '') ?? null;
  const day = DateTime.fromISO(options.date, { zone: LONDON }).toFormat('cccc d LLLL yyyy');
  const count = items.length === 1 ? '1 update' : `${items.length} updates`;
  const groups = new Map<string, { name: string; items: DigestItem[] }>();
  for (const item of [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const key = item.journeyId ?? '';
    const group = groups.get(key) ?? { name: item.journeyName ?? 'Your account', items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) =>
    ka === '' ? 1 : kb === '' ? -1 : a.name.localeCompare(b.name, 'en-GB'),
  );
  const sections = ordered.map(([, group]) => {
    const lines = group.items.map((item) => {
      const href = notificationHref(item, { role: options.role });
      return base && href ? `* ${item.title}\n  ${base}${href}` : `* ${item.title}`;
    });
    return `# ${group.name}\n\n${lines.join('\n')}`;
  });
  const intro = `Here is what happened on Pathway since your last summary: ${count}.`;
  const urgent = 'Overdue tasks and escalations are not in this summary: we email you about those as they happen.';
  return {
    title: `Your Pathway summary for ${day}: ${count}`,
    body: [intro, ...sections, urgent].join('\n\n'),
  };
}
