import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { resolveTrendRange, trendPeriods, trendRangeProblems } from '@pathway/domain/programme/trend-periods';
import { JOURNEY_STATES } from '@pathway/domain/vocabulary';
import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import type { PipelineScope } from '../pipeline-scope';
import type { DurationsDto, DurationsQueryDto, StateDurationDto, TrendPeriodDto, TrendsDto, TrendsQueryDto } from './programme.dto';
import { ProgrammeRepository } from './programme.repository';
import { TREND_COUNT_NAMES, TREND_COUNTS } from './trend-counts';

/** The states durations are reported for, in pathway order: all but withdrawn. */
export const DURATION_STATES = JOURNEY_STATES.filter((s) => s !== 'withdrawn');

/** The pipeline over time, from the journeys' history: counts per period, and time spent in each state. */
@Injectable()
export class ProgrammeService {
  constructor(private readonly repo: ProgrammeRepository) {}

  async trends(scope: PipelineScope, q: TrendsQueryDto, now = new Date()): Promise<TrendsDto> {
    const range = resolveTrendRange(q, todayInLondon(now));
    const problems = trendRangeProblems(range);
    if (problems.length) throw new BadRequestError(problems);
    const rows = await this.repo.trendCounts(scope, q, range);
    const typeToCount = new Map(Object.entries(TREND_COUNTS).map(([count, type]) => [type as string, count]));
    const counts = new Map<string, number>(rows.map((r) => [`${r.period_start}|${typeToCount.get(r.type)}`, r.n]));
    const periods = trendPeriods(range.from, range.to, range.interval).map((period): TrendPeriodDto => {
      const row = { start: period.start, end: period.end } as TrendPeriodDto;
      for (const name of TREND_COUNT_NAMES) row[name] = counts.get(`${period.periodStart}|${name}`) ?? 0;
      return row;
    });
    return { ...range, periods };
  }

  /** The trends as CSV text: one row per period after a header row (numbers and dates only). The API and the pipeline page send the same. */
  async trendsCsv(scope: PipelineScope, q: TrendsQueryDto, now = new Date()): Promise<string> {
    const { periods } = await this.trends(scope, q, now);
    return stringify(periods, { header: true, columns: ['start', 'end', ...TREND_COUNT_NAMES] });
  }

  async durations(scope: PipelineScope, q: DurationsQueryDto, now = new Date()): Promise<DurationsDto> {
    const asOf = q.asOf ? new Date(q.asOf) : now;
    const rows = new Map((await this.repo.durations(scope, q, asOf)).map((r) => [r.state, r]));
    const byState: Record<string, StateDurationDto> = {};
    for (const state of DURATION_STATES) {
      const r = rows.get(state);
      byState[state] = { journeys: r?.journeys ?? 0, medianDays: r?.median_days ?? null, p90Days: r?.p90_days ?? null };
    }
    return { byState, asOf: asOf.toISOString() };
  }

  /** One journey's days in each state it has been in (for its page, beside the pipeline's medians). Callers check access. */
  async journeyStateDays(journeyId: string, now = new Date()): Promise<Record<string, number>> {
    const rows = await this.repo.journeyStateDays(journeyId, now);
    return Object.fromEntries(rows.map((r) => [r.state, r.days]));
  }
}
