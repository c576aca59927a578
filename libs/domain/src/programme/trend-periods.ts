/**
 * The periods of the pipeline's trends: calendar months or quarters (January, April, July,
 * October) of Europe/London dates, covering `from`..`to` inclusive, the first and last clipped to
 * the range. Pure date arithmetic on `YYYY-MM-DD` strings.
 */
import { dateTimeToDate, dateToDateTime, isValidCalendarDate } from '../calendar/london';

export const TREND_INTERVALS = ['month', 'quarter'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** The longest range a trends query may cover. */
export const MAX_TREND_YEARS = 10;
/** Periods shown when no range is asked for: two years of quarters, one of months. */
const DEFAULT_PERIODS: Record<TrendInterval, number> = { quarter: 8, month: 12 };
const MONTHS: Record<TrendInterval, number> = { month: 1, quarter: 3 };

export interface TrendPeriod {
  /** First day counted (YYYY-MM-DD). */
  start: string;
  /** Last day counted, inclusive. */
  end: string;
  /** The calendar period's first day, whether or not clipped: the key counts are grouped by. */
  periodStart: string;
}

/** The first day of the calendar month or quarter containing `date`. */
export function periodStartOf(date: string, interval: TrendInterval): string {
  const d = dateToDateTime(date);
  const month = interval === 'quarter' ? Math.floor((d.month - 1) / 3) * 3 + 1 : d.month;
  return dateTimeToDate(d.set({ month, day: 1 }));
}

/** The range asked for, with defaults: `to` today, `from` the start of the period DEFAULT_PERIODS - 1 before `to`'s. */
export function resolveTrendRange(
  q: { from?: string; to?: string; interval?: TrendInterval },
  today: string,
): { from: string; to: string; interval: TrendInterval } {
  const interval = q.interval ?? 'quarter';
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from =
    q.from ??
    dateTimeToDate(dateToDateTime(periodStartOf(to, interval)).minus({ months: MONTHS[interval] * (DEFAULT_PERIODS[interval] - 1) }));
  return { from, to, interval };
}

/** What is wrong with a range (each message names its field); empty when it is fine. */
export function trendRangeProblems(range: { from: string; to: string }): string[] {
  if (!isValidCalendarDate(range.from) || !isValidCalendarDate(range.to)) return [];
  if (range.from > range.to) return ['from must not be after to'];
  const limit = dateTimeToDate(dateToDateTime(range.from).plus({ years: MAX_TREND_YEARS }));
  if (range.to >= limit) return [`to must be less than ${MAX_TREND_YEARS} years after from (before ${limit})`];
  return [];
}

/** The periods covering from..to (a valid range), oldest first. */
export function trendPeriods(from: string, to: string, interval: TrendInterval): TrendPeriod[] {
  const periods: TrendPeriod[] = [];
  let start = dateToDateTime(periodStartOf(from, interval));
  const last = dateToDateTime(to);
  while (start <= last) {
    const next = start.plus({ months: MONTHS[interval] });
    const periodStart = dateTimeToDate(start);
    const periodEnd = dateTimeToDate(next.minus({ days: 1 }));
    periods.push({ periodStart, start: periodStart < from ? from : periodStart, end: periodEnd > to ? to : periodEnd });
    start = next;
  }
  return periods;
}
