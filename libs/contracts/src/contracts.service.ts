import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assessContract, type ContractAssessment, type ContractTerms } from '@pathway/domain/sustainability/contract-rules';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { JourneyChange, JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@pathway/platform/errors/domain-errors';
import { authorityNation, otherReservedContracts } from './contract-context';
import { ContractEntity } from './contract.entity';
import type { CreateContractDto, UpdateContractDto } from './contract.dto';
import { completeRenewalTasks, createRenewalTasks, linkFirstContract, syncRenewalTasks } from './renewal-tasks';

/** Who may record and change a journey's contracts: its commissioner, its mutual's lead, the central team. */
const CONTRACT_ROLES = ['commissioner', 'mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin'] as const;

export interface ContractWithTasks {
  contract: ContractEntity;
  tasks: JourneyTaskEntity[];
  assessment: ContractAssessment;
}

/**
 * The contracts register: each contract checked against the rules in the domain
 * (`assessContract`) before it is stored, with its renewal tasks created, moved and completed in
 * the same transaction and handed to the reminders through the journey change bus.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: JourneyChangeBus,
  ) {}

  async list(p: Principal, journeyId: string): Promise<ContractWithTasks[]> {
    const j = await loadVisibleJourney(this.db.manager, p, journeyId);
    const contracts = await this.db
      .getRepository(ContractEntity)
      .find({ where: { journeyId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
    return this.withTasks(this.db.manager, j, contracts);
  }

  async get(p: Principal, journeyId: string, contractId: string): Promise<ContractWithTasks> {
    const j = await loadVisibleJourney(this.db.manager, p, journeyId);
    const c = await this.db.getRepository(ContractEntity).findOneBy({ id: contractId, journeyId });
    if (!c) throw new NotFoundError('Contract');
    return (await this.withTasks(this.db.manager, j, [c]))[0];
  }

  async create(p: Principal, journeyId: string, dto: CreateContractDto, now = new Date()): Promise<ContractWithTasks> {
    const result = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      this.assertMayChange(p, j, dto.commissionerId);
      if (j.phase === 'pre_spin_out')
        throw new ConflictError('Contracts are recorded from spinning out onwards: the first contract is awarded to the new entity');
      await assertCommissioner(tx, dto.commissionerId);
      const terms: ContractTerms = {
        route: dto.route,
        startDate: dto.startDate,
        endDate: dto.endDate,
        extensionMonths: dto.extensionMonths ?? null,
        awardedOn: dto.awardedOn ?? dto.startDate,
      };
      const assessment = await this.assess(tx, j, terms, dto.commissionerId, null);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM contracts WHERE journey_id = $1`, [j.id]);
      const c = await tx.getRepository(ContractEntity).save({
        journeyId: j.id,
        title: dto.title,
        commissionerId: dto.commissionerId,
        ...terms,
        annualValueGbp: dto.annualValueGbp,
        firstContract: n === 0,
        outcome: null,
        outcomeNote: null,
        outcomeRecordedAt: null,
        recordedByUserId: p.id,
        createdAt: now,
        updatedAt: now,
      });
      const taskIds = await createRenewalTasks(tx, c, j, now);
      if (c.firstContract) taskIds.push(...(await linkFirstContract(tx, c, p.id)));
      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'contract_recorded',
        data: {
          contractId: c.id,
          title: c.title,
          route: c.route,
          startDate: c.startDate,
          endDate: c.endDate,
          termMonths: assessment.termMonths,
          annualValueGbp: c.annualValueGbp,
          firstContract: c.firstContract,
          warnings: assessment.warnings.map((w) => w.code),
        },
      });
      const change: JourneyChange = { journey: j, actorUserId: p.id, kind: 'tasks_changed', taskIds };
      await this.bus.inTransaction(tx, change);
      return { c, change, j };
    });
    await this.bus.afterCommit(result.change);
    return (await this.withTasks(this.db.manager, result.j, [result.c]))[0];
  }

  async update(p: Principal, journeyId: string, contractId: string, dto: UpdateContractDto, now = new Date()): Promise<ContractWithTasks> {
    const result = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      const repo = tx.getRepository(ContractEntity);
      const c = await repo.findOneBy({ id: contractId, journeyId });
      if (!c) throw new NotFoundError('Contract');
      this.assertMayChange(p, j, c.commissionerId);
      if (dto.commissionerId !== undefined && dto.commissionerId !== c.commissionerId) {
        this.assertMayChange(p, j, dto.commissionerId);
        await assertCommissioner(tx, dto.commissionerId);
      }
      if (dto.outcomeNote !== undefined && dto.outcome === undefined && !c.outcome)
        throw new BadRequestError(['outcomeNote goes with an outcome']);
      const before = { ...c };
      const next: ContractEntity = { ...c };
      for (const key of [
        'title',
        'commissionerId',
        'startDate',
        'endDate',
        'awardedOn',
        'annualValueGbp',
        'route',
        'extensionMonths',
        'outcome',
        'outcomeNote',
      ] as const) {
        if (dto[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = dto[key];
      }
      // A contract whose award date was its start date keeps them together when the start moves.
      if (dto.startDate !== undefined && dto.awardedOn === undefined && c.awardedOn === c.startDate) next.awardedOn = dto.startDate;
      const assessment = await this.assess(tx, j, next, next.commissionerId, c);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of [
        'title',
        'commissionerId',
        'startDate',
        'endDate',
        'awardedOn',
        'annualValueGbp',
        'route',
        'extensionMonths',
        'outcome',
        'outcomeNote',
      ] as const) {
        if (before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
      }
      if (Object.keys(changes).length === 0) return { c, change: null, j };
      if (changes.outcome) next.outcomeRecordedAt = now;
      next.updatedAt = now;
      await repo.save(next);
      const taskIds = await syncRenewalTasks(tx, next, j.nation);
      if (changes.outcome) taskIds.push(...(await completeRenewalTasks(tx, next, p.id)));
      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: changes.outcome ? 'contract_outcome_recorded' : 'contract_updated',
        data: {
          contractId: c.id,
          title: next.title,
          changes,
          tasksRescheduled: taskIds.length,
          warnings: assessment.warnings.map((w) => w.code),
        },
      });
      const change: JourneyChange = { journey: j, actorUserId: p.id, kind: 'tasks_changed', taskIds: [...new Set(taskIds)] };
      await this.bus.inTransaction(tx, change);
      return { c: next, change, j };
    });
    if (result.change) await this.bus.afterCommit(result.change);
    return (await this.withTasks(this.db.manager, result.j, [result.c]))[0];
  }

  /** 403 unless the caller may change this journey's contracts; a commissioner only those it commissions. */
  private assertMayChange(p: Principal, j: JourneyEntity, commissionerId: string): void {
    if (!AccessPolicy.actsAs(p, j, CONTRACT_ROLES))
      throw new ForbiddenError('Only the journey’s commissioner, the mutual’s lead or the central team can record contracts');
    if (p.role === 'commissioner' && p.organisationId !== commissionerId)
      throw new ForbiddenError('A commissioner can record only the contracts it commissions');
    if (j.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: its contracts can no longer change');
  }

  /** Runs the domain's rules; 400 for malformed terms, 422 (with the rule's code) for what the law forbids. */
  private async assess(
    tx: EntityManager,
    j: JourneyEntity,
    terms: ContractTerms,
    commissionerId: string,
    stored: ContractEntity | null,
  ): Promise<ContractAssessment> {
    const needsContext = terms.route === 'reserved_mutual';
    const assessment = assessContract(terms, {
      commissionerId,
      serviceArea: j.serviceArea,
      authorityNation: needsContext ? await authorityNation(tx, commissionerId) : 'england',
      others: needsContext ? await otherReservedContracts(tx, j.mutualOrganisationId, stored?.id ?? null) : [],
      stored: stored ?? undefined,
    });
    const bad = assessment.problems.filter((x) => x.status === 400);
    if (bad.length) throw new BadRequestError(bad.map((x) => x.message));
    const forbidden = assessment.problems[0];
    if (forbidden) throw new RuleViolationError(forbidden.message, forbidden.code, forbidden.field);
    return assessment;
  }

  private async withTasks(em: EntityManager, j: JourneyEntity, contracts: ContractEntity[]): Promise<ContractWithTasks[]> {
    if (!contracts.length) return [];
    const tasks = await em
      .getRepository(JourneyTaskEntity)
      .createQueryBuilder('t')
      .where('t.contract_id IN (:...ids)', { ids: contracts.map((c) => c.id) })
      .andWhere(`t.key IN ('plan_contract_renewal', 'decide_contract_renewal')`)
      .orderBy('t.due_date', 'ASC')
      .getMany();
    return contracts.map((c) => ({
      contract: c,
      tasks: tasks.filter((t) => t.contractId === c.id),
      // Warnings do not depend on the other contracts; stored contracts already passed the rules.
      assessment: assessContract(c, {
        commissionerId: c.commissionerId,
        serviceArea: j.serviceArea,
        authorityNation: 'england',
        others: [],
      }),
    }));
  }
}

async function assertCommissioner(em: EntityManager, id: string): Promise<void> {
  const [row] = await em.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
  if (!row) throw new BadRequestError(['commissionerId does not name an existing organisation']);
  if (row.kind !== 'commissioner')
    throw new BadRequestError([`commissionerId must name an organisation of kind commissioner, not ${row.kind}`]);
}
