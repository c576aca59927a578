import { deadlineInstant } from '@pathway/domain/calendar/deadline';
import { DECLINE_GROUND_LABELS, isDeclineGround } from '@pathway/domain/decline-grounds';
import { DONE_TASK_STATUSES, type RightToProvideStatus, type TaskStatus } from '@pathway/domain/vocabulary';
import type { DecisionAttachmentRef } from '@pathway/journeys/decision-files';

/** The journey history events that make up a Right to Provide request's story. */
export const REQUEST_EVENT_TYPES = [
  'submit_expression_of_interest',
  'accept_expression_of_interest',
  'decline_expression_of_interest',
  'appeal',
  'uphold_appeal',
  'dismiss_appeal',
] as const;

export interface RequestJourneyRow {
  journeyId: string;
  journeyName: string;
  mutualOrganisationId: string;
  mutualOrganisationName: string;
  parentBodyId: string;
  proposalSummary: string | null;
  phase: string;
  state: string;
}

export interface RequestTaskRow {
  id: string;
  dueDate: string | null;
  dueAt: Date | string | null;
  status: TaskStatus;
}

export interface RequestHistoryRow {
  type: string;
  at: Date | string;
  actorUserId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

export interface AppealEscalationRow {
  id: string;
  status: 'open' | 'resolved';
  level: number;
  assignedOrganisationId: string;
  openedAt: Date | string;
  resolvedAt: Date | string | null;
  resolution: string | null;
  outcome: 'upheld' | 'dismissed' | null;
  /** The resolution's conditions (escalations.conditions). */
  conditions: string | null;
  /** The resolution's file (decision_attachments), if any. */
  attachment: DecisionAttachmentRef | null;
}

export interface RequestDecision {
  type: 'accepted' | 'declined';
  decidedAt: string;
  decidedByUserId: string | null;
  decidedByName: string | null;
  /** Decline ground key (DECLINE_GROUNDS), null on acceptance or when none was given. */
  ground: string | null;
  groundLabel: string | null;
  reasons: string | null;
  /** The authority behind the decision ("Cabinet, 12 March, minute 7"); required on a decline since v3 of the rules. */
  governance: string | null;
  /** What the decision makes it subject to, or says would change it. */
  conditions: string | null;
  /** The file attached to the decision (GET /api/attachments/:id). */
  attachment: DecisionAttachmentRef | null;
}

export interface RequestAppeal {
  /** The latest appeal: `open` while under appeal, `resolved` once decided. */
  status: 'open' | 'resolved';
  outcome: 'upheld' | 'dismissed' | null;
  grounds: string;
  lodgedAt: string;
  lodgedByUserId: string | null;
  escalationId: string | null;
  /** 1: the department; 2: the independent arbiter. */
  level: number | null;
  assignedOrganisationId: string | null;
  decidedAt: string | null;
  decidedByUserId: string | null;
  decidedByName: string | null;
  /** The escalation point's finding (its resolution text). */
  resolution: string | null;
  /** The authority behind the appeal decision, when recorded. */
  governance: string | null;
  /** The appeal decision's conditions, when it carried any. */
  conditions: string | null;
  /** The file attached to the appeal decision, if any. */
  attachment: DecisionAttachmentRef | null;
}

/**
 * The parent body is deciding again after an upheld appeal: the finding it was sent, who found
 * it, and the new deadline (responseDueDate). Null when it is not reconsidering.
 */
export interface RequestReconsideration {
  finding: string;
  foundAt: string;
  foundByUserId: string | null;
  foundByName: string | null;
  /** 1: the department; 2: the independent arbiter. */
  level: number | null;
  governance: string | null;
  /** The upholding decision's conditions and file, when it carried them. */
  conditions: string | null;
  attachment: DecisionAttachmentRef | null;
  /** Which time the parent body decides again (1 after the first upheld appeal). */
  round: number;
}

export interface RightToProvideRequestView {
  journeyId: string;
  journeyName: string;
  mutualOrganisationId: string;
  mutualOrganisationName: string;
  proposalSummary: string;
  submittedAt: string;
  submittedByUserId: string | null;
  /** The response task's due date (YYYY-MM-DD, Europe/London). */
  responseDueDate: string | null;
  /** The response deadline as an instant: the task's dueAt when set, otherwise the end of responseDueDate in London. */
  responseDeadline: string | null;
  responseTaskId: string | null;
  responseTaskStatus: TaskStatus | null;
  /**
   * The parent body's own decision: awaiting_response until it accepts or declines. A decline
   * later overturned on appeal stays `declined` here, with `appeal.outcome` `upheld` and
   * `proceeding` true.
   */
  status: RightToProvideStatus;
  /** Awaiting a response past its deadline. */
  overdue: boolean;
  decision: RequestDecision | null;
  appeal: RequestAppeal | null;
  /** How many times the decision has been appealed. */
  appealCount: number;
  /** While the parent body decides again after an upheld appeal: the finding and who found it. */
  reconsideration: RequestReconsideration | null;
  /** The journey goes ahead to business planning: accepted, or a decline overturned on appeal. */
  proceeding: boolean;
  /**
   * Where the request stands now, as people should read it: `overturned_on_appeal` once an appeal
   * against the decline is upheld (the decline no longer stands), otherwise `status`. While the
   * parent body reconsiders after an upheld appeal, both are `awaiting_response`.
   */
  standing: RightToProvideStatus | 'overturned_on_appeal';
  journeyPhase: string;
  journeyState: string;
}

const iso = (v: Date | string): string => new Date(v).toISOString();
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
/** A decision's file as its history row records it (`data.attachment`), or null. */
const attachmentOf = (v: unknown): DecisionAttachmentRef | null => {
  if (!v || typeof v !== 'object') return null;
  const a = v as Partial<Record<keyof DecisionAttachmentRef, unknown>>;
  if (typeof a.id !== 'string' || typeof a.fileName !== 'string') return null;
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream',
    sizeBytes: typeof a.sizeBytes === 'number' ? a.sizeBytes : Number(a.sizeBytes) || 0,
  };
};

/**
 * A Right to Provide request as its parent body sees it, derived from the journey, its response
 * task, its history (oldest first; only REQUEST_EVENT_TYPES matter) and its latest appeal
 * escalation. Returns null when the expression of interest was never submitted.
 */
export function buildRequestView(
  j: RequestJourneyRow,
  task: RequestTaskRow | null,
  history: readonly RequestHistoryRow[],
  latestAppealEscalation: AppealEscalationRow | null,
  now: Date = new Date(),
): RightToProvideRequestView | null {
  let submitted: RequestHistoryRow | null = null;
  let decision: RequestDecision | null = null;
  let appeal: RequestAppeal | null = null;
  let appealCount = 0;
  let upheldCount = 0;
  let upheldSpent = false;

  for (const h of history) {
    switch (h.type) {
      case 'submit_expression_of_interest':
        submitted ??= h;
        break;
      case 'accept_expression_of_interest':
      case 'decline_expression_of_interest': {
        const declined = h.type === 'decline_expression_of_interest';
        // A decision taken again after an upheld appeal: that appeal has done its work (the parent body reconsidered).
        if (appeal?.outcome === 'upheld') upheldSpent = true;
        const ground = declined ? text(h.data.ground) : null;
        decision = {
          type: declined ? 'declined' : 'accepted',
          decidedAt: iso(h.at),
          decidedByUserId: h.actorUserId,
          decidedByName: h.actorName,
          ground,
          groundLabel: ground && isDeclineGround(ground) ? DECLINE_GROUND_LABELS[ground] : null,
          reasons: text(h.data.reasons) ?? (Array.isArray(h.data.reasons) ? h.data.reasons.join('\n') : null),
          governance: text(h.data.governance),
          conditions: text(h.data.conditions),
          attachment: attachmentOf(h.data.attachment),
        };
        break;
      }
      case 'appeal':
        appealCount += 1;
        appeal = {
          status: 'open',
          outcome: null,
          grounds: text(h.data.grounds) ?? '',
          lodgedAt: iso(h.at),
          lodgedByUserId: h.actorUserId,
          escalationId: null,
          level: null,
          assignedOrganisationId: null,
          decidedAt: null,
          decidedByUserId: null,
          decidedByName: null,
          resolution: null,
          governance: null,
          conditions: null,
          attachment: null,
        };
        break;
      case 'uphold_appeal':
      case 'dismiss_appeal':
        if (appeal) {
          appeal.status = 'resolved';
          appeal.outcome = h.type === 'uphold_appeal' ? 'upheld' : 'dismissed';
          appeal.decidedAt = iso(h.at);
          appeal.decidedByUserId = h.actorUserId;
          appeal.decidedByName = h.actorName;
          appeal.resolution = text(h.data.resolution);
          appeal.governance = text(h.data.governance);
          appeal.conditions = text(h.data.conditions);
          appeal.escalationId = text(h.data.escalationId);
          if (typeof h.data.level === 'number') appeal.level = h.data.level;
        }
        if (h.type === 'uphold_appeal') {
          upheldCount += 1;
          upheldSpent = false;
        }
        break;
    }
  }
  if (!submitted) return null;

  // Each appeal opens one escalation in its own transaction, so the latest appeal escalation is
  // the latest appeal's: it says where the appeal sits now (the department or the arbiter).
  if (appeal && latestAppealEscalation) {
    const e = latestAppealEscalation;
    appeal.escalationId = e.id;
    appeal.level = e.level;
    appeal.assignedOrganisationId = e.assignedOrganisationId;
    // The resolution's file is kept with its escalation (the uphold/dismiss row names the escalation, not the file).
    if (appeal.status === 'resolved') {
      appeal.conditions ??= text(e.conditions);
      appeal.attachment = e.attachment;
    }
  }
  // Only REQUEST_EVENT_TYPES reach here, so an upheld appeal is one about this request (not a business case).

  // An upheld appeal sends the request back to the parent body to reconsider (when the journey is
  // waiting for its response again) or lets the journey go ahead: the decline no longer stands.
  const reconsidering = appeal?.outcome === 'upheld' && !upheldSpent && j.state === 'awaiting_parent_body_response';
  // Journeys upheld under the earlier rule went straight on to business planning: their decline no longer stands.
  const overturned = appeal?.outcome === 'upheld' && !upheldSpent && !reconsidering;
  const status: RightToProvideStatus = reconsidering || !decision ? 'awaiting_response' : decision.type;
  const standing: RightToProvideRequestView['standing'] = overturned && status === 'declined' ? 'overturned_on_appeal' : status;
  const reconsideration: RequestReconsideration | null =
    reconsidering && appeal
      ? {
          finding: appeal.resolution ?? '',
          foundAt: appeal.decidedAt ?? '',
          foundByUserId: appeal.decidedByUserId,
          foundByName: appeal.decidedByName,
          level: appeal.level,
          governance: appeal.governance,
          conditions: appeal.conditions,
          attachment: appeal.attachment,
          round: upheldCount,
        }
      : null;
  const deadline = task ? deadlineInstant({ dueDate: task.dueDate, dueAt: task.dueAt }) : null;
  const taskOpen = !!task && !DONE_TASK_STATUSES.includes(task.status);
  return {
    journeyId: j.journeyId,
    journeyName: j.journeyName,
    mutualOrganisationId: j.mutualOrganisationId,
    mutualOrganisationName: j.mutualOrganisationName,
    proposalSummary: j.proposalSummary ?? text(submitted.data.proposalSummary) ?? '',
    submittedAt: iso(submitted.at),
    submittedByUserId: submitted.actorUserId,
    responseDueDate: task?.dueDate ?? null,
    responseDeadline: deadline ? deadline.toISOString() : null,
    responseTaskId: task?.id ?? null,
    responseTaskStatus: task?.status ?? null,
    status,
    overdue: status === 'awaiting_response' && taskOpen && j.state !== 'withdrawn' && !!deadline && deadline.getTime() <= now.getTime(),
    decision,
    appeal,
    appealCount,
    reconsideration,
    proceeding: decision?.type === 'accepted' || (overturned && status === 'declined'),
    standing,
    journeyPhase: j.phase,
    journeyState: j.state,
  };
}

/** Inbox order: requests awaiting a response first, soonest deadline first; then the rest, newest first. */
export function compareRequests(a: RightToProvideRequestView, b: RightToProvideRequestView): number {
  const waiting = (r: RightToProvideRequestView) => (r.status === 'awaiting_response' ? 0 : 1);
  if (waiting(a) !== waiting(b)) return waiting(a) - waiting(b);
  if (waiting(a) === 0) {
    const da = a.responseDeadline ?? '9999';
    const db = b.responseDeadline ?? '9999';
    if (da !== db) return da < db ? -1 : 1;
  }
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.journeyId.localeCompare(b.journeyId);
}

/**
 * The conditions and file of the decision that stands now, for the inbox row: the appeal finding's
 * once an appeal is decided (an upheld one overturns the decline or sends it back; a dismissed one
 * confirms it), otherwise the parent body's own decision's. Null while nothing has been decided.
 */
export function standingDecisionTerms(
  r: Pick<RightToProvideRequestView, 'decision' | 'appeal'>,
): { conditions: string | null; attachment: DecisionAttachmentRef | null } | null {
  const decidedAppeal = r.appeal?.status === 'resolved' ? r.appeal : null;
  // A decision taken after the appeal was decided (the parent body reconsidered) is the one that stands.
  const decidedAfterAppeal = !!(r.decision && decidedAppeal?.decidedAt && r.decision.decidedAt > decidedAppeal.decidedAt);
  const source = decidedAppeal && !decidedAfterAppeal ? decidedAppeal : r.decision;
  if (!source) return null;
  return { conditions: source.conditions, attachment: source.attachment };
}
