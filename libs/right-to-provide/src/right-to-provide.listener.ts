import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { excerpt } from '@pathway/domain/bounds/bounds';
import type { EntityManager } from 'typeorm';
import { LONDON } from '@pathway/domain/calendar/london';
import { DECLINE_GROUND_LABELS, isDeclineGround } from '@pathway/domain/decline-grounds';
import { RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY } from '@pathway/domain/template/validate-template';
import { queryRows } from '@pathway/database/query-rows';
import { appealSubjectOf } from '@pathway/domain/appeals';
import { appealLevelFor } from '@pathway/escalations/appeal-level';
import { assigneeForLevel } from '@pathway/escalations/escalation-chain';
import { PathwayTemplatesService } from '@pathway/journeys/pathway-templates.service';
import { CentralOrganisation } from '@pathway/journeys/central-organisation';
import type { JourneyChange, JourneyChangeListener } from '@pathway/journeys/journey-change.bus';
import { recordHistory } from '@pathway/journeys/history';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { closeResponseTask } from './response-task';
import { reopenForReconsideration, reviewTaskDone } from './reconsideration';

const MAX_EXCERPT = 1000;

/** "14 June 2026" for a YYYY-MM-DD date. */
export function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: LONDON }).setLocale('en-GB').toFormat('d MMMM yyyy');
}

/** A text as a notice quotes it: at most MAX_EXCERPT characters, cut between characters. */
const brief = (s: string) => excerpt(s, MAX_EXCERPT);
/** A text payload field (a string, or a list of points) as one line. */
const textOf = (v: unknown): string => (Array.isArray(v) ? v.join('; ') : String(v ?? '')).trim();

/**
 * The Right to Provide side of journey events, inside the event's transaction:
 * - submission: the parent body's users hear of the request, with its summary and deadline;
 * - acceptance or decline: the parent body's response task is completed (its reminders stop), an
 *   open `response_overdue` escalation is resolved (the request has its answer), and the mutual's
 *   users hear the decision, with the ground and reasons of a decline;
 * - appeal: the parent body's users hear that their decline (or refusal) is being appealed, and to whom;
 * - refusal of a business case: the review task is done, the mutual hears why and where to appeal;
 * - an upheld appeal: the decision's task reopens with a new deadline (reconsideration.ts) and the
 *   parent body hears the finding;
 * - withdrawal while unanswered: the response task becomes not applicable.
 * Notification ids go into `change.notificationIds` (email follows after commit) and closed
 * task ids into `change.taskIds` (so the reminder machinery cancels their reminders).
 */
@Injectable()
export class RightToProvideListener implements JourneyChangeListener {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly central: CentralOrganisation,
    private readonly templates: PathwayTemplatesService,
  ) {}

  async inTransaction(tx: EntityManager, change: JourneyChange): Promise<void> {
    if (change.kind !== 'event' || !change.event) return;
    switch (change.event.type) {
      case 'submit_expression_of_interest':
        return this.submitted(tx, change);
      case 'accept_expression_of_interest':
      case 'decline_expression_of_interest':
        await this.closeTask(tx, change, 'completed');
        await this.resolveResponseOverdue(tx, change);
        return this.decided(tx, change);
      case 'appeal':
        return this.appealed(tx, change);
      case 'reject_business_case':
        await reviewTaskDone(tx, change);
        return this.businessCaseRefused(tx, change);
      case 'uphold_appeal': {
        const reopened = await reopenForReconsideration(tx, change, await this.templates.version(change.journey.templateVersion, tx));
        if (reopened) change.taskIds = [...new Set([...change.taskIds, reopened.taskId])];
        return this.reconsiderationAsked(tx, change, reopened?.dueDate ?? null, reopened?.taskId ?? null);
      }
      case 'withdraw':
        await this.closeTask(tx, change, 'not_applicable', 'The journey was withdrawn before the parent body responded');
        return;
    }
  }

  private async closeTask(
    tx: EntityManager,
    change: JourneyChange,
    status: 'completed' | 'not_applicable',
    reason?: string,
  ): Promise<void> {
    const closed = await closeResponseTask(tx, change.journey.id, {
      status,
      actorUserId: change.actorUserId,
      cause: change.event!.type,
      reason,
    });
    if (closed) change.taskIds = [...new Set([...change.taskIds, closed.taskId, ...closed.dependentIds])];
  }

  /**
   * The answer ends an escalation about the missing answer. Resolved by the system (no
   * resolved_by user: the parent body is not the assigned organisation); the history row names
   * the officer whose answer caused it.
   */
  private async resolveResponseOverdue(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    const accepted = change.event!.type === 'accept_expression_of_interest';
    const resolution = `The parent body ${accepted ? 'accepted' : 'declined'} the expression of interest.`;
    const rows = queryRows<{ id: string; level: number; assignedOrganisationId: string; taskId: string | null }>(
      await tx.query(
        `UPDATE escalations SET status = 'resolved', resolved_at = now(), resolution = $2
          WHERE journey_id = $1 AND trigger = 'response_overdue' AND status = 'open'
          RETURNING id, level, assigned_organisation_id AS "assignedOrganisationId", task_id AS "taskId"`,
        [j.id, resolution],
      ),
    );
    for (const e of rows) {
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: change.actorUserId,
        type: 'escalation_resolved',
        data: {
          escalationId: e.id,
          trigger: 'response_overdue',
          level: e.level,
          resolution,
          outcome: null,
          automatic: true,
          cause: change.event!.type,
        },
      });
      const ids = await this.notifications.notifyOrganisations(tx, [e.assignedOrganisationId], {
        type: 'escalation_resolved',
        title: `Unanswered Right to Provide request resolved: ${j.name}`,
        body: `${resolution} Nothing more is needed on this escalation.`,
        journeyId: j.id,
        taskId: e.taskId,
        escalationId: e.id,
      });
      (change.notificationIds ??= []).push(...ids);
    }
  }

  private async submitted(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    const [task] = await tx.query(`SELECT id, due_date AS "dueDate" FROM journey_tasks WHERE journey_id = $1 AND key = $2`, [
      j.id,
      RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY,
    ]);
    const mutualName = await this.organisationName(tx, j.mutualOrganisationId);
    const summary = String(change.event!.payload.proposalSummary ?? j.proposalSummary ?? '').trim();
    const due = task?.dueDate ? ` Please accept or decline it by ${longDate(task.dueDate)}.` : ' Please accept or decline it.';
    const ids = await this.notifications.notifyOrganisations(tx, [j.parentBodyId], {
      type: 'expression_of_interest_received',
      title: `Right to Provide expression of interest: ${j.name}`,
      body: `${mutualName} has submitted an expression of interest under the Right to Provide.${due} Proposal: ${brief(summary)}`,
      journeyId: j.id,
      taskId: task?.id ?? null,
    });
    (change.notificationIds ??= []).push(...ids);
  }

  private async decided(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    const payload = change.event!.payload;
    const parentBodyName = await this.organisationName(tx, j.parentBodyId);
    let title: string;
    let body: string;
    if (change.event!.type === 'accept_expression_of_interest') {
      title = `Expression of interest accepted: ${j.name}`;
      body = `${parentBodyName} has accepted your expression of interest under the Right to Provide. The journey moves on to business planning.`;
      if (typeof payload.reasons === 'string' && payload.reasons.trim()) body += ` Comments: ${brief(payload.reasons.trim())}`;
    } else {
      const ground = isDeclineGround(payload.ground) ? DECLINE_GROUND_LABELS[payload.ground] : null;
      const appealTo = await this.organisationName(
        tx,
        assigneeForLevel(await appealLevelFor(tx, j, 'declined'), j, await this.central.id(tx)),
      );
      title = `Expression of interest declined: ${j.name}`;
      body =
        `${parentBodyName} has declined your expression of interest under the Right to Provide.` +
        (ground ? ` Ground: ${ground}.` : '') +
        ` Reasons: ${brief(String(payload.reasons ?? '').trim())}` +
        ` You can appeal this decision; the appeal goes to ${appealTo}.`;
    }
    const ids = await this.notifications.notifyOrganisations(tx, [j.mutualOrganisationId], {
      type: 'expression_of_interest_decided',
      title,
      body,
      journeyId: j.id,
    });
    (change.notificationIds ??= []).push(...ids);
  }

  private async appealed(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    const mutualName = await this.organisationName(tx, j.mutualOrganisationId);
    // Where the escalations listener opens the appeal (it may run before or after this one): the same rule.
    const decider = await this.organisationName(tx, assigneeForLevel(await appealLevelFor(tx, j, j.state), j, await this.central.id(tx)));
    const subject = appealSubjectOf(j.state);
    const ids = await this.notifications.notifyOrganisations(tx, [j.parentBodyId], {
      type: 'journey_event',
      title: `Your decision is being appealed: ${j.name}`,
      body: `${mutualName} has appealed your ${subject?.decision ?? 'decision'}. ${decider} will decide the appeal. Grounds: ${brief(textOf(change.event!.payload.grounds))}`,
      journeyId: j.id,
    });
    (change.notificationIds ??= []).push(...ids);
  }

  /** The mutual hears that its business case was refused, why, under what authority, and that it can appeal. */
  private async businessCaseRefused(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    const payload = change.event!.payload;
    const parentBodyName = await this.organisationName(tx, j.parentBodyId);
    const appealTo = await this.organisationName(
      tx,
      assigneeForLevel(await appealLevelFor(tx, j, 'business_case_rejected'), j, await this.central.id(tx)),
    );
    const ids = await this.notifications.notifyOrganisations(tx, [j.mutualOrganisationId], {
      type: 'journey_event',
      title: `Business case refused: ${j.name}`,
      body:
        `${parentBodyName} has refused your business case. Reasons: ${brief(textOf(payload.reasons))}` +
        ` Decided under: ${brief(textOf(payload.governance))}. You can appeal this decision; the appeal goes to ${appealTo}.`,
      journeyId: j.id,
    });
    (change.notificationIds ??= []).push(...ids);
  }

  /** The parent body hears the escalation point's finding and its new deadline to decide again. */
  private async reconsiderationAsked(
    tx: EntityManager,
    change: JourneyChange,
    dueDate: string | null,
    taskId: string | null,
  ): Promise<void> {
    const j = change.journey;
    const subject = appealSubjectOf(change.event!.fromState);
    const payload = change.event!.payload;
    const mutualName = await this.organisationName(tx, j.mutualOrganisationId);
    const [decider] = change.actorUserId
      ? await tx.query(`SELECT o.name FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [change.actorUserId])
      : [];
    const by = (decider?.name as string | undefined) ?? 'The escalation point';
    const ids = await this.notifications.notifyOrganisations(tx, [j.parentBodyId], {
      type: 'journey_event',
      title: `Appeal upheld: please reconsider your decision: ${j.name}`,
      body:
        `${by} has upheld ${mutualName}'s appeal against your ${subject?.decision ?? 'decision'} and asks you to decide again.` +
        ` Finding: ${brief(textOf(payload.resolution))}` +
        (typeof payload.governance === 'string' ? ` (Decided under: ${brief(payload.governance)})` : '') +
        (dueDate ? ` Please decide again by ${longDate(dueDate)}.` : ''),
      journeyId: j.id,
      taskId,
    });
    (change.notificationIds ??= []).push(...ids);
  }

  private async organisationName(tx: EntityManager, id: string): Promise<string> {
    const [row] = await tx.query(`SELECT name FROM organisations WHERE id = $1`, [id]);
    return (row?.name as string | undefined) ?? 'The organisation';
  }
}
