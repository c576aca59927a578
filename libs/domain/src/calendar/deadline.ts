/** A task's deadline: `dueAt` when set, otherwise the end of `dueDate` in London (the start of the next London day). */
import { dateTimeToDate, dateToDateTime, startOfLondonDay } from './london';

export interface TaskDeadline {
  dueDate?: string | null;
  dueAt?: Date | string | null;
}

export function deadlineInstant({ dueDate, dueAt }: TaskDeadline): Date | null {
  if (dueAt !== null && dueAt !== undefined) {
    const at = dueAt instanceof Date ? new Date(dueAt.getTime()) : new Date(dueAt);
    if (Number.isNaN(at.getTime())) throw new RangeError(`Invalid dueAt: ${String(dueAt)}`);
    return at;
  }
  if (dueDate === null || dueDate === undefined) return null;
  return new Date(endOfLondonDayMs(dueDate));
}

/**
 * The end of a London date, in epoch milliseconds, remembered per date: a page of tasks shares a
 * few deadlines, and the time-zone arithmetic (luxon over Intl) costs far more than the lookup.
 * The cache is bounded (cleared when full) and holds numbers, so nothing a caller does to the
 * returned Date reaches it.
 */
const END_OF_DAY = new Map<string, number>();
const END_OF_DAY_MAX = 10_000;
function endOfLondonDayMs(dueDate: string): number {
  const known = END_OF_DAY.get(dueDate);
  if (known !== undefined) return known;
  const nextDay = dateTimeToDate(dateToDateTime(dueDate).plus({ days: 1 }));
  const ms = startOfLondonDay(nextDay).toMillis();
  if (END_OF_DAY.size >= END_OF_DAY_MAX) END_OF_DAY.clear();
  END_OF_DAY.set(dueDate, ms);
  return ms;
}
