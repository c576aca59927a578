import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { declineGroundsOpenTo } from '@pathway/domain/decline-grounds';
import { DECISION_EVENTS, validateEventPayload } from '@pathway/domain/event-payload';
import { EVENT_DEFINITIONS, type JourneyEventType } from '@pathway/domain/events';
import { blockingTasks } from '@pathway/domain/machines/blocking-tasks';
import { applyJourneyEvent, structurallyAvailableEvents } from '@pathway/domain/machines/journey-position';
import { recomputeAvailability } from '@pathway/domain/tasks/availability';
import { tasksCreatedOn } from '@pathway/domain/template/tasks-to-create';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { BadRequestError, ConflictError, ForbiddenError, GuardFailedError } from '@pathway/platform/errors/domain-errors';
import type { UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { CentralOrganisation } from './central-organisation';
import { DecisionFiles } from './decision-files';
import type { JourneyEventDto } from './dto/journey.dto';
import { JourneyEntity } from './entities/journey.entity';
import { JourneyTaskEntity } from './entities/journey-task.entity';
import { recordHistory } from './history';
import { JourneyChange, JourneyChangeBus } from './journey-change.bus';
import { JourneyConditions } from './journey-conditions';
import { loadVisibleJourney } from './journey-access';
import { insertTemplateTasks, positionOf, recomputeDueDates } from './journeys.service';
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
  ) {}

  async fire(p: Principal, id: string, dto: JourneyEventDto, file?: UploadedFileInput): Promise<JourneyEntity> {
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
    const { journey, change } = await this.files.deciding(file, (staged) =>
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
        const result = await this.apply(tx, j, type, staged ? { ...payload, attachment: staged.ref } : payload, p.id);
        if (staged) await this.files.record(tx, staged, { journeyId: j.id, decision: type, userId: p.id });
        return result;
      }),
    );
    await this.bus.afterCommit(change);
    return journey;
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
    return this.apply(tx, j, type, data, actorUserId);
  }

  private async apply(
    tx: EntityManager,
    j: JourneyEntity,
    type: JourneyEventType,
    payload: Record<string, unknown>,
    actorUserId: string | null,
  ): Promise<{ journey: JourneyEntity; change: JourneyChange }> {
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
    const toCreate = tasksCreatedOn(template, type, { nation: j.nation, bodyType: j.parentBodyType, staffCount: j.staffCount });
    // Most events need no checklist: load it only for a guard or for tasks the event creates.
    const tasks =
      EVENT_DEFINITIONS[type].guarded || toCreate.length ? await tx.getRepository(JourneyTaskEntity).findBy({ journeyId: j.id }) : [];
    const blocking = blockingTasks(from, type, tasks as never[]) as unknown as JourneyTaskEntity[];
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
    const result = applyJourneyEvent(from, { type, payload, openMandatoryTasks: 0 });
    if (!result.ok) throw new ConflictError(`${EVENT_DEFINITIONS[type].label} is not possible while the journey is ${human(j.state)}`);
    const to = result.position;

    const today = todayInLondon(new Date());
    j.eventDates = { ...j.eventDates, [type]: j.eventDates[type] ?? today };
    j.phase = to.phase;
    j.state = to.state;
    j.machineSnapshot = to.snapshot;
    if (type === 'submit_expression_of_interest') j.proposalSummary = String(payload.proposalSummary).trim();
    if (type === 'register_legal_entity' && typeof payload.legalForm === 'string') j.legalForm = payload.legalForm;
    const [{ version }] = queryRows<{ version: number }>(
      await tx.query(
        `UPDATE journeys SET phase = $2, state = $3, machine_snapshot = $4, event_dates = $5, proposal_summary = $6, legal_form = $7,
                version = version + 1, updated_at = now(), last_activity_at = now()
          WHERE id = $1 RETURNING version`,
        [j.id, j.phase, j.state, JSON.stringify(j.machineSnapshot), JSON.stringify(j.eventDates), j.proposalSummary, j.legalForm],
      ),
    );
    j.version = version;
    j.updatedAt = new Date();
    j.lastActivityAt = j.updatedAt;

    const existingKeys = new Set(tasks.map((t) => t.key));
    const created = await insertTemplateTasks(
      tx,
      j,
      toCreate.filter((t) => !existingKeys.has(t.key)),
      await this.central.id(tx),
    );
    const rescheduled = await recomputeDueDates(tx, j, template, type);

    await recordHistory(tx, {
      journeyId: j.id,
      actorUserId,
      type,
      fromPhase: from.phase,
      fromState: from.state,
      toPhase: to.phase,
      toState: to.state,
      data: { ...payload, ...(created.length ? { tasksCreated: created.length } : {}) },
    });
    // After the event's own row, so history reads cause then consequence.
    const completed = await this.completeTasksDoneByEvent(
      tx,
      j.id,
      template.tasks.filter((t) => t.completedOn?.includes(type)).map((t) => t.key),
      type,
      actorUserId,
    );
    const change: JourneyChange = {
      journey: j,
      actorUserId,
      kind: 'event',
      event: { type, payload, fromPhase: from.phase, fromState: from.state },
      taskIds: [...new Set([...created, ...rescheduled, ...completed])],
    };
    await this.bus.inTransaction(tx, change);
    return { journey: j, change };
  }

  /**
   * Tasks the template marks as done by this event (preparing the expression of interest is done
   * once it is submitted) are completed with a history row each; dependents become startable.
   */
  private async completeTasksDoneByEvent(
    tx: EntityManager,
    journeyId: string,
    keys: string[],
    type: JourneyEventType,
    actorUserId: string | null,
  ): Promise<string[]> {
    if (!keys.length) return [];
    const done = queryRows<{ id: string; key: string; title: string; from: string }>(
      await tx.query(
        `UPDATE journey_tasks t SET status = 'completed', completed_at = now(), updated_at = now()
           FROM journey_tasks old
          WHERE t.id = old.id AND t.journey_id = $1 AND t.key = ANY($2) AND t.status NOT IN ('completed', 'not_applicable')
          RETURNING t.id, t.key, t.title, old.status AS from`,
        [journeyId, keys],
      ),
    );
    for (const task of done) {
      // Done by Pathway, not by the person whose event caused it: they did not touch this task.
      await recordHistory(tx, {
        journeyId,
        actorUserId: null,
        type: 'task_updated',
        data: {
          taskId: task.id,
          taskKey: task.key,
          title: task.title,
          changes: { status: { from: task.from, to: 'completed' } },
          automatic: true,
          cause: type,
          causedByUserId: actorUserId,
        },
      });
    }
    if (!done.length) return [];
    const all = await tx.getRepository(JourneyTaskEntity).findBy({ journeyId });
    const dependents: string[] = [];
    for (const { key, status } of recomputeAvailability(all)) {
      const task = all.find((t) => t.key === key)!;
      if (task.status !== status) {
        await tx.query(`UPDATE journey_tasks SET status = $2, updated_at = now() WHERE id = $1`, [task.id, status]);
        dependents.push(task.id);
      }
    }
    return [...done.map((t) => t.id), ...dependents];
  }
}
