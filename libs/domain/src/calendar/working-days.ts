/**
 * Working days: Monday to Friday except England and Wales public (bank) holidays, from
 * `date-holidays` (GB/ENG, type `public`, which includes substitute days and one-off holidays
 * such as 2022-09-19 and 2023-05-08).
 */
import Holidays from 'date-holidays';
import { dateTimeToDate, dateToDateTime } from './london';

let holidays: Holidays | null = null;
const byYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let set = byYear.get(year);
  if (!set) {
    holidays ??= new Holidays('GB', 'ENG');
    const list = holidays.getHolidays(year) || [];
    set = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, set);
  }
  return set;
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(dateToDateTime(date).year).has(date);
}

export function isWorkingDay(date: string): boolean {
  return dateToDateTime(date).weekday <= 5 && !isBankHoliday(date);
}

/**
 * Moves `n` working days from `date` (backwards when negative). `n = 0` returns `date` unchanged,
 * even when it is not a working day.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  let current = dateToDateTime(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    current = current.plus({ days: step });
    if (isWorkingDay(dateTimeToDate(current))) remaining--;
  }
  return dateTimeToDate(current);
}
