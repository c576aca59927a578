import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { catchUpDueDates } from '@pathway/domain/calendar/catch-up';
import { computeDueDate } from '@pathway/domain/calendar/due-date';
import { parseIsoDuration, requireDuration } from '@pathway/domain/calendar/duration';
import { decideDuty, escalateAfterBreaches } from '@pathway/domain/tasks/duty-rules';
import { plannedTransferDateProblem } from '@pathway/domain/bounds/bounds';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { EVENT_DEFINITIONS, type JourneyEventType } from '@pathway/domain/events';
import { blockingTasks, type GateableTask } from '@pathway/domain/machines/blocking-tasks';
import { heldState, structurallyAvailableEvents, initialPosition, type JourneyPosition } from '@pathway/domain/machines/journey-position';
import { initialTaskStatus } from '@pathway/domain/tasks/availability';
import { type JourneyFit, sourceOf, taskInNation } from '@pathway/domain/template/pathway-fit';
import { tasksCreatedWithJourney } from '@pathway/domain/template/tasks-to-create';
import type { PathwayTemplate, TemplateTask } from '@pathway/domain/template/types';
import {
  DONE_TASK_STATUSES,
  type BodyType,
  type JourneyState,
  type Nation,
  type OrganisationKind,
  type OwnerParty,
} from '@pathway/domain/vocabulary';
import { AccessPolicy, type JourneyParties } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { BadRequestError, ConflictError, DutyRuleError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import {
  mayNameAsParentBody,
  PARTY_FIELDS,
  partyChangeConflicts,
  type OpenEscalationRef,
  type PartyField,
} from '@pathway/domain/parties/party-changes';
import { CentralOrganisation } from './central-organisation';
import {
  HISTORY_PAGE_DEFAULT,
  type CreateJourneyDto,
  type JourneyQueryDto,
  type ReminderPolicyDto,
  type UpdateJourneyDto,
} from './dto/journey.dto';
import { JourneyHistoryEntity } from './entities/journey-history.entity';
import { JourneyEntity } from './entities/journey.entity';
import { JourneyTaskEntity } from './entities/journey-task.entity';
import { recordHistory, touchJourney } from './history';
import { JourneyChangeBus } from './journey-change.bus';
import { JourneyConditions, type UnmetCondition } from './journey-conditions';
import { loadVisibleJourney } from './journey-access';
import { PathwayTemplatesService } from './pathway-templates.service';
import type { JourneyView } from './presenters';
import { ownerOrganisationFor } from './task-owner';

/** The events open to the caller by the journey's state and their role (guards not yet checked). */
export function candidateEvents(p: Principal, journey: JourneyEntity): JourneyEventType[] {
  return structurallyAvailableEvents(positionOf(journey)).filter((type) => {
    const def = EVENT_DEFINITIONS[type];
    return !def.internal && AccessPolicy.actsAs(p, journey, def.roles);
  });
}

export const positionOf = (j: JourneyEntity): JourneyPosition => ({
  phase: j.phase,
  state: j.state as JourneyState,
  snapshot: j.machineSnapshot,
});

export interface HistoryPageQuery {
  limit?: number;
  before?: string;
  after?: string;
}

export interface HistoryPage {
  items: JourneyHistoryEntity[];
  total: number;
  limit: number;
  /** Pass as `before` for the next older page; null when this page holds the oldest entry. */
  olderCursor: string | null;
  /** Pass as `after` for the next newer page; null on the newest page. */
  newerCursor: string | null;
}

/** Journeys: creation, reading, details, reminder policy and history. Events and tasks have their own services. */
@Injectable()
export class JourneysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: PathwayTemplatesService,
    private readonly central: CentralOrganisation,
    private readonly bus: JourneyChangeBus,
    private readonly conditions: JourneyConditions,
  ) {}

  async create(p: Principal, dto: CreateJourneyDto): Promise<JourneyEntity> {
    if (!AccessPolicy.canCreateJourneyFor(p, dto.mutualOrganisationId)) {
      throw new ForbiddenError('Only the central team, or a mutual lead for their own organisation, can start a journey');
    }
    await this.assertOrganisationKinds(this.db.manager, {
      mutualOrganisationId: ['mutual', dto.mutualOrganisationId],
      parentBodyId: ['parent_body', dto.parentBodyId],
      commissionerId: ['commissioner', dto.commissionerId],
      departmentId: ['department', dto.departmentId],
      arbiterId: ['arbiter', dto.arbiterId],
    });
    assertPlannedTransferDate(dto.plannedTransferDate);
    // A mutual lead names a parent body of its own nation, as a request that body may reject.
    const central = AccessPolicy.isCentral(p);
    if (!central) {
      const orgs: Array<{ id: string; kind: string; nation: string }> = await this.db.query(
        `SELECT id, kind, nation FROM organisations WHERE id = ANY($1)`,
        [[dto.mutualOrganisationId, dto.parentBodyId]],
      );
      const mutual = orgs.find((o) => o.id === dto.mutualOrganisationId);
      const parent = orgs.find((o) => o.id === dto.parentBodyId);
      if (mutual && parent && !mayNameAsParentBody(mutual, parent)) {
        throw new BadRequestError([
          'parentBodyId must name a parent body in the mutual’s own nation (ask the central team for a cross-border journey)',
        ]);
      }
    }
    const template = await this.templates.current();
    const centralId = await this.central.id();
    const position = initialPosition();
    const fit = await journeyFitFor(this.db.manager, dto.mutualOrganisationId, dto.parentBodyId, dto.staffCount);
    const journey = await this.db.transaction(async (tx) => {
      const j = await tx.getRepository(JourneyEntity).save({
        name: dto.name,
        mutualOrganisationId: dto.mutualOrganisationId,
        parentBodyId: dto.parentBodyId,
        parentBodyConfirmed: central,
        commissionerId: dto.commissionerId ?? null,
        departmentId: dto.departmentId ?? null,
        arbiterId: dto.arbiterId ?? null,
        serviceArea: dto.serviceArea,
        region: dto.region,
        staffCount: dto.staffCount,
        plannedTransferDate: dto.plannedTransferDate,
        phase: position.phase,
        state: position.state,
        machineSnapshot: position.snapshot,
        version: 1,
        templateVersion: template.version,
        nation: fit.nation,
        parentBodyType: fit.bodyType,
        legalForm: null,
        reminderPolicy: { ...template.reminderPolicy },
        eventDates: {},
        proposalSummary: null,
        createdByUserId: p.id,
        updatedAt: new Date(),
        lastActivityAt: new Date(),
      });
      const taskIds = await insertTemplateTasks(tx, j, tasksCreatedWithJourney(template, fit), centralId);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'journey_created',
        toPhase: j.phase,
        toState: j.state,
        data: {
          name: j.name,
          templateVersion: template.version,
          plannedTransferDate: j.plannedTransferDate,
          tasks: taskIds.length,
          nation: fit.nation,
          parentBodyType: fit.bodyType,
        },
      });
      const change = { journey: j, actorUserId: p.id, kind: 'created' as const, taskIds };
      await this.bus.inTransaction(tx, change);
      return { j, change };
    });
    await this.bus.afterCommit(journey.change);
    return journey.j;
  }

  async get(p: Principal, id: string): Promise<{ journey: JourneyEntity; view: JourneyView }> {
    const journey = await loadVisibleJourney(this.db.manager, p, id);
    return { journey, view: await this.viewFor(p, journey) };
  }

  /** What this caller may do now: events allowed by state and role, minus those whose guard fails. */
  async viewFor(
    p: Principal,
    journey: JourneyEntity,
    preloadedTasks?: readonly GateableTask[],
    preloadedConditions?: ReadonlyMap<string, UnmetCondition[]>,
  ): Promise<JourneyView> {
    const pos = positionOf(journey);
    const candidates = candidateEvents(p, journey);
    const guarded = candidates.filter((t) => EVENT_DEFINITIONS[t].guarded);
    const tasks = guarded.length
      ? (preloadedTasks ?? (await this.db.getRepository(JourneyTaskEntity).findBy({ journeyId: journey.id })))
      : [];
    const allowedEvents: string[] = [];
    const blockedEvents: JourneyView['blockedEvents'] = [];
    const conditioned = candidates.filter((t) => this.conditions.guards(t));
    const template = conditioned.length && !preloadedConditions ? await this.templates.version(journey.templateVersion) : null;
    for (const type of candidates) {
      const blocking = EVENT_DEFINITIONS[type].guarded ? blockingTasks(pos, type, tasks as never) : [];
      // The same conditions the events endpoint applies, so allowedEvents never offers an event it would refuse.
      const unmetConditions = !conditioned.includes(type)
        ? []
        : preloadedConditions
          ? (preloadedConditions.get(type) ?? [])
          : template
            ? await this.conditions.unmet(this.db.manager, journey, type, template)
            : [];
      if (blocking.length || unmetConditions.length) blockedEvents.push({ type, blockingTasks: blocking.length, unmetConditions });
      else allowedEvents.push(type);
    }
    return { allowedEvents, blockedEvents, heldState: heldState(pos) };
  }

  /**
   * The views of many journeys (a list) in one statement whatever their number: the open
   * mandatory gated tasks of every journey with a guarded event open to the caller, read at once
   * (the only tasks `blockingTasks` can count), then each view as `viewFor`.
   */
  async viewsFor(p: Principal, journeys: readonly JourneyEntity[]): Promise<JourneyView[]> {
    const needTasks = journeys.filter((j) => candidateEvents(p, j).some((t) => EVENT_DEFINITIONS[t].guarded)).map((j) => j.id);
    const byJourney = new Map<string, GateableTask[]>(needTasks.map((id) => [id, []]));
    if (needTasks.length) {
      // Only the columns the guard reads: whole task rows (guidance and all) would cost more than the query.
      const open: Array<GateableTask & { journeyId: string }> = await this.db.query(
        `SELECT journey_id AS "journeyId", key, phase, mandatory, gate_state AS "gateState", status FROM journey_tasks
          WHERE journey_id = ANY($1) AND mandatory AND gate_state IS NOT NULL AND NOT (status = ANY($2))`,
        [needTasks, [...DONE_TASK_STATUSES]],
      );
      for (const t of open) byJourney.get(t.journeyId)?.push(t);
    }
    // Conditions beside the tasks (staff support), for every journey and event at once.
    const conditionsOf = new Map<string, Map<string, UnmetCondition[]>>(journeys.map((j) => [j.id, new Map()]));
    const byEvent = new Map<string, JourneyEntity[]>();
    for (const j of journeys)
      for (const type of candidateEvents(p, j).filter((t) => this.conditions.guards(t)))
        byEvent.set(type, [...(byEvent.get(type) ?? []), j]);
    const templates = new Map<number, PathwayTemplate>();
    for (const v of new Set([...byEvent.values()].flat().map((j) => j.templateVersion))) templates.set(v, await this.templates.version(v));
    for (const [type, js] of byEvent) {
      const unmet = await this.conditions.unmetMany(this.db.manager, js, type, (j) => templates.get(j.templateVersion)!);
      for (const [id, conditions] of unmet) conditionsOf.get(id)?.set(type, conditions);
    }
    return Promise.all(journeys.map((j) => this.viewFor(p, j, byJourney.get(j.id) ?? [], conditionsOf.get(j.id))));
  }

  /** One statement: the page of journeys and, beside each row, the total (a window count). */
  async list(p: Principal, q: JourneyQueryDto): Promise<{ items: JourneyEntity[]; total: number }> {
    const qb = this.db.getRepository(JourneyEntity).createQueryBuilder('j');
    if (AccessPolicy.isAdviser(p)) {
      qb.where(`j.id IN (SELECT a.journey_id FROM journey_advisers a WHERE a.organisation_id = :org)`, { org: p.organisationId });
    } else if (!AccessPolicy.isCentral(p)) {
      qb.where(
        `(j.mutual_organisation_id = :org OR j.parent_body_id = :org OR j.commissioner_id = :org OR j.department_id = :org OR j.arbiter_id = :org)`,
        { org: p.organisationId },
      );
    }
    if (q.phase) qb.andWhere('j.phase = :phase', { phase: q.phase });
    if (q.state) qb.andWhere('j.state = :state', { state: q.state });
    if (q.serviceArea) qb.andWhere('j.service_area = :serviceArea', { serviceArea: q.serviceArea });
    if (q.region) qb.andWhere('j.region = :region', { region: q.region });
    if (q.parentBodyId) qb.andWhere('j.parent_body_id = :parentBodyId', { parentBodyId: q.parentBodyId });
    if (q.departmentId) qb.andWhere('j.department_id = :departmentId', { departmentId: q.departmentId });
    const { entities, raw } = await qb
      .addSelect('count(*) OVER ()', 'total')
      .orderBy('j.planned_transfer_date', 'ASC')
      .addOrderBy('j.id', 'ASC')
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0)
      .getRawAndEntities<{ total: string }>();
    // Past the last page there is no row to carry the total: count then (rare).
    const total = raw.length ? Number(raw[0].total) : await qb.limit(undefined).offset(undefined).getCount();
    return { items: entities, total };
  }

  /**
   * Name, staff count, planned transfer date (recomputes due dates not set by hand), legal form
   * (mutual lead or central team); parties (central team only, with a reason, never while an
   * escalation is open at or routed to the level changing: domain/parties/party-changes.ts).
   */
  async update(p: Principal, id: string, dto: UpdateJourneyDto): Promise<JourneyEntity> {
    const result = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, id, { lock: true, expectedVersion: dto.expectedVersion });
      if (!AccessPolicy.actsAs(p, j, ['mutual_lead', 'cabinet_office_staff', 'cabinet_office_admin'])) {
        throw new ForbiddenError('Only the mutual’s lead or the central team can change a journey’s details');
      }
      const partyChanges = PARTY_FIELDS.filter((f) => dto[f] !== undefined && (dto[f] ?? null) !== j[f]);
      if (partyChanges.length) {
        if (!AccessPolicy.isCentral(p)) {
          throw new ForbiddenError(
            'Only the central team can change a journey’s parent body, commissioner, department or arbiter: ask the central team, saying why',
          );
        }
        if (!dto.reason) throw new BadRequestError(['reason is required to change a journey’s parties: say why']);
        if (partyChanges.includes('parentBodyId') && !dto.parentBodyId) throw new BadRequestError(['parentBodyId cannot be removed']);
      }
      if (j.state === 'withdrawn') throw new BadRequestError(['the journey has been withdrawn and cannot change']);
      if (dto.plannedTransferDate !== undefined && dto.plannedTransferDate !== j.plannedTransferDate)
        assertPlannedTransferDate(dto.plannedTransferDate);
      const template = await this.templates.version(j.templateVersion, tx);
      if (dto.legalForm !== undefined && !template.legalForms.some((f) => f.key === dto.legalForm)) {
        throw new BadRequestError([`legalForm must be one of: ${template.legalForms.map((f) => f.key).join(', ')}`]);
      }
      await this.assertOrganisationKinds(tx, {
        parentBodyId: ['parent_body', dto.parentBodyId],
        commissionerId: ['commissioner', dto.commissionerId],
        departmentId: ['department', dto.departmentId],
        arbiterId: ['arbiter', dto.arbiterId],
      });
      if (partyChanges.length) {
        const open = queryRows<OpenEscalationRef>(
          await tx.query(`SELECT id, trigger, level, confidential FROM escalations WHERE journey_id = $1 AND status = 'open'`, [j.id]),
        );
        const conflicts = partyChanges.flatMap((f) => partyChangeConflicts(f, open));
        if (conflicts.length) {
          throw new ConflictError(conflicts.map((c) => c.message).join('; '), {
            conflicts: conflicts.map(({ field, escalationId }) => ({ field, escalationId })),
          });
        }
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['name', 'staffCount', 'plannedTransferDate', 'legalForm'] as const) {
        const value = dto[key];
        if (value !== undefined && value !== j[key]) {
          changes[key] = { from: j[key], to: value };
          (j as unknown as Record<string, unknown>)[key] = value;
        }
      }
      const parties: Array<{ field: PartyField; from: string | null; to: string | null }> = partyChanges.map((field) => {
        const change = { field, from: j[field], to: dto[field] ?? null };
        (j as unknown as Record<string, unknown>)[field] = change.to;
        return change;
      });
      if (Object.keys(changes).length === 0 && parties.length === 0) return { j, change: null };
      await tx.getRepository(JourneyEntity).update(
        { id: j.id },
        {
          name: j.name,
          staffCount: j.staffCount,
          plannedTransferDate: j.plannedTransferDate,
          legalForm: j.legalForm,
          parentBodyId: j.parentBodyId,
          // A parent body the central team names is confirmed.
          ...(partyChanges.includes('parentBodyId') ? { parentBodyConfirmed: true } : {}),
          commissionerId: j.commissionerId,
          departmentId: j.departmentId,
          arbiterId: j.arbiterId,
        },
      );
      let taskIds: string[] = [];
      if (changes.plannedTransferDate) taskIds = await recomputeDueDates(tx, j, template);
      const movedParties = [...new Set(parties.flatMap((c) => PARTY_OWNER[c.field]))];
      if (movedParties.length) {
        taskIds = [...new Set([...taskIds, ...(await reassignPartyTasks(tx, j, await this.central.id(tx), movedParties))])];
      }
      j.version = await touchJourney(tx, j.id);
      if (Object.keys(changes).length) {
        await recordHistory(tx, {
          journeyId: j.id,
          actorUserId: p.id,
          type: 'journey_updated',
          data: { changes, tasksRescheduled: taskIds.length },
        });
      }
      // One history row per party changed: who (the actor), why, from and to.
      for (const c of parties) {
        await recordHistory(tx, {
          journeyId: j.id,
          actorUserId: p.id,
          type: 'party_changed',
          data: { field: c.field, from: c.from, to: c.to, reason: dto.reason },
        });
      }
      const change = { journey: j, actorUserId: p.id, kind: 'details_changed' as const, taskIds };
      await this.bus.inTransaction(tx, change);
      return { j, change };
    });
    if (result.change) await this.bus.afterCommit(result.change);
    return result.j;
  }

  async setReminderPolicy(p: Principal, id: string, dto: ReminderPolicyDto): Promise<JourneyEntity> {
    const result = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, id, { lock: true });
      if (!AccessPolicy.canSetReminderPolicy(p, j))
        throw new ForbiddenError('Only the mutual’s lead or the central team can change reminders');
      // The domain's bound (at most five years, positive), whatever path the policy came by.
      const problems = [
        ...dto.remindBefore.map((d, i) => [`remindBefore.${i}`, parseIsoDuration(d)] as const),
        ['escalateAfter', parseIsoDuration(dto.escalateAfter)] as const,
      ].flatMap(([field, parsed]) => (parsed.ok ? [] : [`${field} ${parsed.error}`]));
      if (problems.length > 0) throw new BadRequestError(problems);
      const policy = {
        remindBefore: [...new Set(dto.remindBefore)],
        escalateAfter: dto.escalateAfter,
        escalateAfterWorkingDays: dto.escalateAfterWorkingDays ?? j.reminderPolicy.escalateAfterWorkingDays ?? true,
      };
      // Nobody but the central team (with a reason) lengthens the time before overdue tasks escalate.
      const defaults = (await this.templates.version(j.templateVersion, tx)).reminderPolicy;
      const timing = (iso: string, workingDays: boolean | undefined) => ({
        escalateAfterMs: requireDuration(iso).duration.as('milliseconds'),
        workingDays: workingDays ?? true,
      });
      const decision = decideDuty(
        escalateAfterBreaches(
          timing(policy.escalateAfter, policy.escalateAfterWorkingDays),
          timing(defaults.escalateAfter, defaults.escalateAfterWorkingDays),
        ),
        { central: AccessPolicy.isCentral(p), overrideReason: dto.overrideReason },
      );
      if (decision.kind === 'refused') throw new DutyRuleError(decision.breaches, 'escalateAfter');
      if (decision.kind === 'needs_reason')
        throw new BadRequestError(['overrideReason is required: escalateAfter is longer than the pathway default']);
      const override = decision.kind === 'override' ? { reason: decision.reason, rules: decision.breaches.map((b) => b.code) } : null;
      await tx.getRepository(JourneyEntity).update({ id: j.id }, { reminderPolicy: policy });
      j.reminderPolicy = policy;
      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'reminder_policy_changed',
        data: { ...policy, ...(override ? { override } : {}) },
      });
      const ids: Array<{ id: string }> = await tx.query(`SELECT id FROM journey_tasks WHERE journey_id = $1`, [j.id]);
      const change = { journey: j, actorUserId: p.id, kind: 'policy_changed' as const, taskIds: ids.map((r) => r.id) };
      await this.bus.inTransaction(tx, change);
      return { j, change };
    });
    await this.bus.afterCommit(result.change);
    return result.j;
  }

  async history(p: Principal, id: string): Promise<JourneyHistoryEntity[]> {
    await loadVisibleJourney(this.db.manager, p, id);
    return this.db.getRepository(JourneyHistoryEntity).find({ where: { journeyId: id }, order: { id: 'ASC' } });
  }

  /**
   * One page of a journey's history, oldest first within the page. Without a cursor: the newest
   * `limit` entries; `before` (an entry's cursor): the page just older than it; `after`: the page
   * just newer. Cursors are the entries' ids (append-only, so pages never shift).
   */
  async historyPage(p: Principal, id: string, q: HistoryPageQuery = {}): Promise<HistoryPage> {
    await loadVisibleJourney(this.db.manager, p, id);
    if (q.before !== undefined && q.after !== undefined) throw new BadRequestError(['before and after cannot be used together']);
    const limit = q.limit ?? HISTORY_PAGE_DEFAULT;
    const qb = this.db.getRepository(JourneyHistoryEntity).createQueryBuilder('h').where('h.journey_id = :id', { id });
    if (q.after !== undefined) qb.andWhere('h.id > :after', { after: q.after }).orderBy('h.id', 'ASC');
    else {
      if (q.before !== undefined) qb.andWhere('h.id < :before', { before: q.before });
      qb.orderBy('h.id', 'DESC');
    }
    const [rows, [{ total }]] = await Promise.all([
      qb.limit(limit + 1).getMany(),
      this.db.query(`SELECT count(*)::int AS total FROM journey_history WHERE journey_id = $1`, [id]) as Promise<Array<{ total: number }>>,
    ]);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    if (q.after === undefined) page.reverse();
    const first = page[0]?.id ?? null;
    const last = page[page.length - 1]?.id ?? null;
    let olderCursor: string | null;
    let newerCursor: string | null;
    if (q.after !== undefined) {
      // Entries up to `after` exist by construction: the older page starts below this one.
      olderCursor = first ?? String(BigInt(q.after) + 1n);
      newerCursor = more ? last : null;
    } else {
      olderCursor = more ? first : null;
      newerCursor = q.before === undefined ? null : (last ?? String(BigInt(q.before) - 1n));
    }
    return { items: page, total, limit, olderCursor, newerCursor };
  }

  /** The latest history entry of one of these types (older than `before`, if given), for pages that show a decision. */
  async latestHistoryOf(journeyId: string, types: string[], before?: Date): Promise<JourneyHistoryEntity | null> {
    const qb = this.db
      .getRepository(JourneyHistoryEntity)
      .createQueryBuilder('h')
      .where('h.journey_id = :journeyId AND h.type IN (:...types)', { journeyId, types });
    if (before) qb.andWhere('h.at <= :before', { before });
    return qb.orderBy('h.id', 'DESC').limit(1).getOne();
  }

  /** 400 naming each organisation field that does not name an organisation of the right kind. */
  private async assertOrganisationKinds(
    em: EntityManager,
    fields: Record<string, [OrganisationKind, string | null | undefined]>,
  ): Promise<void> {
    const wanted = Object.entries(fields).filter(([, [, id]]) => !!id) as Array<[string, [OrganisationKind, string]]>;
    if (!wanted.length) return;
    const rows: Array<{ id: string; kind: string }> = await em.query(`SELECT id, kind FROM organisations WHERE id = ANY($1)`, [
      wanted.map(([, [, id]]) => id),
    ]);
    const kinds = new Map(rows.map((r) => [r.id, r.kind]));
    const problems = wanted
      .filter(([, [kind, id]]) => kinds.get(id) !== kind)
      .map(([field, [kind, id]]) =>
        kinds.has(id)
          ? `${field} must name an organisation of kind ${kind}, not ${kinds.get(id)}`
          : `${field} does not name an existing organisation`,
      );
    if (problems.length) throw new BadRequestError(problems);
  }
}

/** The fit a journey is planned for now: its mutual's nation and its parent body's type, and its staff. */
export async function journeyFitFor(
  em: EntityManager,
  mutualOrganisationId: string,
  parentBodyId: string,
  staffCount: number,
): Promise<JourneyFit> {
  const rows: Array<{ id: string; nation: Nation; body_type: BodyType | null }> = await em.query(
    `SELECT id, nation, body_type FROM organisations WHERE id = ANY($1)`,
    [[mutualOrganisationId, parentBodyId]],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { nation: byId.get(mutualOrganisationId)?.nation ?? 'england', bodyType: byId.get(parentBodyId)?.body_type ?? null, staffCount };
}

/** Due-date anchors of a journey: its planned transfer date, the dates its events fired, its nation's working days. */
export const dueAnchorsOf = (j: JourneyEntity) => ({
  plannedTransferDate: j.plannedTransferDate,
  eventDates: j.eventDates,
  nation: j.nation,
});

/** Creates a journey's tasks from template tasks; returns their ids. */
export async function insertTemplateTasks(
  tx: EntityManager,
  j: JourneyEntity,
  tasks: TemplateTask[],
  centralId: string,
  /** The journey's tasks as the caller already holds them (under the journey's lock): not read again. */
  known?: ReadonlyArray<{ key: string; status: string; dueDate: string | null }>,
): Promise<string[]> {
  return (await insertTemplateTaskRows(tx, j, tasks, centralId, known)).map((t) => t.id);
}

/** insertTemplateTasks, returning the rows written (one INSERT; one SELECT first unless `known` is given). */
export async function insertTemplateTaskRows(
  tx: EntityManager,
  j: JourneyEntity,
  tasks: TemplateTask[],
  centralId: string,
  known?: ReadonlyArray<{ key: string; status: string; dueDate: string | null }>,
): Promise<JourneyTaskEntity[]> {
  if (!tasks.length) return [];
  const existing: ReadonlyArray<{ key: string; status: string; dueDate: string | null }> =
    known ??
    (await tx.query(`SELECT key, status, to_char(due_date, 'YYYY-MM-DD') AS "dueDate" FROM journey_tasks WHERE journey_id = $1`, [j.id]));
  const statuses = [...existing, ...tasks.map((t) => ({ key: t.key, status: 'not_started' }))] as never[];
  const today = todayInLondon(new Date());
  // Deadlines already past are caught up, spread by dependency order (not all on one day).
  const dueDates = catchUpDueDates(
    tasks.map((t) => ({
      key: t.key,
      dependsOn: t.dependsOn,
      statutory: t.statutory ?? false,
      dueDate: t.due ? computeDueDate(t.due, dueAnchorsOf(j)) : null,
    })),
    today,
    existing,
    j.nation,
  );
  const rows = tasks.map((t, i) => ({
    journeyId: j.id,
    key: t.key,
    title: t.title,
    phase: t.phase,
    gateState: t.gateState,
    workstream: t.workstream,
    ownerParty: t.ownerParty,
    ownerOrganisationId: ownerOrganisationFor(t.ownerParty, j as JourneyParties, centralId),
    status: initialTaskStatus(t, statuses),
    mandatory: t.mandatory,
    statutory: t.statutory ?? false,
    dueDate: dueDates[i],
    dueAt: null,
    dueSetByHand: false,
    dependsOn: t.dependsOn,
    guidance: t.guidance,
    source: sourceOf(t).citation,
    sourceUrl: sourceOf(t).url,
    assigneeUserId: null,
    custom: false,
    createdByUserId: null,
    notApplicableReason: null,
    completedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  }));
  return tx.getRepository(JourneyTaskEntity).save(rows as JourneyTaskEntity[], { chunk: 100 });
}

/** What a due-date recompute needs of a task. */
export interface DueTask {
  id: string;
  key: string;
  dueDate: string | null;
  dueSetByHand: boolean;
  statutory: boolean;
  createdAt: Date;
  dependsOn: readonly string[];
}

/** The template's due rules of the journey's nation, only those anchored on `anchor` when given. */
export function dueRulesOf(template: PathwayTemplate, j: JourneyEntity, anchor?: string): Map<string, NonNullable<TemplateTask['due']>> {
  const rules = new Map<string, NonNullable<TemplateTask['due']>>();
  for (const t of template.tasks.map((task) => taskInNation(task, j.nation))) {
    if (t.due && (!anchor || t.due.anchor === anchor)) rules.set(t.key, t.due);
  }
  return rules;
}

/**
 * The tasks (not set by hand) whose deadline the rules now put elsewhere, with the new deadline.
 * Deadlines already past are caught up and spread by dependency order (catchUpDueDates, the rule
 * task creation uses), each task floored on its own creation date; the other tasks given (set by
 * hand, custom, without a rule here) keep their deadlines and count as dependencies. Pure: the
 * event path works it out on the tasks it already read, the recompute on one read.
 */
export function dueDateChanges(
  tasks: readonly DueTask[],
  j: JourneyEntity,
  rules: ReadonlyMap<string, NonNullable<TemplateTask['due']>>,
): Array<{ id: string; dueDate: string | null }> {
  const recomputed: Array<DueTask & { rule: NonNullable<TemplateTask['due']> }> = [];
  const kept: DueTask[] = [];
  for (const task of tasks) {
    const rule = task.dueSetByHand ? undefined : rules.get(task.key);
    if (rule) recomputed.push({ ...task, rule });
    else kept.push(task);
  }
  if (!recomputed.length) return [];
  const anchors = dueAnchorsOf(j);
  const dues = catchUpDueDates(
    recomputed.map((r) => ({
      key: r.key,
      dependsOn: r.dependsOn,
      statutory: r.statutory,
      dueDate: computeDueDate(r.rule, anchors),
      createdOn: todayInLondon(r.createdAt),
    })),
    todayInLondon(new Date()),
    kept,
    j.nation,
  );
  return recomputed.flatMap((r, i) => (dues[i] === r.dueDate ? [] : [{ id: r.id, dueDate: dues[i] }]));
}

/**
 * Recomputes due dates from the template for every task whose deadline was not set by hand (only
 * those anchored on `anchor`, when given); returns the changed task ids. Deadlines already past
 * are caught up and spread by dependency order, as when tasks are created late (dueDateChanges,
 * catchUpDueDates): a late journey whose transfer date moves must not put every past-due task on
 * one day. One read of the journey's tasks, one set-based write.
 */
export async function recomputeDueDates(
  tx: EntityManager,
  j: JourneyEntity,
  template: PathwayTemplate,
  anchor?: string,
): Promise<string[]> {
  const rules = dueRulesOf(template, j, anchor);
  if (!rules.size) return [];
  // Every task of the journey: those the rules recompute, and the rest (hand-set, custom, anchored
  // elsewhere), which keep their deadlines and count as dependencies.
  const tasks: DueTask[] = await tx.query(
    `SELECT id, key, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", due_set_by_hand AS "dueSetByHand", statutory, created_at AS "createdAt",
            depends_on AS "dependsOn"
       FROM journey_tasks WHERE journey_id = $1`,
    [j.id],
  );
  const changes = dueDateChanges(tasks, j, rules);
  if (changes.length) {
    await tx.query(
      `UPDATE journey_tasks t SET due_date = c.due_date, updated_at = now() FROM unnest($1::uuid[], $2::date[]) AS c(id, due_date) WHERE t.id = c.id`,
      [changes.map((c) => c.id), changes.map((c) => c.dueDate)],
    );
  }
  return changes.map((c) => c.id);
}

/** Which tasks follow which party field: the owner party of the tasks it names. */
const PARTY_OWNER: Record<PartyField, OwnerParty[]> = {
  // Commissioning tasks sit with the parent body when there is no commissioner.
  parentBodyId: ['parent_body', 'commissioner'],
  commissionerId: ['commissioner'],
  departmentId: ['department'],
  arbiterId: [],
};

/**
 * After a party changes, moves that party's tasks to the new owner (or the central team, when
 * removed); an assignee who is not of the new owner is cleared.
 */
export async function reassignPartyTasks(tx: EntityManager, j: JourneyEntity, centralId: string, parties: OwnerParty[]): Promise<string[]> {
  const changed: string[] = [];
  for (const party of parties) {
    const rows = queryRows<{ id: string }>(
      await tx.query(
        `UPDATE journey_tasks SET owner_organisation_id = $3, updated_at = now(),
                assignee_user_id = CASE WHEN assignee_user_id IN (SELECT id FROM users WHERE organisation_id = $3) THEN assignee_user_id END
          WHERE journey_id = $1 AND owner_party = $2 AND owner_organisation_id IS DISTINCT FROM $3 RETURNING id`,
        [j.id, party, ownerOrganisationFor(party, j as JourneyParties, centralId)],
      ),
    );
    changed.push(...rows.map((r) => r.id));
  }
  return changed;
}

/** The domain's window for a planned transfer (today up to ten years ahead), as a 400 naming the field. */
function assertPlannedTransferDate(date: string): void {
  const problem = plannedTransferDateProblem(date, todayInLondon(new Date()));
  if (problem) throw new BadRequestError([`plannedTransferDate ${problem}`]);
}
