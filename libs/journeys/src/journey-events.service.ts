import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { declineGroundsOpenTo } from '@pathway/domain/decline-grounds';
import { DECISION_EVENTS, validateEventPayload } from '@pathway/domain/event-payload';
import { EVENT_DEFINITIONS, type JourneyEventType } from '@pathway/domain/events';
import { blockingTasks, type GateableTask } from '@pathway/domain/machines/blocking-tasks';
import { applyJourneyEvent, structurallyAvailableEvents } from '@pathway/domain/machines/journey-position';
import { recomputeAvailability } from '@pathway/domain/tasks/availability';
import { tasksCreatedOn } from '@pathway/domain/template/tasks-to-create';
import { DONE_TASK_STATUSES, type JourneyState } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { BadRequestError, ConflictError, ForbiddenError, GuardFailedError } from '@pathway/platform/errors/domain-errors';
import type { UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { CentralOrganisation } from './central-organisation';
import { DecisionFiles } from './decision-files';
import type { JourneyEventDto } from './dto/journey.dto';
import { JourneyEntity } from './entities/journey.entity';
import type { HistoryEntry } from './history';
import { JourneyChange, JourneyChangeBus } from './journey-change.bus';
import { JourneyConditions } from './journey-conditions';
import { loadVisibleJourney } from './journey-access';
import { EventTask, JourneyEventsRepository, TaskWrite } from './journey-events.repository';
import { candidateEvents, dueDateChanges, dueRulesOf, insertTemplateTaskRows, positionOf } from './journeys.service';
import { PathwayTemplatesService } from './pathway-templates.service';

/** Plain-English state names for messages. */
const human = (s: string) => s.replace(/_/g, ' ');

/**
 * Moves journeys through their phase machines. One transaction per event: the journey row is
 * locked, the event checked (party 403, state 409, checklist guard 422), the new position, any
 * tasks the event creates and the history row written together, and listeners (escalations,
 * reminders, notices) join the same transaction.
 */
@Injectable()
export class JourneyEventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: PathwayTemplatesService,
    private readonly central: CentralOrganisation,
    private readonly bus: JourneyChangeBus,
    private readonly conditions: JourneyConditions,
    private readonly files: DecisionFiles,
    private readonly repo: JourneyEventsRepository,
  ) {}

  async fire(p: Principal, id: string, dto: JourneyEventDto, file?: UploadedFileInput): Promise<JourneyEntity> {
    return (await this.fireForView(p, id, dto, file)).journey;
  }

  /**
   * `fire`, also giving the journey's tasks after the event when the caller's view (allowedEvents)
   * needs them and the event already holds them (so the answer reads nothing more); else undefined.
   */
  async fireForView(
    p: Principal,
    id: string,
    dto: JourneyEventDto,
    file?: UploadedFileInput,
  ): Promise<{ journey: JourneyEntity; gateTasks?: GateableTask[] }> {
    const type = dto.type as JourneyEventType;
    const payload = dto.payload ?? {};
    // One DTO per event type (the domain's catalogue): unknown keys, missing or over-long text are 400 before anything is read.
    const problems = validateEventPayload(type, payload);
    if (problems.length) throw new BadRequestError(problems);
    if (file) {
      if (!(DECISION_EVENTS as readonly string[]).includes(type))
        throw new BadRequestError([`file can be attached only to a decision: ${DECISION_EVENTS.join(', ')}`]);
      // An outsider learns nothing from the file checks: 404 first.
      await loadVisibleJourney(this.db.manager, p, id);
    }

    // A decision's file is stored first and recorded with the event; a refused event removes it again.
    const { journey, change, gateTasks } = await this.files.deciding(file, (staged) =>
      this.db.transaction(async (tx) => {
        const j = await loadVisibleJourney(tx, p, id, { lock: true, expectedVersion: dto.expectedVersion });
        const def = EVENT_DEFINITIONS[type];
        if (def.internal || !AccessPolicy.actsAs(p, j, def.roles)) {
          throw new ForbiddenError(`${def.label} is for ${def.roles.map(human).join(' or ') || 'the system'} of this journey`);
        }
        if (type === 'decline_expression_of_interest' && payload.ground !== undefined) {
          const open = declineGroundsOpenTo({ nation: j.nation, bodyType: j.parentBodyType });
          if (!open.includes(payload.ground as never)) {
            throw new BadRequestError([
              `payload.ground ${String(payload.ground)} is not open to this parent body; choose one of: ${open.join(', ')}`,
            ]);
          }
        }
        const result = await this.apply(tx, j, type, staged ? { ...payload, attachment: staged.ref } : payload, p.id, p);
        if (staged) await this.files.record(tx, staged, { journeyId: j.id, decision: type, userId: p.id });
        return result;
      }),
    );
    await this.bus.afterCommit(change);
    return { journey, gateTasks };
  }

  /**
   * Fires an event on behalf of the system (resolving an appeal), inside the caller's transaction.
   * The caller has already decided who may do this.
   */
  async fireInternal(
    tx: EntityManager,
    journeyId: string,
    type: JourneyEventType,
    actorUserId: string | null,
    data: Record<string, unknown>,
  ): Promise<{ journey: JourneyEntity; change: JourneyChange }> {
    // The system's own events keep to their DTOs too: nothing unchecked enters the append-only history.
    const problems = validateEventPayload(type, data);
    if (problems.length) throw new BadRequestError(problems);
    const j = await tx.getRepository(JourneyEntity).findOne({ where: { id: journeyId }, lock: { mode: 'pessimistic_write' } });
    if (!j) throw new ConflictError('The journey no longer exists');
    const { journey, change } = await this.apply(tx, j, type, data, actorUserId);
    return { journey, change };
  }

  private async apply(
    tx: EntityManager,
    j: JourneyEntity,
    type: JourneyEventType,
    payload: Record<string, unknown>,
    actorUserId: string | null,
    viewer?: Principal,
  ): Promise<{ journey: JourneyEntity; change: JourneyChange; gateTasks?: GateableTask[] }> {
    const from = positionOf(j);
    if (!structurallyAvailableEvents(from).includes(type)) {
      throw new ConflictError(`${EVENT_DEFINITIONS[type].label} is not possible while the journey is ${human(j.state)}`);
    }
    const template = await this.templates.version(j.templateVersion, tx);
    if (
      type === 'register_legal_entity' &&
      payload.legalForm !== undefined &&
      !template.legalForms.some((f) => f.key === payload.legalForm)
    ) {
      throw new BadRequestError([`payload.legalForm must be one of: ${template.legalForms.map((f) => f.key).join(', ')}`]);
    }
    const result = applyJourneyEvent(from, { type, payload, openMandatoryTasks: 0 });
    if (!result.ok) throw new ConflictError(`${EVENT_DEFINITIONS[type].label} is not possible while the journey is ${human(j.state)}`);
    const to = result.position;
    const toCreate = tasksCreatedOn(template, type, { nation: j.nation, bodyType: j.parentBodyType, staffCount: j.staffCount });
    const completes = new Set(template.tasks.filter((t) => t.completedOn?.includes(type)).map((t) => t.key));
    const dueRules = dueRulesOf(template, j, type);
    // The caller's view after the event (allowedEvents) needs the checklist only for a guarded event it opens.
    const viewNeedsTasks =
      !!viewer &&
      candidateEvents(
        viewer,
        Object.assign(new JourneyEntity(), j, { phase: to.phase, state: to.state, machineSnapshot: to.snapshot }),
      ).some((t) => EVENT_DEFINITIONS[t].guarded);
    // Most events need no checklist: read it once, under the journey's lock, only when something below uses it.
    const needTasks = EVENT_DEFINITIONS[type].guarded || toCreate.length > 0 || completes.size > 0 || dueRules.size > 0 || viewNeedsTasks;
    const tasks = needTasks ? await this.repo.tasks(tx, j.id) : [];
    const blocking = blockingTasks(from, type, tasks);
    // Conditions beside the checklist (staff support): read under the journey's row lock, like the tasks.
    const unmet = await this.conditions.unmet(tx, j, type, template);
    if (blocking.length || unmet.length) {
      const label = EVENT_DEFINITIONS[type].label;
      const message = [
        blocking.length ? `${label} needs ${blocking.length} mandatory task(s) completed or marked not applicable first` : null,
        ...unmet.map((c) => c.message),
      ]
        .filter(Boolean)
        .join('. ');
      throw new GuardFailedError(
        message,
        blocking.map((t) => ({
          id: t.id,
          key: t.key,
          title: t.title,
          workstream: t.workstream,
          ownerParty: t.ownerParty,
          ownerOrganisationId: t.ownerOrganisationId,
          status: t.status,
        })),
        unmet,
      );
    }

    const today = todayInLondon(new Date());
    j.eventDates = { ...j.eventDates, [type]: j.eventDates[type] ?? today };
    j.phase = to.phase;
    j.state = to.state;
    j.machineSnapshot = to.snapshot;
    if (type === 'submit_expression_of_interest') j.proposalSummary = String(payload.proposalSummary).trim();
    if (type === 'register_legal_entity' && typeof payload.legalForm === 'string') j.legalForm = payload.legalForm;

    // Tasks the event creates are inserted first (one statement), so that every change below sees them.
    const existingKeys = new Set(tasks.map((t) => t.key));
    const fresh = toCreate.filter((t) => !existingKeys.has(t.key));
    const inserted = fresh.length ? await insertTemplateTaskRows(tx, j, fresh, await this.central.id(tx), tasks) : [];
    const all: EventTask[] = [
      ...tasks,
      ...inserted.map((t) => ({
        id: t.id,
        key: t.key,
        title: t.title,
        phase: t.phase,
        gateState: t.gateState as JourneyState | null,
        workstream: t.workstream,
        ownerParty: t.ownerParty,
        ownerOrganisationId: t.ownerOrganisationId,
        status: t.status,
        mandatory: t.mandatory,
        statutory: t.statutory,
        dueDate: t.dueDate,
        dueSetByHand: t.dueSetByHand,
        dependsOn: t.dependsOn,
        createdAt: t.createdAt,
      })),
    ];
    const writes = new Map<string, TaskWrite>();
    const write = (id: string, w: Omit<TaskWrite, 'id'>) => writes.set(id, { ...writes.get(id), ...w, id });
    // Deadlines anchored on this event (its date is now known).
    const rescheduled = dueDateChanges(all, j, dueRules);
    for (const c of rescheduled) write(c.id, { dueDate: c.dueDate });
    // Tasks the template marks as done by this event (preparing the expression of interest is done
    // once it is submitted), each with a history row after the event's own (cause, then
    // consequence); done by Pathway, not by the person whose event caused it.
    const done = all.filter((t) => completes.has(t.key) && !DONE_TASK_STATUSES.includes(t.status));
    const history: HistoryEntry[] = [
      {
        journeyId: j.id,
        actorUserId,
        type,
        fromPhase: from.phase,
        fromState: from.state,
        toPhase: to.phase,
        toState: to.state,
        data: { ...payload, ...(inserted.length ? { tasksCreated: inserted.length } : {}) },
      },
      ...done.map((task) => ({
        journeyId: j.id,
        actorUserId: null,
        type: 'task_updated',
        data: {
          taskId: task.id,
          taskKey: task.key,
          title: task.title,
          changes: { status: { from: task.status, to: 'completed' } },
          automatic: true,
          cause: type,
          causedByUserId: actorUserId,
        },
      })),
    ];
    const dependents: string[] = [];
    if (done.length) {
      for (const t of done) {
        t.status = 'completed';
        write(t.id, { status: 'completed' });
      }
      // Dependents of the completed tasks become startable.
      const next = recomputeAvailability(all);
      all.forEach((t, i) => {
        if (t.status !== next[i].status) {
          t.status = next[i].status;
          write(t.id, { status: t.status });
          dependents.push(t.id);
        }
      });
    }
    j.version = await this.repo.write(tx, j, [...writes.values()], history);
    j.updatedAt = new Date();
    j.lastActivityAt = j.updatedAt;

    const change: JourneyChange = {
      journey: j,
      actorUserId,
      kind: 'event',
      event: { type, payload, fromPhase: from.phase, fromState: from.state },
      taskIds: [...new Set([...inserted.map((t) => t.id), ...rescheduled.map((c) => c.id), ...done.map((t) => t.id), ...dependents])],
    };
    const ours = change.taskIds.join();
    await this.bus.inTransaction(tx, change);
    // A listener that changed tasks (the Right to Provide response task) says so in taskIds: the view then reads them itself.
    return { journey: j, change, gateTasks: viewNeedsTasks && change.taskIds.join() === ours ? all : undefined };
  }
}
