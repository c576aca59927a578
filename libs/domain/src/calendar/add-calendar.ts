/** Date arithmetic in the units the pathway template uses. Months clamp to the month's end (31 Jan + 1 month = 28/29 Feb). */
import { dateTimeToDate, dateToDateTime } from './london';
import type { Nation } from '../vocabulary';
import { addWorkingDays } from './working-days';

export const DUE_UNITS = ['calendar_days', 'working_days', 'weeks', 'months'] as const;
export type DueUnit = (typeof DUE_UNITS)[number];

/** Working days are those of `nation` (England when not given). */
export function addCalendar(date: string, n: number, unit: DueUnit, nation?: Nation): string {
  if (!Number.isInteger(n)) throw new RangeError(`Offset must be a whole number: ${n}`);
  const start = dateToDateTime(date);
  switch (unit) {
    case 'calendar_days':
      return dateTimeToDate(start.plus({ days: n }));
    case 'weeks':
      return dateTimeToDate(start.plus({ weeks: n }));
    case 'months':
      return dateTimeToDate(start.plus({ months: n }));
    case 'working_days':
      return addWorkingDays(date, n, nation);
    default:
      throw new RangeError(`Unknown unit ${String(unit)}`);
  }
}
