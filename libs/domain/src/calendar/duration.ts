/** ISO-8601 durations (`P14D`, `PT30S`, `P1M`) as used by reminder policies. */
import { Duration } from 'luxon';
import { MAX_DURATION_DAYS, MAX_DURATION_DESCRIPTION } from '../bounds/bounds';

export type ParsedDuration =
  | {
      ok: true;
      iso: string;
      duration: Duration;
      /** Whole years/months/weeks/days only, no time components: scheduled against dates at 09:00 London. */
      daySized: boolean;
    }
  | { ok: false; error: string };

const DATE_UNITS = ['years', 'quarters', 'months', 'weeks', 'days'] as const;
const TIME_UNITS = ['hours', 'minutes', 'seconds', 'milliseconds'] as const;

export function parseIsoDuration(value: unknown): ParsedDuration {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: 'must be an ISO-8601 duration such as P14D or PT30S' };
  const duration = Duration.fromISO(value);
  if (!duration.isValid) return { ok: false, error: `${value} is not an ISO-8601 duration (for example P14D or PT30S)` };
  const parts = duration.toObject() as Record<string, number | undefined>;
  const values = Object.values(parts).filter((v): v is number => typeof v === 'number');
  if (values.some((v) => v < 0)) return { ok: false, error: `${value} must not be negative` };
  if (values.every((v) => v === 0)) return { ok: false, error: `${value} must be longer than zero` };
  // Luxon's casual conversion (a year of 365 days, a month of 30): enough to bound, never to schedule.
  const days = duration.as('days');
  if (!Number.isFinite(days) || days > MAX_DURATION_DAYS)
    return { ok: false, error: `${value} must be no longer than ${MAX_DURATION_DESCRIPTION}` };
  const daySized = TIME_UNITS.every((u) => !parts[u]) && DATE_UNITS.every((u) => parts[u] === undefined || Number.isInteger(parts[u]));
  return { ok: true, iso: value, duration, daySized };
}

/** As parseIsoDuration, but throws a RangeError for an invalid duration. */
export function requireDuration(value: string): Extract<ParsedDuration, { ok: true }> {
  const parsed = parseIsoDuration(value);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed;
}
