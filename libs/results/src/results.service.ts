import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { financialYearStart } from '@pathway/domain/sustainability/financial-year';
import {
  compareWithBaseline,
  figureProblems,
  periodProblem,
  RESULT_MEASURES,
  type MeasureComparison,
  type ResultMeasure,
} from '@pathway/domain/sustainability/results';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError, ConflictError, ForbiddenError, RuleViolationError } from '@pathway/platform/errors/domain-errors';
import { JourneyResultEntity } from './journey-result.entity';
import type { PutResultsDto } from './results.dto';

export interface JourneyResults {
  items: JourneyResultEntity[];
  comparison: Partial<Record<ResultMeasure, MeasureComparison>>;
}

/** Baseline and yearly results of one journey; every rule on periods and figures is the domain's. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(p: Principal, journeyId: string): Promise<JourneyResults> {
    await loadVisibleJourney(this.db.manager, p, journeyId);
    return this.read(journeyId);
  }

  async read(journeyId: string): Promise<JourneyResults> {
    const rows = await this.db.getRepository(JourneyResultEntity).findBy({ journeyId });
    const items = rows.sort((a, b) =>
      a.period === 'baseline'
        ? -1
        : b.period === 'baseline'
          ? 1
          : (financialYearStart(a.period) ?? 0) - (financialYearStart(b.period) ?? 0),
    );
    return { items, comparison: compareWithBaseline(items) };
  }

  async put(p: Principal, journeyId: string, period: string, dto: PutResultsDto): Promise<JourneyResults> {
    const shape = periodProblem(period, { transferCompletedOn: null, today: '2000-01-01' });
    if (shape?.status === 400) throw new BadRequestError([shape.message]);
    const problems = figureProblems(dto);
    if (problems.length) throw new BadRequestError(problems);
    if (
      ![...RESULT_MEASURES, 'socialValue'].some(
        (m) => dto[m as keyof PutResultsDto] !== undefined && dto[m as keyof PutResultsDto] !== null,
      )
    ) {
      throw new BadRequestError([`give at least one figure: ${[...RESULT_MEASURES, 'socialValue'].join(', ')}`]);
    }
    await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      const roles = period === 'baseline' ? (['parent_body_officer', 'mutual_lead'] as const) : (['mutual_lead'] as const);
      if (!AccessPolicy.actsAs(p, j, roles)) {
        throw new ForbiddenError(
          period === 'baseline'
            ? 'The baseline is recorded by the parent body or the mutual’s lead'
            : 'Yearly results are recorded by the mutual’s lead',
        );
      }
      if (j.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: its results can no longer change');
      const rule = periodProblem(period, {
        transferCompletedOn: j.eventDates.complete_transfer ?? null,
        today: todayInLondon(this.clock.now()),
      });
      if (rule) throw new RuleViolationError(rule.message, rule.code, 'period');
      const row: JourneyResultEntity = {
        journeyId,
        period,
        staffTurnoverPct: dto.staffTurnoverPct ?? null,
        sicknessDaysPerFte: dto.sicknessDaysPerFte ?? null,
        staffSatisfactionPct: dto.staffSatisfactionPct ?? null,
        serviceUserSatisfactionPct: dto.serviceUserSatisfactionPct ?? null,
        staffCount: dto.staffCount ?? null,
        incomeGbp: dto.incomeGbp ?? null,
        staffMembershipPct: dto.staffMembershipPct ?? null,
        socialValue: dto.socialValue ?? null,
        recordedByUserId: p.id,
        recordedAt: this.clock.now(),
      };
      const previous = await tx.getRepository(JourneyResultEntity).findOneBy({ journeyId, period });
      await tx.getRepository(JourneyResultEntity).save(row);
      await touchJourney(tx, journeyId);
      const figures = Object.fromEntries(
        [...RESULT_MEASURES, 'socialValue'].map((m) => [m, row[m as keyof JourneyResultEntity]]).filter(([, v]) => v !== null),
      );
      await recordHistory(tx, { journeyId, actorUserId: p.id, type: 'results_recorded', data: { period, figures, replaced: !!previous } });
    });
    return this.read(journeyId);
  }
}
