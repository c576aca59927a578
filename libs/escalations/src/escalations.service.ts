import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppealOutcome, EscalationTrigger } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { CentralOrganisation } from '@pathway/journeys/central-organisation';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { recordHistory } from '@pathway/journeys/history';
import { JourneyChange, JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { JourneyEventsService } from '@pathway/journeys/journey-events.service';
import { DecisionFiles, type DecisionAttachmentRef } from '@pathway/journeys/decision-files';
import type { UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { appealSubjectOf } from '@pathway/domain/appeals';
import { appealLevelFor } from './appeal-level';
import { decideBy } from './decide-by';
import { assigneeForLevel, startingLevel, TOP_LEVEL } from './escalation-chain';
import { EscalationEntity } from './escalation.entity';
import { EscalationsRepository, type ConcernTask } from './escalations.repository';

export interface OpenEscalation {
  trigger: EscalationTrigger;
  /** Where it starts, when the caller has decided (an appeal against a reconsidered decision: the arbiter). */
  level?: number;
  /** For an appeal: the decision appealed (APPEAL_SUBJECTS key), kept in the history. */
  appealOf?: string;
  taskId?: string | null;
  reason: string;
  conflictOfInterest?: boolean;
  /** Confidential: to the central team, the raiser hidden from the other parties. */
  confidential?: boolean;
  actorUserId: string | null;
}

const LEVEL_NAMES: Record<number, string> = { 1: 'the department', 2: 'the independent arbiter' };

/**
 * Escalations (Taskforce recommendation 2 ii): opening at the right level of the journey's chain,
 * raising a level, resolving (appeals move the journey). Each step writes journey history and
 * notifies the organisation now responsible, in one transaction.
 */
@Injectable()
export class EscalationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly escalations: EscalationsRepository,
    private readonly central: CentralOrganisation,
    private readonly notifications: NotificationsService,
    private readonly events: JourneyEventsService,
    private readonly bus: JourneyChangeBus,
    private readonly files: DecisionFiles,
  ) {}

  onModuleInit(): void {
    // An appeal against a declined expression of interest opens an escalation in the same transaction.
    this.bus.register({
      inTransaction: async (tx, change) => {
        if (change.event?.type !== 'appeal') return;
        const { notificationIds } = await this.open(tx, change.journey, {
          trigger: 'appeal',
          level: await appealLevelFor(tx, change.journey, change.journey.state),
          appealOf: appealSubjectOf(change.journey.state)?.key,
          reason: String(change.event.payload.grounds ?? ''),
          actorUserId: change.actorUserId,
        });
        (change.notificationIds ??= []).push(...notificationIds);
      },
    });
  }

  /**
   * Opens an escalation, or returns the one already open for this journey, task and trigger
   * (`created: false`): the database allows at most one.
   */
  async open(
    tx: EntityManager,
    j: JourneyEntity,
    input: OpenEscalation,
  ): Promise<{ escalation: EscalationEntity; created: boolean; notificationIds: string[] }> {
    const confidential = !!input.confidential && !!input.actorUserId;
    const centralId = await this.central.id(tx);
    // A confidential concern goes to the central team whatever the chain says (level 1, pinned).
    const level = confidential
      ? 1
      : (input.level ?? startingLevel({ conflictOfInterest: !!input.conflictOfInterest, trigger: input.trigger }, j));
    const assigned = confidential ? centralId : assigneeForLevel(level, j, centralId);
    const { escalation, created } = await this.escalations.open(tx, {
      journeyId: j.id,
      taskId: input.taskId ?? null,
      trigger: input.trigger,
      level,
      assignedOrganisationId: assigned,
      reason: input.reason,
      conflictOfInterest: !confidential && !!input.conflictOfInterest,
      openedByUserId: input.actorUserId,
      confidential,
    });
    if (!created) return { escalation, created: false, notificationIds: [] };
    await recordHistory(tx, {
      journeyId: j.id,
      actorUserId: input.actorUserId,
      type: 'escalation_opened',
      data: {
        escalationId: escalation.id,
        trigger: escalation.trigger,
        level,
        assignedOrganisationId: assigned,
        reason: escalation.reason,
        taskId: escalation.taskId,
        conflictOfInterest: escalation.conflictOfInterest,
        ...(input.appealOf ? { appealOf: input.appealOf } : {}),
        // Presenters hide this row's actor from everyone but the central team and the raiser.
        ...(confidential ? { confidential: true } : {}),
      },
    });
    const notificationIds = await this.notifications.notifyOrganisations(tx, [assigned], {
      type: 'escalation_opened',
      title: `${confidential ? 'Confidential concern raised' : this.triggerTitle(escalation.trigger)}: ${j.name}`,
      body: `${confidential ? 'Raised confidentially with the central team' : `Escalated to ${LEVEL_NAMES[level]}`}. Reason: ${escalation.reason}`,
      journeyId: j.id,
      taskId: escalation.taskId,
      escalationId: escalation.id,
    });
    return { escalation, created: true, notificationIds };
  }

  /** A party raises a concern (POST /api/journeys/:id/escalations). */
  async raiseConcern(
    p: Principal,
    journeyId: string,
    input: { reason: string; conflictOfInterest?: boolean; confidential?: boolean; taskId?: string },
  ): Promise<EscalationEntity> {
    const { escalation, notificationIds } = await this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      let task: ConcernTask | undefined;
      // Advisers support the parties; they are not one, so they do not raise escalations.
      if (AccessPolicy.isAdviser(p)) throw new ForbiddenError('Advisers cannot raise escalations: ask the mutual to raise it');
      if (input.taskId) {
        task = await this.escalations.taskOfJourney(tx, journeyId, input.taskId);
        if (!task) throw new BadRequestError(['taskId does not name a task of this journey']);
      }
      const result = await this.open(tx, j, {
        trigger: 'manual',
        reason: input.reason,
        conflictOfInterest: input.conflictOfInterest,
        confidential: input.confidential,
        taskId: input.taskId ?? null,
        actorUserId: p.id,
      });
      if (!result.created) {
        throw new ConflictError(
          'A concern is already open on this journey' + (input.taskId ? ' for this task' : '') + ': add to it or wait for its resolution',
        );
      }
      if (task?.ownerOrganisationId && task.ownerOrganisationId !== result.escalation.assignedOrganisationId) {
        // The party the concern is about hears of it (and can answer it) rather than learning of it from the department.
        const ids = await this.notifications.notifyOrganisations(tx, [task.ownerOrganisationId], {
          type: 'escalation_opened',
          title: `A concern was raised about your task: ${task.title}`,
          body: `On ${j.name}, a concern about a task your organisation owns went to ${result.escalation.confidential ? 'the central team' : LEVEL_NAMES[result.escalation.level]}. Reason: ${input.reason}`,
          journeyId: j.id,
          taskId: input.taskId,
          escalationId: result.escalation.id,
        });
        result.notificationIds.push(...ids);
      }
      await this.escalations.touchJourney(tx, journeyId);
      return result;
    });
    // Committed: email is best-effort here (bounded wait); the email reconciler enqueues what Redis missed.
    await this.notifications.sendEmails(notificationIds).catch(() => undefined);
    return escalation;
  }

  async get(p: Principal, id: string): Promise<EscalationEntity> {
    const e = await this.escalations.find(id);
    if (!e) throw new NotFoundError('Escalation');
    const j = await this.escalations.journey(e.journeyId);
    if (!j || !AccessPolicy.canSeeJourney(p, j)) throw new NotFoundError('Escalation');
    return e;
  }

  async list(p: Principal, filter: { status?: string; journeyId?: string; assignedToMe?: boolean }): Promise<EscalationEntity[]> {
    return this.escalations.list(p, filter);
  }

  /** Each escalation with its decide-by instant (open ones only), from its journey's reminder policy: one query. */
  async withDecideByAll(
    escalations: EscalationEntity[],
  ): Promise<Array<EscalationEntity & { decideBy: Date | null; attachment: DecisionAttachmentRef | null }>> {
    const open = [...new Set(escalations.filter((e) => e.status === 'open').map((e) => e.journeyId))];
    const resolved = escalations.filter((e) => e.status === 'resolved').map((e) => e.id);
    const [policies, attachments] = await Promise.all([
      this.escalations.reminderPolicies(open),
      // A resolution's file, read only when something listed is resolved.
      this.escalations.resolutionFiles(resolved),
    ]);
    return escalations.map((e) =>
      Object.assign(e, {
        decideBy: e.status === 'open' && policies.has(e.journeyId) ? decideBy(e.levelSince, policies.get(e.journeyId)!) : null,
        attachment: attachments.get(e.id) ?? null,
      }),
    );
  }

  async withDecideBy(e: EscalationEntity): Promise<EscalationEntity & { decideBy: Date | null; attachment: DecisionAttachmentRef | null }> {
    return (await this.withDecideByAll([e]))[0];
  }

  /** A user of the assigned organisation passes it up the chain, saying why. */
  async escalate(p: Principal, id: string, reason: string): Promise<EscalationEntity> {
    if (!reason?.trim()) throw new BadRequestError(['reason is required: say why this needs the next level']);
    const { escalation, notificationIds } = await this.db.transaction(async (tx) => {
      const e = await this.lockVisible(tx, p, id);
      if (!AccessPolicy.canActOnEscalation(p, e))
        throw new ForbiddenError('Only the organisation this escalation is assigned to can raise it');
      return this.raise(tx, e, p.id, reason.trim(), 'manual');
    });
    // Committed: email is best-effort here (bounded wait); the email reconciler enqueues what Redis missed.
    await this.notifications.sendEmails(notificationIds).catch(() => undefined);
    return escalation;
  }

  /** Raises one level (by a person, or automatically when nobody acted within escalateAfter). */
  async raise(
    tx: EntityManager,
    e: EscalationEntity,
    actorUserId: string | null,
    reason: string | null,
    by: 'manual' | 'automatic',
  ): Promise<{ escalation: EscalationEntity; notificationIds: string[] }> {
    if (e.status !== 'open') throw new ConflictError('This escalation has been resolved');
    if (e.level >= TOP_LEVEL) throw new ConflictError('This escalation is already with the independent arbiter, the last level');
    const j = await this.journeyOf(tx, e);
    const level = e.level + 1;
    const assigned = assigneeForLevel(level, j, await this.central.id(tx));
    const from = { level: e.level, assignedOrganisationId: e.assignedOrganisationId };
    const levelSince = await this.escalations.moveToLevel(tx, e.id, level, assigned);
    Object.assign(e, { level, assignedOrganisationId: assigned, levelSince });
    await recordHistory(tx, {
      journeyId: e.journeyId,
      actorUserId,
      type: 'escalation_raised',
      data: {
        escalationId: e.id,
        trigger: e.trigger,
        from,
        to: { level, assignedOrganisationId: assigned },
        by,
        ...(reason ? { reason } : {}),
      },
    });
    await this.escalations.touchJourney(tx, e.journeyId);
    const notificationIds = await this.notifications.notifyOrganisations(tx, [assigned], {
      type: 'escalation_raised',
      title: `Escalation raised to you: ${j.name}`,
      body: `${by === 'automatic' ? 'Nobody acted on it in time, so it' : 'It'} now sits with ${LEVEL_NAMES[level]}. Reason: ${e.reason}${reason && by === 'manual' ? ` Why it was raised: ${reason}` : ''}`,
      journeyId: j.id,
      taskId: e.taskId,
      escalationId: e.id,
    });
    return { escalation: e, notificationIds };
  }

  /**
   * A user of the assigned organisation resolves it; an appeal's outcome moves the journey. The
   * resolution may carry conditions and one file (checked and stored like task evidence, recorded
   * with the escalation, removed again if the resolution is refused).
   */
  async resolve(
    p: Principal,
    id: string,
    input: { resolution: string; outcome?: AppealOutcome; governance?: string; conditions?: string },
    file?: UploadedFileInput,
  ): Promise<EscalationEntity> {
    const governance = input.governance?.trim() || undefined;
    const conditions = input.conditions?.trim() || undefined;
    // An outsider learns nothing from the file checks: 404 first.
    if (file) await this.get(p, id);
    const result = await this.files.deciding(file, (staged) =>
      this.db.transaction(async (tx) => {
        const e = await this.lockVisible(tx, p, id);
        if (!AccessPolicy.canActOnEscalation(p, e))
          throw new ForbiddenError('Only the organisation this escalation is assigned to can resolve it');
        if (e.status !== 'open') throw new ConflictError('This escalation has already been resolved');
        const j = await this.journeyOf(tx, e);
        let change: JourneyChange | null = null;
        if (e.trigger === 'appeal') {
          if (!input.outcome) throw new BadRequestError(['outcome must be upheld or dismissed to resolve an appeal']);
          if (p.organisationId === j.parentBodyId)
            throw new ForbiddenError('A parent body cannot decide an appeal against its own decision');
          // The finding, who decided it (the history row's actor), at which level and under what authority.
          ({ change } = await this.events.fireInternal(tx, j.id, input.outcome === 'upheld' ? 'uphold_appeal' : 'dismiss_appeal', p.id, {
            escalationId: e.id,
            resolution: input.resolution,
            level: e.level,
            ...(governance ? { governance } : {}),
            ...(conditions ? { conditions } : {}),
          }));
        }
        await this.escalations.markResolved(tx, e.id, p.id, {
          resolution: input.resolution,
          outcome: input.outcome ?? null,
          conditions: conditions ?? null,
        });
        if (staged)
          await this.files.record(tx, staged, { journeyId: j.id, decision: 'resolve_escalation', escalationId: e.id, userId: p.id });
        Object.assign(e, {
          status: 'resolved',
          resolvedAt: new Date(),
          resolvedByUserId: p.id,
          resolution: input.resolution,
          outcome: input.outcome ?? null,
          conditions: conditions ?? null,
        });
        await recordHistory(tx, {
          journeyId: j.id,
          actorUserId: p.id,
          type: 'escalation_resolved',
          data: {
            escalationId: e.id,
            trigger: e.trigger,
            level: e.level,
            resolution: input.resolution,
            outcome: input.outcome ?? null,
            ...(governance ? { governance } : {}),
            ...(conditions ? { conditions } : {}),
            ...(staged ? { attachment: staged.ref } : {}),
          },
        });
        await this.escalations.touchJourney(tx, j.id);
        const openerOrg = e.openedByUserId ? await this.escalations.organisationOf(tx, e.openedByUserId) : undefined;
        const notice = {
          type: 'escalation_resolved' as const,
          title: `${this.triggerTitle(e.trigger)} resolved: ${j.name}`,
          body: `${input.outcome ? `Outcome: ${input.outcome}. ` : ''}${input.resolution}${governance ? ` (Decided under: ${governance})` : ''}${conditions ? ` Conditions: ${conditions}` : ''}`,
          journeyId: j.id,
          taskId: e.taskId,
          escalationId: e.id,
        };
        // A confidential concern's outcome goes to its raiser alone: telling the parties (or the
        // raiser's colleagues) that it was resolved would tell them someone raised it.
        const notificationIds = e.confidential
          ? await this.notifications.notifyUsers(tx, [e.openedByUserId], notice)
          : await this.notifications.notifyOrganisations(tx, [j.mutualOrganisationId, j.parentBodyId, openerOrg], notice);
        // The appeal event's own notifications go out with its change (JourneyChangeBus.afterCommit).
        return { e, change, notificationIds };
      }),
    );
    if (result.change) await this.bus.afterCommit(result.change);
    await this.notifications.sendEmails(result.notificationIds).catch(() => undefined);
    return result.e;
  }

  private async lockVisible(tx: EntityManager, p: Principal, id: string): Promise<EscalationEntity> {
    const peek = await this.escalations.find(id, tx);
    if (!peek) throw new NotFoundError('Escalation');
    // Lock the journey first (the order every journey change uses), then the escalation.
    await loadVisibleJourney(tx, p, peek.journeyId, { lock: true }).catch(() => {
      throw new NotFoundError('Escalation');
    });
    return this.escalations.lock(tx, id);
  }

  /** The escalation's journey (its row is locked already on every path that calls this). */
  private async journeyOf(tx: EntityManager, e: EscalationEntity): Promise<JourneyEntity> {
    const j = await this.escalations.journey(e.journeyId, tx);
    if (!j) throw new NotFoundError('Journey');
    return j;
  }

  private triggerTitle(trigger: EscalationTrigger): string {
    return {
      task_overdue: 'Overdue task escalated',
      response_overdue: 'Unanswered Right to Provide request escalated',
      appeal: 'Appeal',
      manual: 'Concern raised',
    }[trigger];
  }
}
