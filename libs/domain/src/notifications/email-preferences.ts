/**
 * How a notice reaches a person by email: the one rule, used where notifications are written
 * (libs/notifications) and shown on the preferences page.
 *
 * Routine notices (a deadline coming up, news on a journey) follow the person's preference: by
 * default they are held for one daily digest email; a person may ask for each as it happens, or
 * for none by email (the in-app list and start page still show them). Overdue deadlines and
 * escalations are always emailed at once, whatever the preference: they need someone to act now.
 * In-app notifications are the same whatever the preference.
 */
import { DateTime } from 'luxon';
import { LONDON, todayInLondon } from '../calendar/london';
import type { NotificationType } from '../vocabulary';

export const ROUTINE_EMAIL_PREFERENCES = ['daily_digest', 'immediately', 'in_app_only'] as const;
export type RoutineEmailPreference = (typeof ROUTINE_EMAIL_PREFERENCES)[number];
export const DEFAULT_ROUTINE_EMAIL_PREFERENCE: RoutineEmailPreference = 'daily_digest';

/** Notices that are always emailed at once: someone must act now. */
export const ALWAYS_IMMEDIATE_NOTIFICATION_TYPES: readonly NotificationType[] = [
  'task_overdue',
  'escalation_opened',
  'escalation_raised',
  'escalation_resolved',
];

/** What becomes of a notification's email: sent now, held for the daily digest, or none (in-app only). */
export const EMAIL_ROUTES = ['now', 'digest', 'none'] as const;
export type EmailRoute = (typeof EMAIL_ROUTES)[number];

/** A routine notice's email under each preference. */
export const ROUTINE_EMAIL_ROUTE: Record<RoutineEmailPreference, EmailRoute> = {
  daily_digest: 'digest',
  immediately: 'now',
  in_app_only: 'none',
};

export function isRoutineNotification(type: string): boolean {
  return !(ALWAYS_IMMEDIATE_NOTIFICATION_TYPES as readonly string[]).includes(type);
}

export function emailRouteFor(type: string, preference: RoutineEmailPreference | null | undefined): EmailRoute {
  if (!isRoutineNotification(type)) return 'now';
  return ROUTINE_EMAIL_ROUTE[preference ?? DEFAULT_ROUTINE_EMAIL_PREFERENCE];
}

/** The digest goes at 07:00 London time, Monday to Friday: Monday's covers the weekend. */
export const DIGEST_HOUR_LONDON = 7;
export const DIGEST_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5]; // luxon: Monday = 1

/**
 * The latest digest time at or before `now`: 07:00 London on the most recent weekday. A digest
 * holds the notices created before it, and is keyed by its date, so however often (or however
 * late) the digest job runs, each person gets at most one digest per digest day, and a notice
 * created after 07:00 waits for the next one.
 */
export function digestCutoff(now: Date): { date: string; at: Date } {
  let day = DateTime.fromISO(todayInLondon(now), { zone: LONDON });
  for (let i = 0; i < 8; i++) {
    const at = day.set({ hour: DIGEST_HOUR_LONDON, minute: 0, second: 0, millisecond: 0 });
    if (DIGEST_WEEKDAYS.includes(at.weekday) && at.toMillis() <= now.getTime())
      return { date: at.toFormat('yyyy-MM-dd'), at: at.toJSDate() };
    day = day.minus({ days: 1 });
  }
  /* c8 ignore next */
  throw new Error('no digest day within a week');
}

/** The next digest time strictly after `now` (for the preferences page: "your next digest"). */
export function nextDigestAt(now: Date): Date {
  let day = DateTime.fromISO(todayInLondon(now), { zone: LONDON });
  for (let i = 0; i < 8; i++) {
    const at = day.set({ hour: DIGEST_HOUR_LONDON, minute: 0, second: 0, millisecond: 0 });
    if (DIGEST_WEEKDAYS.includes(at.weekday) && at.toMillis() > now.getTime()) return at.toJSDate();
    day = day.plus({ days: 1 });
  }
  /* c8 ignore next */
  throw new Error('no digest day within a week');
}

/** The type of the one notification row per person per digest day that carries the digest email (never listed in-app). */
export const EMAIL_DIGEST_TYPE = 'email_digest';
