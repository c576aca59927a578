/**
 * Calendar dates are `YYYY-MM-DD` strings meaning a day in Europe/London. Pure date arithmetic is
 * done on UTC-midnight DateTimes (a date has no time, so no DST can interfere); instants are
 * derived in the Europe/London zone. Nothing here depends on the process TZ.
 */
import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * A `YYYY-MM-DD` string naming a day of the (proleptic Gregorian) calendar. Checked by arithmetic:
 * this runs for every day a working-day count steps over, and a luxon parse cost ~5 µs a call.
 */
export function isValidCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** Throws a RangeError naming `date` unless it is a calendar date. */
export function assertCalendarDate(date: string): void {
  if (!isValidCalendarDate(date)) throw new RangeError(`Invalid calendar date: ${String(date)}`);
}

/** A valid calendar date's UTC midnight in milliseconds since the epoch. Throws on an invalid date. */
export function dateToUtcMs(date: string): number {
  assertCalendarDate(date);
  // The ISO date-time form with Z is exact for every four-digit year (Date.UTC would read 0-99 as 1900-1999).
  return Date.parse(`${date}T00:00:00Z`);
}

/** The calendar date of a UTC midnight in milliseconds (dateToUtcMs's inverse). */
export function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A calendar date as a UTC-midnight DateTime, for date arithmetic. Throws on an invalid date. */
export function dateToDateTime(date: string): DateTime {
  assertCalendarDate(date);
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function dateTimeToDate(dt: DateTime): string {
  return dt.toISODate() as string;
}

/**
 * The last answer of todayInLondon, kept for the rest of its UTC second (every request asks it).
 * A London day begins on a whole second (offsets are whole seconds, even the local mean time
 * before 1847), so no second holds two London dates.
 */
let today: { second: number; date: string } | undefined;

/** Today's date in London at the instant `now`. */
export function todayInLondon(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (today?.second === second) return today.date;
  const date = DateTime.fromJSDate(now, { zone: LONDON }).toISODate() as string;
  today = { second, date };
  return date;
}

/** The instant a London wall-clock time occurs on a date (e.g. 09:00 on 2026-03-29, BST). */
export function londonTimeOn(date: string, hour: number, minute = 0): DateTime {
  assertCalendarDate(date);
  // Midnight in the zone, then the wall time: an hour the clocks go back through (01:00-01:59 on the last
  // Sunday of October) is its first occurrence, in BST. (DateTime.fromObject would give the second, in GMT.)
  return DateTime.fromISO(date, { zone: LONDON }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** The instant a London day starts (midnight, whatever the offset). */
export function startOfLondonDay(date: string): DateTime {
  return londonTimeOn(date, 0);
}

/** The instant today in London (at `now`) ends: the next London midnight, when `todayInLondon` changes. */
export function endOfLondonToday(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: LONDON }).startOf('day').plus({ days: 1 }).toJSDate();
}
