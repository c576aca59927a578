/**
 * The journeys CSV's block of results columns (issue 11): the latest recorded figure of each
 * measure (as the journey page's comparison takes it: the most recent financial year that has a
 * figure for that measure) and the most recent financial year recorded. Kept in one file so the
 * block stays together at the end of the CSV.
 */
import { RESULT_MEASURES, type ResultMeasure } from '@pathway/domain/sustainability/results';

const column = (m: ResultMeasure) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const header = (m: ResultMeasure) => `latest${m[0].toUpperCase()}${m.slice(1)}` as const;

export const RESULTS_CSV_COLUMNS = [
  'resultsLatestPeriod',
  'latestStaffTurnoverPct',
  'latestSicknessDaysPerFte',
  'latestStaffSatisfactionPct',
  'latestServiceUserSatisfactionPct',
  'latestStaffCount',
  'latestIncomeGbp',
  'latestStaffMembershipPct',
] as const;

export interface LatestResultsRow {
  results_latest_period: string | null;
  [latest: `latest_${string}`]: string | number | null;
}

/** The block's columns of the joined subquery (alias `a`) in the export's select list. */
export function latestResultsColumns(a: string): string {
  return [`${a}.results_latest_period`, ...RESULT_MEASURES.map((m) => `${a}.latest_${column(m)}`)].join(', ');
}

/** One grouped pass over journey_results (alias r), limited by `inScope`; a journey with no year has no row. */
export function latestResultsSql(inScope: string): string {
  const measures = RESULT_MEASURES.map(
    (m) => `(array_agg(r.${column(m)} ORDER BY r.period DESC) FILTER (WHERE r.${column(m)} IS NOT NULL))[1] AS latest_${column(m)}`,
  );
  return `SELECT r.journey_id, max(r.period) AS results_latest_period, ${measures.join(', ')}
            FROM journey_results r WHERE r.period <> 'baseline' AND ${inScope} GROUP BY r.journey_id`;
}

export function latestResultsRecord(r: LatestResultsRow): Record<(typeof RESULTS_CSV_COLUMNS)[number], string | number | null> {
  const out: Record<string, string | number | null> = { resultsLatestPeriod: r.results_latest_period ?? null };
  for (const m of RESULT_MEASURES) {
    const v = r[`latest_${column(m)}`];
    out[header(m)] = v === null || v === undefined ? null : Number(v);
  }
  return out as Record<(typeof RESULTS_CSV_COLUMNS)[number], string | number | null>;
}
