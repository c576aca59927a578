import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { roundTo, RESULT_MEASURES, type ResultMeasure } from '../../domain/src/sustainability/results';
import type { PipelineFilters } from '../../pipeline/src/dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from '../../pipeline/src/pipeline-scope';
import { SqlParams } from '../../pipeline/src/pipeline-sql';
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
 * (as the journey page's comparison computes it), overall and by service area. One statement.
 */
@Injectable()
export class PipelineResultsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async results(scope: PipelineScope, filters: PipelineFilters = {}): Promise<PipelineResultsDto> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    const unpivot = RESULT_MEASURES.map((m) => `('${m}', r.${MEASURE_COLUMNS[m]}::float8)`).join(', ');
    const rows: Array<{
      service_area: string | null;
      measure: string | null;
      journeys: number;
      median_baseline: number | null;
      median_latest: number | null;
      median_change: number | null;
    }> = await this.db.query(
      `WITH scoped AS (SELECT j.id, j.service_area FROM journeys j WHERE ${where}),
         vals AS (
           SELECT r.journey_id, s.service_area, r.period, m.measure, m.value
           FROM journey_results r JOIN scoped s ON s.id = r.journey_id
           CROSS JOIN LATERAL (VALUES ${unpivot}) AS m(measure, value)
         ),
         qualifying AS (
           SELECT journey_id, service_area FROM vals GROUP BY journey_id, service_area
           HAVING bool_or(period = 'baseline') AND bool_or(period <> 'baseline')
         ),
         base AS (SELECT journey_id, service_area, measure, value FROM vals WHERE period = 'baseline' AND value IS NOT NULL),
         latest AS (
           SELECT DISTINCT ON (journey_id, measure) journey_id, measure, value
           FROM vals WHERE period <> 'baseline' AND value IS NOT NULL
           ORDER BY journey_id, measure, period DESC
         ),
         pairs AS (
           SELECT b.service_area, b.measure, b.value AS baseline, l.value AS latest, l.value - b.value AS change
           FROM base b JOIN latest l ON l.journey_id = b.journey_id AND l.measure = b.measure
         )
         SELECT service_area, measure, count(*)::int AS journeys,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY baseline) AS median_baseline,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latest) AS median_latest,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY change) AS median_change
         FROM pairs GROUP BY GROUPING SETS ((measure), (service_area, measure))
         UNION ALL
         SELECT service_area, NULL, count(*)::int, NULL, NULL, NULL FROM qualifying GROUP BY ROLLUP (service_area)`,
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
      if (r.service_area === null) out.measures[r.measure] = medians;
      else area(r.service_area).measures[r.measure] = medians;
    }
    return out;
  }
}
