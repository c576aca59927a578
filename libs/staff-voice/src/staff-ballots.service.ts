import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import {
  ballotCountProblems,
  heldOnProblem,
  staffSupportCondition,
  staffSupportThreshold,
  STAFF_SUPPORT_GATED_EVENTS,
  type UnmetCondition,
} from '@pathway/domain/staff-voice/ballot';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { JourneyChangeBus, type JourneyChange } from '@pathway/journeys/journey-change.bus';
import type { JourneyConditionSource } from '@pathway/journeys/journey-conditions';
import { PathwayTemplatesService } from '@pathway/journeys/pathway-templates.service';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError, ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { syncBallotTask } from './ballot-task';
import type { RecordBallotDto, StaffBallotDto, StaffBallotListDto, StaffSupportWaiverDto } from './staff-voice.dto';
import { presentBallot, presentWaiver } from './staff-voice.presenter';
import { StaffVoiceRepository, type BallotRow } from './staff-voice.repository';

/**
 * Staff ballots (CONTRACT "Staff voice"): the mutual lead records them, every party reads them,
 * the central team may waive the staff-support condition with a reason. Each change keeps the
 * evidence-gated ballot task in line, in the same transaction as its history rows. Also the
 * condition source that guards submit_business_case (registered with JourneyConditions).
 */
@Injectable()
export class StaffBallotsService implements JourneyConditionSource {
  readonly events = STAFF_SUPPORT_GATED_EVENTS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: StaffVoiceRepository,
    private readonly templates: PathwayTemplatesService,
    private readonly bus: JourneyChangeBus,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal, journeyId: string): Promise<StaffBallotListDto> {
    const journey = await loadVisibleJourney(this.db.manager, p, journeyId);
    return this.read(this.db.manager, journey);
  }

  /** The ballots (latest first) and whether the condition holds, for the API and the pages. */
  async read(em: EntityManager, journey: JourneyEntity): Promise<StaffBallotListDto> {
    const threshold = staffSupportThreshold(await this.templates.version(journey.templateVersion, em));
    const rows = await this.repo.ballots(em, journey.id);
    const waiver = await this.repo.waiver(em, journey.id);
    const items = rows.map((b) => presentBallot(b, threshold));
    return {
      items,
      total: items.length,
      staffSupport: {
        threshold,
        met: waiver !== null || items.some((b, i) => i === 0 && b.meetsThreshold),
        waiver: waiver ? presentWaiver(waiver) : null,
      },
    };
  }

  async record(p: Principal, journeyId: string, dto: RecordBallotDto): Promise<StaffBallotDto> {
    const counts = { eligible: dto.eligible, votesFor: dto.votesFor, votesAgainst: dto.votesAgainst, abstentions: dto.abstentions ?? 0 };
    const problems = [...ballotCountProblems(counts)];
    const future = heldOnProblem(dto.heldOn, todayInLondon(this.clock.now()));
    if (future) problems.push(future);
    const result = await this.db.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.actsAs(p, journey, ['mutual_lead']) || AccessPolicy.isCentral(p)) {
        throw new ForbiddenError('Only the mutual’s lead records staff ballots');
      }
      if (problems.length) throw new BadRequestError(problems);
      if (journey.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: no ballots can be recorded');
      const template = await this.templates.version(journey.templateVersion, tx);
      const threshold = staffSupportThreshold(template);
      const inserted = await this.repo.insertBallot(tx, {
        journey_id: journeyId,
        question: dto.question,
        held_on: dto.heldOn,
        method: dto.method,
        eligible: counts.eligible,
        votes_for: counts.votesFor,
        votes_against: counts.votesAgainst,
        abstentions: counts.abstentions,
        independent_scrutineer: dto.independentScrutineer || null,
        recorded_by_user_id: p.id,
      });
      const ballot = presentBallot(inserted, threshold);
      // The ballot just inserted is there, so there is a latest one (it may be an earlier-held one recorded before).
      const latest = (await this.repo.latestBallot(tx, journeyId)) ?? inserted;
      const latestMeets = presentBallot(latest, threshold).meetsThreshold;
      journey.version = await touchJourney(tx, journeyId);
      await recordHistory(tx, {
        journeyId,
        actorUserId: p.id,
        type: 'staff_ballot_recorded',
        data: {
          ballotId: ballot.id,
          question: ballot.question,
          heldOn: ballot.heldOn,
          method: ballot.method,
          eligible: ballot.eligible,
          votesFor: ballot.votesFor,
          votesAgainst: ballot.votesAgainst,
          abstentions: ballot.abstentions,
          turnout: ballot.turnout,
          supportShare: ballot.supportShare,
          meetsThreshold: ballot.meetsThreshold,
          ...(ballot.independentScrutineer ? { independentScrutineer: ballot.independentScrutineer } : {}),
        },
      });
      const waived = !!(await this.repo.waiver(tx, journeyId));
      const taskIds = await syncBallotTask(tx, journeyId, template, { latestMeets, waived }, 'staff_ballot_recorded', p.id);
      const change: JourneyChange = { journey, actorUserId: p.id, kind: 'tasks_changed', taskIds };
      await this.bus.inTransaction(tx, change);
      return { ballot, change };
    });
    await this.bus.afterCommit(result.change);
    return result.ballot;
  }

  async waive(p: Principal, journeyId: string, reason: string): Promise<StaffSupportWaiverDto> {
    const result = await this.db.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.isCentral(p)) throw new ForbiddenError('Only the central team can waive the staff support condition');
      if (journey.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn');
      if (await this.repo.waiver(tx, journeyId))
        throw new ConflictError('The staff support condition has already been waived for this journey');
      const template = await this.templates.version(journey.templateVersion, tx);
      const waiver = presentWaiver(await this.repo.insertWaiver(tx, journeyId, reason, p.id));
      journey.version = await touchJourney(tx, journeyId);
      await recordHistory(tx, { journeyId, actorUserId: p.id, type: 'staff_support_waived', data: { waiverId: waiver.id, reason } });
      const taskIds = await syncBallotTask(
        tx,
        journeyId,
        template,
        { latestMeets: null, waived: true, waiverReason: `Staff support waived by the central team: ${reason}` },
        'staff_support_waived',
        p.id,
      );
      const change: JourneyChange = { journey, actorUserId: p.id, kind: 'tasks_changed', taskIds };
      await this.bus.inTransaction(tx, change);
      return { waiver, change };
    });
    await this.bus.afterCommit(result.change);
    return result.waiver;
  }

  /** JourneyConditionSource: the staff-support condition of submitting the business case, from the domain. */
  async unmet(em: EntityManager, journey: JourneyEntity, eventType: string, template: PathwayTemplate): Promise<UnmetCondition[]> {
    const latest = await this.repo.latestBallot(em, journey.id);
    const waiver = await this.repo.waiver(em, journey.id);
    return this.conditionOf(eventType, latest, !!waiver, template);
  }

  /** JourneyConditionSource: the same for a list of journeys, in two statements whatever their number. */
  async unmetMany(
    em: EntityManager,
    journeys: readonly JourneyEntity[],
    eventType: string,
    templateOf: (j: JourneyEntity) => PathwayTemplate,
  ): Promise<Map<string, UnmetCondition[]>> {
    const ids = journeys.map((j) => j.id);
    const [latest, waived] = await Promise.all([this.repo.latestBallots(em, ids), this.repo.waivedJourneys(em, ids)]);
    return new Map(journeys.map((j) => [j.id, this.conditionOf(eventType, latest.get(j.id) ?? null, waived.has(j.id), templateOf(j))]));
  }

  private conditionOf(eventType: string, latest: BallotRow | null, waived: boolean, template: PathwayTemplate): UnmetCondition[] {
    const threshold = staffSupportThreshold(template);
    const condition = staffSupportCondition(
      eventType,
      {
        latestBallot: latest ? { heldOn: latest.held_on, meetsThreshold: presentBallot(latest, threshold).meetsThreshold } : null,
        waived,
      },
      threshold,
    );
    return condition ? [condition] : [];
  }
}
