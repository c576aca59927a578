import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PipelineFilters } from '../dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from '../pipeline-scope';
import { SqlParams } from '@pathway/database/journey-sql';
import { TREND_COUNTS } from './trend-counts';

export interface TrendRow {
  period_start: string;
  type: string;
  n: number;
}

export interface DurationRow {
  state: string;
  journeys: number;
  median_days: number | null;
  p90_days: number | null;
}

export interface JourneyStateDaysRow {
  state: string;
  days: number;
}

/** A London calendar date's first instant, as SQL. */
const londonMidnight = (dateParam: string) => `(${dateParam}::date)::timestamp AT TIME ZONE 'Europe/London'`;

/**
 * The history-derived pipeline views (trends, time in each state): read-only SQL over
 * journey_history, using its partial indexes journey_history_trends_idx and
 * journey_history_transitions_idx (migrations/1765120000000-Support.ts).
 */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counted history rows per calendar period (London) and type, for from..to inclusive, on the journeys in scope. */
  trendCounts(
    scope: PipelineScope,
    filters: PipelineFilters,
    range: { from: string; to: string; interval: 'month' | 'quarter' },
  ): Promise<TrendRow[]> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: false });
    const types = p.add(Object.values(TREND_COUNTS));
    const from = londonMidnight(p.add(range.from));
    const toExclusive = `(${p.add(range.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`;
    const unit = range.interval === 'quarter' ? `'quarter'` : `'month'`;
    // The type list is spelled out (not only bound) so the planner matches the partial index's predicate.
    const typeList = Object.values(TREND_COUNTS)
      .map((t) => `'${t}'`)
      .join(', ');
    return this.db.query(
      `SELECT to_char(date_trunc(${unit}, h.at AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS period_start, h.type, count(*)::int AS n
         FROM journey_history h JOIN journeys j ON j.id = h.journey_id
        WHERE h.type IN (${typeList}) AND h.type = ANY(${types}::text[]) AND h.at >= ${from} AND h.at < ${toExclusive} AND ${where}
        GROUP BY 1, 2`,
      p.values,
    );
  }

  /**
   * Each journey's total time in each state (every visit added up; the current state until `asOf`),
   * then per state the number of journeys, the median and the 90th percentile, in days. A state's
   * visit runs from the history row that entered it to the next row that entered any state.
   * Withdrawn is left out: it is where a journey ends, not a wait. date_part (float8) rather than
   * extract (numeric): half the aggregate's time at 10,000 journeys.
   */
  durations(scope: PipelineScope, filters: PipelineFilters, asOf: Date): Promise<DurationRow[]> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: false });
    const at = `${p.add(asOf.toISOString())}::timestamptz`;
    return this.db.query(
      `WITH visits AS (
         SELECT h.journey_id, h.to_state AS state, h.at, lead(h.at) OVER (PARTITION BY h.journey_id ORDER BY h.id) AS left_at
           FROM journey_history h JOIN journeys j ON j.id = h.journey_id
          WHERE h.to_state IS NOT NULL AND h.at <= ${at} AND ${where}
       ),
       per_journey AS (
         SELECT journey_id, state, sum(date_part('epoch', coalesce(left_at, ${at}) - at)) / 86400.0 AS days
           FROM visits WHERE state <> 'withdrawn' GROUP BY journey_id, state
       )
       SELECT state, count(*)::int AS journeys,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS median_days,
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS p90_days
         FROM per_journey GROUP BY state`,
      p.values,
    );
  }

  /** One journey's total days in each state it has been in (as durations(), for that journey alone). */
  journeyStateDays(journeyId: string, asOf: Date): Promise<JourneyStateDaysRow[]> {
    return this.db.query(
      `WITH visits AS (
         SELECT h.to_state AS state, h.at, lead(h.at) OVER (ORDER BY h.id) AS left_at
           FROM journey_history h WHERE h.journey_id = $1 AND h.to_state IS NOT NULL AND h.at <= $2::timestamptz
       )
       SELECT state, round((sum(date_part('epoch', coalesce(left_at, $2::timestamptz) - at)) / 86400.0)::numeric, 1)::float8 AS days
         FROM visits WHERE state <> 'withdrawn' GROUP BY state`,
      [journeyId, asOf.toISOString()],
    );
  }
}
