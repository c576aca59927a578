/** UK financial years (1 April to 31 March), written `YYYY-YY` such as `2027-28`. */
import { assertCalendarDate } from '../calendar/london';

const PATTERN = /^(\d{4})-(\d{2})$/;

/** The year the financial year starts in, or null when `period` is not `YYYY-YY` with consecutive years. */
export function financialYearStart(period: string): number | null {
  const m = PATTERN.exec(period);
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

export function financialYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The financial year a London calendar date falls in. */
export function financialYearOf(date: string): string {
  assertCalendarDate(date);
  const year = Number(date.slice(0, 4));
  return financialYearLabel(date.slice(5) >= '04-01' ? year : year - 1);
}

export function financialYearBounds(period: string): { start: string; end: string } {
  const start = financialYearStart(period);
  if (start === null) throw new RangeError(`Not a financial year: ${period}`);
  return { start: `${start}-04-01`, end: `${start + 1}-03-31` };
}
