import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { earliestHandSetDueDate } from '@pathway/domain/calendar/due-date';
import { LONDON } from '@pathway/domain/calendar/london';
import { evidenceTaskTickProblem } from '@pathway/domain/staff-voice/evidence-task';
import { handSetDeadlineProblem } from '@pathway/domain/tasks/hand-set-deadline';
import { canComplete, initialTaskStatus, recomputeAvailability } from '@pathway/domain/tasks/availability';
import { randomUUID } from 'node:crypto';
import { taskDeadline } from '@pathway/database/journey-sql';
import { DONE_TASK_STATUSES, type TaskStatus } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import {
  BadRequestError,
  ConflictError,
  DutyRuleError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
} from '@pathway/platform/errors/domain-errors';
import { computeDueDate } from '@pathway/domain/calendar/due-date';
import { decideDuty, dutyBreaches, statutoryLatestDate } from '@pathway/domain/tasks/duty-rules';
import { taskInNation } from '@pathway/domain/template/pathway-fit';
import type { TemplateTask } from '@pathway/domain/template/types';
import type { JourneyEntity } from './entities/journey.entity';
import { dueAnchorsOf } from './journeys.service';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task.dto';
import { CentralOrganisation } from './central-organisation';
import { ownerOrganisationFor } from './task-owner';
import { JourneyTaskEntity } from './entities/journey-task.entity';
import { recordHistory, touchJourney } from './history';
import { JourneyChangeBus } from './journey-change.bus';
import { loadVisibleJourney } from './journey-access';
import { PathwayTemplatesService } from './pathway-templates.service';

const WORKSTREAM_ORDER = [
  'business_case',
  'staff_engagement',
  'legal_form',
  'tupe',
  'pensions',
  'vat',
  'assets',
  'commissioning',
  'governance',
  'finance',
  'evidence',
];
const PHASE_ORDER = ['pre_spin_out', 'spinning_out', 'sustainability'];

/** A journey's checklist: reading, and updates by the owner party with dependencies enforced. */
/** An open task with a deadline, as `nextDeadlinesOf` reads it. */
export interface DatedTask {
  id: string;
  journeyId: string;
  title: string;
  status: TaskStatus;
  dueDate: string | null;
  dueAt: Date | null;
}

@Injectable()
export class JourneyTasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: JourneyChangeBus,
    private readonly templates: PathwayTemplatesService,
    private readonly central: CentralOrganisation,
  ) {}

  /**
   * A task of the journey's own (custom: true): the mutual lead adds tasks for the mutual, the
   * central team for any party. It sits in the journey's current phase, never gates an event,
   * and gets reminders like any other task.
   */
  async create(p: Principal, journeyId: string, dto: CreateTaskDto): Promise<JourneyTaskEntity> {
    const result = await this.db.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      const allowed = AccessPolicy.isCentral(p) || (dto.ownerParty === 'mutual' && AccessPolicy.actsAs(p, journey, ['mutual_lead']));
      if (!allowed) throw new ForbiddenError('Only the mutual’s lead (for the mutual’s own tasks) or the central team can add tasks');
      if (journey.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: no tasks can be added');
      const past = handSetDeadlineProblem({ dueDate: dto.dueDate }, null, new Date());
      if (past) throw new BadRequestError([past.message]);
      const repo = tx.getRepository(JourneyTaskEntity);
      const all = await repo.findBy({ journeyId });
      const deps = [...new Set(dto.dependsOn ?? [])];
      const unknown = deps.filter((k) => !all.some((t) => t.key === k));
      if (unknown.length) throw new BadRequestError([`dependsOn names no task of this journey: ${unknown.join(', ')}`]);
      const ownerOrganisationId = ownerOrganisationFor(dto.ownerParty, journey, await this.central.id());
      if (dto.assigneeUserId) {
        const [u] = await tx.query(`SELECT organisation_id FROM users WHERE id = $1 AND deactivated_at IS NULL`, [dto.assigneeUserId]);
        if (!u || u.organisation_id !== ownerOrganisationId)
          throw new BadRequestError(['assigneeUserId must name a user of the organisation that owns the task']);
      }
      const key = `custom_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const task = await repo.save({
        journeyId,
        key,
        title: dto.title,
        phase: journey.phase,
        gateState: null,
        workstream: dto.workstream ?? 'governance',
        ownerParty: dto.ownerParty,
        ownerOrganisationId,
        status: initialTaskStatus({ key, dependsOn: deps }, all),
        mandatory: dto.mandatory ?? false,
        statutory: false,
        dueDate: dto.dueDate ?? null,
        dueAt: null,
        dueSetByHand: !!dto.dueDate,
        dependsOn: deps,
        guidance: dto.guidance?.trim() ?? '',
        source: 'Added by people on this journey',
        assigneeUserId: dto.assigneeUserId ?? null,
        notApplicableReason: null,
        completedAt: null,
        custom: true,
        createdByUserId: p.id,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      journey.version = await touchJourney(tx, journeyId);
      await recordHistory(tx, {
        journeyId,
        actorUserId: p.id,
        type: 'task_created',
        data: {
          taskId: task.id,
          taskKey: key,
          title: task.title,
          ownerParty: task.ownerParty,
          dueDate: task.dueDate,
          dependsOn: deps,
          mandatory: task.mandatory,
        },
      });
      const change = { journey, actorUserId: p.id, kind: 'tasks_changed' as const, taskIds: [task.id] };
      await this.bus.inTransaction(tx, change);
      return { task, change };
    });
    await this.bus.afterCommit(result.change);
    return result.task;
  }

  async list(p: Principal, journeyId: string): Promise<JourneyTaskEntity[]> {
    await loadVisibleJourney(this.db.manager, p, journeyId);
    const tasks = await this.db.getRepository(JourneyTaskEntity).findBy({ journeyId });
    return tasks.sort(
      (a, b) =>
        PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) ||
        WORKSTREAM_ORDER.indexOf(a.workstream) - WORKSTREAM_ORDER.indexOf(b.workstream) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.key.localeCompare(b.key),
    );
  }

  /**
   * Each journey's open task with the soonest deadline (none for a journey without one), in one
   * statement whatever the number of journeys: the start page's "next deadline" column. Ordered
   * by the deadline instant as `deadlineInstant` defines it (dueAt, else the start of the London
   * day after dueDate), as the pipeline and calendar feed order in SQL. The journeys must come
   * from a read that checked the caller may see them, such as `JourneysService.list`.
   */
  async nextDeadlinesOf(visibleJourneyIds: readonly string[]): Promise<DatedTask[]> {
    if (visibleJourneyIds.length === 0) return [];
    return this.db.query(
      `SELECT DISTINCT ON (journey_id) t.id, t.journey_id AS "journeyId", t.title, t.status, t.due_date AS "dueDate", t.due_at AS "dueAt"
         FROM journey_tasks t
        WHERE t.journey_id = ANY($1) AND NOT (t.status = ANY($2)) AND (t.due_date IS NOT NULL OR t.due_at IS NOT NULL)
        ORDER BY t.journey_id, ${taskDeadline('t')}, t.id`,
      [visibleJourneyIds, [...DONE_TASK_STATUSES]],
    );
  }

  async get(p: Principal, journeyId: string, taskId: string): Promise<JourneyTaskEntity> {
    await loadVisibleJourney(this.db.manager, p, journeyId);
    const task = await this.db.getRepository(JourneyTaskEntity).findOneBy({ id: taskId, journeyId });
    if (!task) throw new NotFoundError('Task');
    return task;
  }

  async update(p: Principal, journeyId: string, taskId: string, dto: UpdateTaskDto): Promise<JourneyTaskEntity> {
    const result = await this.db.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true, expectedVersion: dto.expectedVersion });
      const repo = tx.getRepository(JourneyTaskEntity);
      const all = await repo.findBy({ journeyId });
      const task = all.find((t) => t.id === taskId);
      if (!task) throw new NotFoundError('Task');
      if (!AccessPolicy.canUpdateTask(p, journey, task)) {
        throw new ForbiddenError(`Only the ${task.ownerParty.replace(/_/g, ' ')} that owns this task can change it`);
      }
      if (journey.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: its tasks can no longer change');
      if (dto.notApplicableReason !== undefined && dto.status !== 'not_applicable') {
        throw new BadRequestError(['notApplicableReason only goes with status not_applicable']);
      }

      // No party weakens a duty it owes (domain/tasks/duty-rules.ts); the central team overrides with a reason.
      const templateTask = (await this.templates.version(journey.templateVersion)).tasks.find((t) => t.key === task.key && !task.custom);
      const ruleOf = templateTask ? taskInNation(templateTask, journey.nation) : null;
      const override = this.dutyDecision(p, journey, task, ruleOf, dto);

      const before = {
        status: task.status,
        dueDate: task.dueDate,
        dueAt: task.dueAt ? new Date(task.dueAt).toISOString() : null,
        assigneeUserId: task.assigneeUserId,
      };
      if (dto.status !== undefined && dto.status !== task.status) {
        // Evidence-gated tasks (the staff ballot) are completed by their evidence, never by a tick.
        const evidence = (await this.templates.version(journey.templateVersion, tx)).tasks.find((t) => t.key === task.key)?.evidence;
        const tick = evidenceTaskTickProblem(evidence, dto.status);
        if (tick) throw new RuleViolationError(tick, 'evidence_required', 'status');
        if (['in_progress', 'completed'].includes(dto.status) && !canComplete(task, all)) {
          const open = task.dependsOn.filter((k) => !DONE_TASK_STATUSES.includes(all.find((t) => t.key === k)?.status ?? 'not_started'));
          throw new ConflictError(`This task cannot start until these are completed: ${open.join(', ')}`);
        }
        if (dto.status === 'not_started' && !canComplete(task, all)) {
          // Reopening a task whose dependencies are open puts it back to "cannot start yet".
          task.status = 'cannot_start_yet';
        } else {
          task.status = dto.status;
        }
        task.completedAt = task.status === 'completed' ? new Date() : null;
        task.notApplicableReason = task.status === 'not_applicable' ? (dto.notApplicableReason ?? null) : null;
      }
      if (dto.dueDate !== undefined || (dto.dueAt !== undefined && dto.dueAt !== null)) {
        const rule = ruleOf?.due ?? null;
        const earliest = earliestHandSetDueDate(rule, journey);
        if (earliest && dto.dueDate !== undefined && dto.dueDate < earliest) {
          throw new BadRequestError([`dueDate must not be before ${earliest}, the day of the request this task answers`]);
        }
        if (earliest && dto.dueAt && DateTime.fromISO(dto.dueAt).setZone(LONDON).toISODate()! < earliest) {
          throw new BadRequestError([`dueAt must not be before ${earliest}, the day of the request this task answers`]);
        }
        // The same rule as on a new task; a deadline left as stored passes, so an overdue task stays editable.
        const past = handSetDeadlineProblem({ dueDate: dto.dueDate, dueAt: dto.dueAt }, task, new Date());
        if (past) throw new BadRequestError([past.message]);
      }
      if (dto.dueDate !== undefined) {
        task.dueDate = dto.dueDate;
        task.dueSetByHand = true;
      }
      if (dto.dueAt !== undefined) {
        task.dueAt = dto.dueAt === null ? null : new Date(dto.dueAt);
        task.dueSetByHand = true;
      }
      if (dto.assigneeUserId !== undefined) {
        if (dto.assigneeUserId !== null) {
          const [u] = await tx.query(`SELECT organisation_id FROM users WHERE id = $1 AND deactivated_at IS NULL`, [dto.assigneeUserId]);
          if (!u || u.organisation_id !== task.ownerOrganisationId) {
            throw new BadRequestError(['assigneeUserId must name a user of the organisation that owns the task']);
          }
        }
        task.assigneeUserId = dto.assigneeUserId;
      }
      const after = {
        status: task.status,
        dueDate: task.dueDate,
        dueAt: task.dueAt ? new Date(task.dueAt).toISOString() : null,
        assigneeUserId: task.assigneeUserId,
      };
      const changed = Object.fromEntries(
        Object.entries(after)
          .filter(([k, v]) => before[k as keyof typeof before] !== v)
          .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      if (Object.keys(changed).length === 0) return { task, change: null };

      task.updatedAt = new Date();
      await repo.save(task);
      // Dependents become startable (or not) as this task completes or reopens.
      const availability = recomputeAvailability(all.map((t) => (t.id === task.id ? task : t)));
      const dependents: string[] = [];
      for (const { key, status } of availability) {
        const other = all.find((t) => t.key === key);
        if (other && other.id !== task.id && other.status !== status) {
          await tx.query(`UPDATE journey_tasks SET status = $2, updated_at = now() WHERE id = $1`, [other.id, status]);
          dependents.push(other.id);
        }
      }
      journey.version = await touchJourney(tx, journeyId);
      await recordHistory(tx, {
        journeyId,
        actorUserId: p.id,
        type: 'task_updated',
        data: {
          taskId: task.id,
          taskKey: task.key,
          title: task.title,
          changes: changed,
          ...(task.notApplicableReason ? { notApplicableReason: task.notApplicableReason } : {}),
          ...(override ? { override } : {}),
          ...(dependents.length ? { dependentsUpdated: dependents.length } : {}),
        },
      });
      const change = { journey, actorUserId: p.id, kind: 'tasks_changed' as const, taskIds: [task.id, ...dependents] };
      await this.bus.inTransaction(tx, change);
      return { task, change };
    });
    if (result.change) await this.bus.afterCommit(result.change);
    return result.task;
  }

  /**
   * The duty rules for this change: refused (422 naming each rule) for any party but the central
   * team; for the central team, 400 without `overrideReason`, else the override to record.
   */
  private dutyDecision(
    p: Principal,
    journey: JourneyEntity,
    task: JourneyTaskEntity,
    rule: TemplateTask | null,
    dto: UpdateTaskDto,
  ): { reason: string; rules: string[] } | null {
    const ruleDue = rule?.due ? computeDueDate(rule.due, dueAnchorsOf(journey)) : null;
    const breaches = dutyBreaches(
      { ...task, evidence: rule?.evidence ?? null },
      { status: dto.status, dueDate: dto.dueDate, dueAt: dto.dueAt },
      { statutoryLatest: statutoryLatestDate(task, ruleDue, journey.plannedTransferDate) },
    );
    const decision = decideDuty(breaches, { central: AccessPolicy.isCentral(p), overrideReason: dto.overrideReason });
    const field = breaches.some((b) => b.code.endsWith('not_applicable')) ? 'status' : 'dueDate';
    switch (decision.kind) {
      case 'allowed':
        return null;
      case 'refused':
        throw new DutyRuleError(
          decision.breaches.map(({ code, message }) => ({ code, message })),
          field,
        );
      case 'needs_reason':
        throw new BadRequestError([
          `overrideReason is required: this change overrides a duty rule (${decision.breaches.map((b) => b.code).join(', ')})`,
        ]);
      case 'override':
        return { reason: decision.reason, rules: decision.breaches.map((b) => b.code) };
    }
  }
}

export type { TaskStatus };
