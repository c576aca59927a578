import { DateTime } from 'luxon';
import { dateTimeToDate, LONDON } from '@pathway/domain/calendar/london';
import { requireDuration } from '@pathway/domain/calendar/duration';
import type { ReminderPolicy } from '@pathway/domain/calendar/reminder-schedule';
import { addWorkingDays } from '@pathway/domain/calendar/working-days';
import type { Nation } from '@pathway/domain/vocabulary';

/**
 * When an open escalation that reached its level at `levelSince` rises by itself: after the
 * journey's `escalateAfter`. A day-sized escalateAfter of days/weeks with
 * `escalateAfterWorkingDays` counts working days (of the journey's nation) and keeps the London
 * wall-clock time; anything else is exact from `levelSince` (in the London zone, so `P1D` keeps the
 * wall-clock time across a clock change). Throws a RangeError for an invalid duration.
 */
export function escalationRaiseAt(
  levelSince: Date,
  policy: Pick<ReminderPolicy, 'escalateAfter' | 'escalateAfterWorkingDays'>,
  nation?: Nation,
): Date {
  const { duration, daySized } = requireDuration(policy.escalateAfter);
  const parts = duration.toObject();
  const since = DateTime.fromJSDate(levelSince, { zone: LONDON });
  if (policy.escalateAfterWorkingDays && daySized && !parts.years && !parts.quarters && !parts.months) {
    const n = (parts.days ?? 0) + 5 * (parts.weeks ?? 0);
    const day = addWorkingDays(
      dateTimeToDate(DateTime.fromObject({ year: since.year, month: since.month, day: since.day }, { zone: 'utc' })),
      n,
      nation,
    );
    const [year, month, date] = day.split('-').map(Number);
    return since.set({ year, month, day: date }).toJSDate();
  }
  return since.plus(duration).toJSDate();
}
