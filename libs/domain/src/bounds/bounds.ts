/**
 * What the domain allows for numbers, durations, dates and text, whatever path a value comes by
 * (API body, query string, web form, event payload, job, seed). Pure: no Nest, no TypeORM.
 * The HTTP layer checks the same rules in DTOs (libs/journeys/src/dto/validators.ts) so a refusal
 * is a 400 naming the field; the services call these again before anything reaches Postgres.
 */
import { DateTime } from 'luxon';
import { isValidCalendarDate } from '../calendar/london';

/** Postgres `integer`: the largest value an int4 column (version, staff_count, limits) accepts. */
export const PG_INT_MAX = 2_147_483_647;
export const PG_INT_MIN = -2_147_483_648;

/** The longest reminder offset or escalation delay the domain allows: five years. */
export const MAX_DURATION_DAYS = 5 * 366;
export const MAX_DURATION_DESCRIPTION = 'five years';

/** Any calendar date or instant the service stores lies in these years. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** A planned transfer lies between today and this many years ahead (spin-outs take one to three). */
export const MAX_TRANSFER_YEARS_AHEAD = 10;

export function isPgInt(value: unknown, min = PG_INT_MIN, max = PG_INT_MAX): value is number {
  return (
    typeof value === 'number' && Number.isSafeInteger(value) && value >= Math.max(min, PG_INT_MIN) && value <= Math.min(max, PG_INT_MAX)
  );
}

/**
 * How many characters a text has as people count them and as Postgres's `length()` (the columns'
 * CHECKs) does: Unicode code points, so an emoji is one, not the two UTF-16 units of `.length`.
 */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The first `max` characters of a text (code points: never half of an emoji, which would leave a lone surrogate). */
export function firstCharacters(text: string, max: number): string {
  return characterCount(text) <= max ? text : Array.from(text).slice(0, max).join('');
}

/** The text, or its first `max - 1` characters and an ellipsis when it is longer than `max` (cut between characters). */
export function excerpt(text: string, max: number): string {
  return characterCount(text) > max ? `${firstCharacters(text, max - 1)}…` : text;
}

/** A date's year inside [EARLIEST_YEAR, LATEST_YEAR]. Assumes a valid `YYYY-MM-DD`. */
export function isDateInServiceWindow(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** Why a planned transfer date is not acceptable on `today` (London), or null. */
export function plannedTransferDateProblem(value: unknown, today: string): string | null {
  if (!isValidCalendarDate(value)) return 'must be a real date in the format YYYY-MM-DD';
  if (value < today) return 'must be today or later';
  const latest = DateTime.fromISO(today, { zone: 'utc' }).plus({ years: MAX_TRANSFER_YEARS_AHEAD }).toISODate() as string;
  if (value > latest) return `must be no more than ${MAX_TRANSFER_YEARS_AHEAD} years ahead (on or before ${latest})`;
  return null;
}

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text value cannot be stored as given (a control character, an unpaired surrogate), or null. */
export function textProblem(value: string): string | null {
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control characters (found U+${code} at position ${control.index})`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `must be valid Unicode text (an unpaired surrogate at position ${surrogate.index})`;
  return null;
}

/** Throws a RangeError naming `field` if the text cannot be stored. For domain entry points. */
export function requireSafeText(field: string, value: string): string {
  const problem = textProblem(value);
  if (problem) throw new RangeError(`${field} ${problem}`);
  return value;
}
