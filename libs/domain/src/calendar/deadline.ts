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
  const nextDay = dateTimeToDate(dateToDateTime(dueDate).plus({ days: 1 }));
  return startOfLondonDay(nextDay).toJSDate();
}
