import { DateTime } from 'luxon';
import { deadlineInstant, TaskDeadline } from './deadline';
import { dateTimeToDate, dateToDateTime, LONDON, londonTimeOn } from './london';
import { requireDuration } from './duration';
import type { Nation } from '../vocabulary';
import { addWorkingDays } from './working-days';

export interface ReminderPolicy {
  /** ISO-8601 durations before the deadline, e.g. ['P14D', 'P3D']. */
  remindBefore: string[];
  /** ISO-8601 duration after the deadline at which an incomplete task is escalated. */
  escalateAfter: string;
  /** Count a day-sized escalateAfter in working days (of the journey's nation). */
  escalateAfterWorkingDays: boolean;
}

export type ReminderKind = 'task_due_soon' | 'task_overdue' | 'escalate';

export interface ScheduledReminder {
  kind: ReminderKind;
  /** The policy duration this entry comes from (`PT0S` for the overdue notice). */
  offset: string;
  at: Date;
}

export const REMINDER_HOUR_LONDON = 9;

/**
 * The reminders and escalation for one task deadline, earliest first (pure; policy durations are
 * ISO-8601 and throw a RangeError when invalid).
 *
 * Deadline given as an instant (`dueAt`): everything is exact to the second, computed in the
 * Europe/London zone (so `P1D` keeps the wall-clock time across a clock change, `PT24H` does not):
 * - `task_due_soon` at dueAt − each remindBefore;
 * - `task_overdue` at dueAt;
 * - `escalate` at dueAt + escalateAfter.
 *
 * Deadline given as a date (`dueDate`; the deadline instant is the end of that London day):
 * - `task_due_soon`: a day-sized remindBefore (whole Y/M/W/D, no time part) arrives at 09:00 London
 *   on dueDate − that many days/weeks/months ("P14D" → 09:00 on dueDate − 14); a time-sized one
 *   (e.g. `PT30S`, `PT2H`) is exact from the deadline instant;
 * - `task_overdue` at the deadline instant (00:00 London on the following day);
 * - `escalate`: a day-sized escalateAfter made of days/weeks with `escalateAfterWorkingDays`
 *   arrives at 09:00 London on addWorkingDays(dueDate, N) (N = days + 5 × weeks); otherwise it is
 *   exact from the deadline instant (deadline + escalateAfter).
 *
 * No deadline (neither dueAt nor dueDate): no reminders. Working days are `nation`'s (England when
 * not given).
 */
export function reminderSchedule(deadline: TaskDeadline, policy: ReminderPolicy, nation?: Nation): ScheduledReminder[] {
  const instant = deadlineInstant(deadline);
  if (!instant) return [];
  const end = DateTime.fromJSDate(instant, { zone: LONDON });
  const byDate = (deadline.dueAt === null || deadline.dueAt === undefined) && !!deadline.dueDate;
  const dueDate = byDate ? (deadline.dueDate as string) : null;
  const out: ScheduledReminder[] = [];

  for (const offset of [...new Set(policy.remindBefore)]) {
    const { duration, daySized } = requireDuration(offset);
    const at =
      dueDate && daySized
        ? londonTimeOn(dateTimeToDate(dateToDateTime(dueDate).minus(duration)), REMINDER_HOUR_LONDON)
        : end.minus(duration);
    out.push({ kind: 'task_due_soon', offset, at: at.toJSDate() });
  }

  out.push({ kind: 'task_overdue', offset: 'PT0S', at: end.toJSDate() });

  const escalation = requireDuration(policy.escalateAfter);
  const parts = escalation.duration.toObject();
  const workingDaysOnly = escalation.daySized && !parts.years && !parts.quarters && !parts.months;
  const escalateAt =
    dueDate && policy.escalateAfterWorkingDays && workingDaysOnly
      ? londonTimeOn(addWorkingDays(dueDate, (parts.days ?? 0) + 5 * (parts.weeks ?? 0), nation), REMINDER_HOUR_LONDON)
      : end.plus(escalation.duration);
  out.push({ kind: 'escalate', offset: policy.escalateAfter, at: escalateAt.toJSDate() });

  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
