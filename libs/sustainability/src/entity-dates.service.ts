import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { defaultAccountingReferenceDate, entityDatesProblems } from '@pathway/domain/sustainability/yearly-cycle';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { JourneyChange, JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError, ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import type { EntityDatesBodyDto, EntityDatesDto } from './sustainability.dto';
import { entityDatesOf, YearlyCycleService } from './yearly-cycle.service';

/** Who records the legal entity's dates: the mutual's lead, or the central team. */
export const ENTITY_ROLES = ['mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin'] as const;

/**
 * The legal entity's own dates (incorporation, accounting reference date), recorded once it is
 * registered, either with `register_legal_entity` or here; a change moves the open tasks of the
 * yearly cycle that nobody re-dated by hand.
 */
@Injectable()
export class EntityDatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: JourneyChangeBus,
    private readonly cycle: YearlyCycleService,
    private readonly clock: Clock,
  ) {}

  async get(p: Principal, journeyId: string): Promise<EntityDatesDto> {
    const j = await loadVisibleJourney(this.db.manager, p, journeyId);
    return this.present(journeyId, j.legalForm);
  }

  async set(p: Principal, journeyId: string, dto: EntityDatesBodyDto): Promise<EntityDatesDto> {
    const result = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.actsAs(p, j, ENTITY_ROLES))
        throw new ForbiddenError('Only the mutual’s lead or the central team can record the legal entity’s dates');
      if (j.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn');
      if (!j.eventDates.register_legal_entity)
        throw new ConflictError('The legal entity is not registered yet: record its dates when it is (or with register_legal_entity)');
      const problems = entityDatesProblems(dto, todayInLondon(this.clock.now()));
      if (problems.length) throw new BadRequestError(problems.map((x) => x.message));
      const before = await entityDatesOf(tx, j.id);
      const ard = dto.accountingReferenceDate ?? defaultAccountingReferenceDate(dto.incorporationDate);
      if (before.incorporationDate === dto.incorporationDate && before.accountingReferenceDate === ard) return null;
      await tx.query(`UPDATE journeys SET incorporation_date = $2, accounting_reference_date = $3 WHERE id = $1`, [
        j.id,
        dto.incorporationDate,
        ard,
      ]);
      const moved = await this.cycle.resync(tx, j);
      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'entity_dates_recorded',
        data: {
          incorporationDate: dto.incorporationDate,
          accountingReferenceDate: ard,
          accountingReferenceDateDefaulted: dto.accountingReferenceDate === undefined,
          previous: before,
          tasksRescheduled: moved.length,
        },
      });
      const change: JourneyChange = { journey: j, actorUserId: p.id, kind: 'tasks_changed', taskIds: moved };
      await this.bus.inTransaction(tx, change);
      return { change, legalForm: j.legalForm };
    });
    if (result) await this.bus.afterCommit(result.change);
    const j = await loadVisibleJourney(this.db.manager, p, journeyId);
    return this.present(journeyId, j.legalForm);
  }

  private async present(journeyId: string, legalForm: string | null): Promise<EntityDatesDto> {
    const dates = await entityDatesOf(this.db.manager, journeyId);
    const [row] = queryRows<{ n: number }>(await this.db.query(`SELECT cycle_years_created AS n FROM journeys WHERE id = $1`, [journeyId]));
    return { ...dates, legalForm, cycleYearsCreated: row?.n ?? 0 };
  }
}
