/**
 * Working days: Monday to Friday except the public (bank) holidays of a UK nation, from
 * `date-holidays` (type `public`, which includes substitute days and one-off holidays such as
 * 2022-09-19 and 2023-05-08). England and Wales share a list but are asked for separately, so a
 * future difference in the library reaches Wales without a code change. Scotland has 2 January,
 * the first Monday in August and St Andrew's Day, and no Easter Monday; Northern Ireland has
 * St Patrick's Day and 12 July (GOV.UK, "UK bank holidays": https://www.gov.uk/bank-holidays).
 */
import Holidays from 'date-holidays';
import { DEFAULT_NATION, type Nation } from '../vocabulary';
import { assertCalendarDate, dateToUtcMs, utcMsToDate } from './london';

const DAY_MS = 86_400_000;

/** The date-holidays state code of each nation (country GB). */
export const NATION_HOLIDAY_REGION: Record<Nation, string> = {
  england: 'ENG',
  wales: 'WLS',
  scotland: 'SCT',
  northern_ireland: 'NIR',
};

const calendars = new Map<Nation, Holidays>();
const byYear = new Map<string, Set<string>>();

function bankHolidays(year: number, nation: Nation): Set<string> {
  const cacheKey = `${nation}:${year}`;
  let set = byYear.get(cacheKey);
  if (!set) {
    let calendar = calendars.get(nation);
    if (!calendar) {
      const region = NATION_HOLIDAY_REGION[nation];
      if (!region) throw new RangeError(`Unknown nation ${String(nation)}`);
      calendar = new Holidays('GB', region);
      calendars.set(nation, calendar);
    }
    const list = calendar.getHolidays(year) || [];
    set = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(cacheKey, set);
  }
  return set;
}

/** For a date already known to be valid. */
const isListedHoliday = (date: string, nation: Nation): boolean => bankHolidays(Number(date.slice(0, 4)), nation).has(date);

export function isBankHoliday(date: string, nation: Nation = DEFAULT_NATION): boolean {
  assertCalendarDate(date);
  return isListedHoliday(date, nation);
}

export function isWorkingDay(date: string, nation: Nation = DEFAULT_NATION): boolean {
  const weekday = new Date(dateToUtcMs(date)).getUTCDay(); // 0 Sunday ... 6 Saturday
  return weekday >= 1 && weekday <= 5 && !isListedHoliday(date, nation);
}

/**
 * Moves `n` working days (of `nation`) from `date` (backwards when negative). `n = 0` returns
 * `date` unchanged, even when it is not a working day. Steps by UTC days in plain numbers: a
 * luxon DateTime per day made 20 working days cost half a millisecond, and every task's
 * reminders count several.
 */
export function addWorkingDays(date: string, n: number, nation: Nation = DEFAULT_NATION): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  let current = dateToUtcMs(date);
  const step = n < 0 ? -DAY_MS : DAY_MS;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    current += step;
    if (isWorkingDay(utcMsToDate(current), nation)) remaining--;
  }
  return utcMsToDate(current);
}
