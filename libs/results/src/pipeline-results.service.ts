import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { roundTo, RESULT_MEASURES, type ResultMeasure } from '@pathway/domain/sustainability/results';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { KeptAnswers } from '@pathway/pipeline/kept-answers';
import { SqlParams } from '@pathway/database/journey-sql';
import type { MeasureMediansDto, PipelineResultsDto } from './results.dto';

/** The measure's column in journey_results. */
export const MEASURE_COLUMNS: Record<ResultMeasure, string> = {
  staffTurnoverPct: 'staff_turnover_pct',
  sicknessDaysPerFte: 'sickness_days_per_fte',
  staffSatisfactionPct: 'staff_satisfaction_pct',
  serviceUserSatisfactionPct: 'service_user_satisfaction_pct',
  staffCount: 'staff_count',
  incomeGbp: 'income_gbp',
  staffMembershipPct: 'staff_membership_pct',
};

const round = (v: number | null) => (v === null ? null : roundTo(Number(v), 3));

/**
 * The state of the sector: per measure, over active journeys with a baseline and at least one
 * year, the median baseline, the median latest figure and the median of each journey's change
 * (as the journey page's comparison computes it), overall and by service area. One statement over
 * the read model journey_latest_results (one row per journey, each measure's baseline and latest
 * yearly figure, kept by triggers on journey_results in the writing transaction: see its
 * migration), joined to journeys for scope and filters, with one sort for both grouping sets.
 *
 * That pass still sorts every figure (about 20,000 at 10,000 journeys), and figures change a few
 * times a year per journey while the pipeline reads them all day, so the answer is kept per scope
 * and filters with the `pipeline_results_version` it was computed at. Every change to what the
 * medians read moves that version in the writing transaction (the migration's triggers: a
 * journey's figures, or one of PIPELINE_JOURNEY_COLUMNS of a journey with figures), and each
 * request reads it first, so a kept answer is served only while nothing it depends on has changed.
 */
@Injectable()
export class PipelineResultsService {
  private readonly kept = new KeptAnswers<PipelineResultsDto>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async results(scope: PipelineScope, given: PipelineFilters = {}): Promise<PipelineResultsDto> {
    // The medians take no at-risk filter: it reads tasks, contracts and the clock, which the kept
    // answers' version does not follow (pipeline-scope.ts), so a kept answer could be stale.
    const { atRisk: _notKept, ...filters } = given;
    // Read before computing: an answer is never older than the version it is kept under.
    const [{ version }] = (await this.db.query('SELECT version::text AS version FROM pipeline_results_version')) as [{ version: string }];
    const key = KeptAnswers.key(scope, filters);
    const hit = this.kept.get(key, version);
    if (hit) return hit;
    const results = await this.compute(scope, filters);
    this.kept.set(key, version, results);
    return results;
  }

  private async compute(scope: PipelineScope, filters: PipelineFilters): Promise<PipelineResultsDto> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    const unpivot = RESULT_MEASURES.map((m, i) => `(${i}, l.baseline_${MEASURE_COLUMNS[m]}, l.latest_${MEASURE_COLUMNS[m]})`).join(', ');
    const rows: Array<{
      service_area: string | null;
      measure: number | null;
      journeys: number;
      median_baseline: number | null;
      median_latest: number | null;
      median_change: number | null;
    }> = await this.db.query(
      `WITH per AS MATERIALIZED (
           SELECT j.service_area, l.* FROM journey_latest_results l JOIN journeys j ON j.id = l.journey_id WHERE ${where}
         ),
         pairs AS (
           SELECT l.service_area, m.measure, m.baseline, m.latest, m.latest - m.baseline AS change
           FROM per l CROSS JOIN LATERAL (VALUES ${unpivot}) AS m(measure, baseline, latest)
           WHERE m.baseline IS NOT NULL AND m.latest IS NOT NULL
         )
         SELECT service_area, measure, count(*)::int AS journeys,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY baseline) AS median_baseline,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latest) AS median_latest,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY change) AS median_change
         FROM pairs GROUP BY GROUPING SETS ((measure), (measure, service_area))
         UNION ALL
         SELECT service_area, NULL, count(*)::int, NULL, NULL, NULL FROM per WHERE has_baseline AND has_year GROUP BY ROLLUP (service_area)`,
      p.values,
    );
    const empty = (): Record<string, MeasureMediansDto> =>
      Object.fromEntries(RESULT_MEASURES.map((m) => [m, { journeys: 0, medianBaseline: null, medianLatest: null, medianChange: null }]));
    const out: PipelineResultsDto = { journeys: 0, measures: empty(), byServiceArea: {} };
    const area = (a: string) => (out.byServiceArea[a] ??= { journeys: 0, measures: empty() });
    for (const r of rows) {
      if (r.measure === null) {
        if (r.service_area === null) out.journeys = r.journeys;
        else area(r.service_area).journeys = r.journeys;
        continue;
      }
      const medians = {
        journeys: r.journeys,
        medianBaseline: round(r.median_baseline),
        medianLatest: round(r.median_latest),
        medianChange: round(r.median_change),
      };
      const measure = RESULT_MEASURES[r.measure];
      if (r.service_area === null) out.measures[measure] = medians;
      else area(r.service_area).measures[measure] = medians;
    }
    return out;
  }
}
