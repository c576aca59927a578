/**
 * Results against the in-house baseline: the measures, the periods they are recorded for, and how
 * a journey's latest figures compare with its baseline. Pure.
 */
import { PG_INT_MAX } from '../bounds/bounds';
import { financialYearOf, financialYearStart } from './financial-year';

/** The most pounds `income_gbp` (numeric(16, 2)) holds, in whole pounds: 14 digits before the point. */
export const MAX_INCOME_GBP = 99_999_999_999_999;

export const RESULT_MEASURES = [
  'staffTurnoverPct',
  'sicknessDaysPerFte',
  'staffSatisfactionPct',
  'serviceUserSatisfactionPct',
  'staffCount',
  'incomeGbp',
  'staffMembershipPct',
] as const;
export type ResultMeasure = (typeof RESULT_MEASURES)[number];

export const PERCENT_MEASURES: readonly ResultMeasure[] = [
  'staffTurnoverPct',
  'staffSatisfactionPct',
  'serviceUserSatisfactionPct',
  'staffMembershipPct',
];

/** Plain-English names and whether a rise is good news (for the page's wording, not the numbers). */
export const MEASURE_INFO: Record<ResultMeasure, { label: string; unit: 'percent' | 'days' | 'count' | 'gbp'; higherIsBetter: boolean }> = {
  staffTurnoverPct: { label: 'Staff turnover', unit: 'percent', higherIsBetter: false },
  sicknessDaysPerFte: { label: 'Sickness absence (days per full-time employee)', unit: 'days', higherIsBetter: false },
  staffSatisfactionPct: { label: 'Staff satisfaction', unit: 'percent', higherIsBetter: true },
  serviceUserSatisfactionPct: { label: 'Service user satisfaction', unit: 'percent', higherIsBetter: true },
  staffCount: { label: 'Staff', unit: 'count', higherIsBetter: true },
  incomeGbp: { label: 'Income', unit: 'gbp', higherIsBetter: true },
  staffMembershipPct: { label: 'Staff who are members', unit: 'percent', higherIsBetter: true },
};

export type ResultFigures = Partial<Record<ResultMeasure, number | null>>;

export interface PeriodFigures extends ResultFigures {
  period: string;
}

export interface MeasureComparison {
  baseline: number;
  latest: number;
  latestPeriod: string;
  change: number;
}

/** Problems with a period for a journey: `baseline` always; a financial year only from the transfer's year to the current one. */
export function periodProblem(
  period: string,
  ctx: { transferCompletedOn: string | null; today: string },
): { status: 400 | 409 | 422; code: string; message: string } | null {
  if (period === 'baseline') return null;
  const start = financialYearStart(period);
  if (start === null) {
    return {
      status: 400,
      code: 'bad_period',
      message: 'period must be baseline or a financial year written YYYY-YY with consecutive years, such as 2027-28',
    };
  }
  if (!ctx.transferCompletedOn) {
    return {
      status: 422,
      code: 'not_transferred',
      message: 'Yearly results are recorded once the transfer is complete; before then, record the in-house baseline',
    };
  }
  const first = financialYearStart(financialYearOf(ctx.transferCompletedOn))!;
  const current = financialYearStart(financialYearOf(ctx.today))!;
  if (start < first) {
    return {
      status: 422,
      code: 'year_before_transfer',
      message: `period ${period} is before the transfer (completed ${ctx.transferCompletedOn}, in ${financialYearOf(ctx.transferCompletedOn)}): the in-house years are the baseline`,
    };
  }
  if (start > current) {
    return {
      status: 422,
      code: 'year_in_future',
      message: `period ${period} has not started yet: the current financial year is ${financialYearOf(ctx.today)}`,
    };
  }
  return null;
}

/** Messages naming each measure outside its range (percentages 0–100, counts whole and not negative, none beyond its column). */
export function figureProblems(f: ResultFigures): string[] {
  const problems: string[] = [];
  for (const m of RESULT_MEASURES) {
    const v = f[m];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${m} must be a number`);
    else if (PERCENT_MEASURES.includes(m) && (v < 0 || v > 100)) problems.push(`${m} must be a percentage from 0 to 100`);
    else if (v < 0) problems.push(`${m} must not be negative`);
    else if (m === 'staffCount' && !Number.isInteger(v)) problems.push('staffCount must be a whole number');
    else if (m === 'staffCount' && v > PG_INT_MAX) problems.push(`staffCount must be a whole number from 0 to ${PG_INT_MAX}`);
    else if (m === 'incomeGbp' && v > MAX_INCOME_GBP) problems.push(`incomeGbp must be at most ${MAX_INCOME_GBP} pounds`);
    else if (m === 'sicknessDaysPerFte' && v > 366) problems.push('sicknessDaysPerFte must be at most 366 days');
  }
  return problems;
}

/** Financial years in order; `baseline` is not a year. */
const byYear = (a: PeriodFigures, b: PeriodFigures) => (financialYearStart(a.period) ?? 0) - (financialYearStart(b.period) ?? 0);

/** Each measure with a baseline and at least one yearly figure: baseline, the most recent year's figure, and the change. */
export function compareWithBaseline(items: PeriodFigures[]): Partial<Record<ResultMeasure, MeasureComparison>> {
  const baseline = items.find((i) => i.period === 'baseline');
  const years = items.filter((i) => i.period !== 'baseline').sort(byYear);
  const out: Partial<Record<ResultMeasure, MeasureComparison>> = {};
  if (!baseline) return out;
  for (const m of RESULT_MEASURES) {
    const base = baseline[m];
    if (base === undefined || base === null) continue;
    const latest = [...years].reverse().find((y) => y[m] !== undefined && y[m] !== null);
    if (!latest) continue;
    const value = latest[m] as number;
    out[m] = { baseline: base, latest: value, latestPeriod: latest.period, change: roundTo(value - base, 4) };
  }
  return out;
}

export function roundTo(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/** The median (mean of the middle two for an even count); null for no values. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
