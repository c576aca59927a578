/**
 * No party weakens a duty it owes (CONTRACT "Who may change a journey's parties and deadlines").
 * Pure rules over one proposed task change; the journeys service applies them on every path that
 * writes a task (API PATCH, the web task form) and the reminder policy.
 *
 * - The parent body may not move its own Right to Provide response deadline later, nor mark the
 *   response task not applicable (declining is the way to say no, and it can be appealed).
 * - Nobody may move a statutory task's deadline later than its statutory rule allows: the
 *   template's due rule for that task and, for a TUPE task, never past the planned transfer date.
 *   A deadline already beyond the rule may still move earlier (towards compliance).
 * - Nobody may mark a statutory or evidence-gated task not applicable.
 * - The central team may do any of these, with a recorded reason (an override).
 */
import { deadlineInstant } from '../calendar/deadline';
import type { TaskStatus, Workstream } from '../vocabulary';

export const RESPONSE_TASK_KEY = 'respond_to_expression_of_interest';

export type DutyRuleCode =
  | 'own_response_deadline_later'
  | 'own_response_not_applicable'
  | 'statutory_deadline_beyond_rule'
  | 'statutory_not_applicable'
  | 'evidence_not_applicable'
  | 'escalate_after_beyond_default';

export interface DutyRuleBreach {
  code: DutyRuleCode;
  message: string;
}

export interface DutyTask {
  key: string;
  title?: string;
  ownerParty: string;
  workstream: Workstream | string;
  statutory: boolean;
  evidence?: string | null;
  status: TaskStatus;
  dueDate: string | null;
  dueAt: Date | string | null;
}

/** What the change proposes (undefined: unchanged; dueAt null clears the exact time). */
export interface DutyChange {
  status?: TaskStatus;
  dueDate?: string | null;
  dueAt?: Date | string | null;
}

export interface DutyContext {
  /**
   * The latest calendar date (London) the statutory rule allows for this task's deadline: the
   * template's computed due date, capped at the transfer date for TUPE tasks. Null: no limit known.
   */
  statutoryLatest: string | null;
}

/** The latest date the statutory rule allows: the rule's date, and no later than the transfer for TUPE. */
export function statutoryLatestDate(
  task: Pick<DutyTask, 'statutory' | 'workstream'>,
  ruleDueDate: string | null,
  plannedTransferDate: string | null,
): string | null {
  if (!task.statutory) return null;
  const caps = [ruleDueDate, task.workstream === 'tupe' ? plannedTransferDate : null].filter((d): d is string => !!d);
  return caps.length ? caps.sort()[0] : null;
}

const later = (a: Date | null, b: Date | null): boolean => {
  // No deadline at all is later than any deadline.
  if (a === null) return b !== null;
  if (b === null) return false;
  return a.getTime() > b.getTime();
};

/** The breaches of the duty rules this change would make (empty: allowed for every party). */
export function dutyBreaches(task: DutyTask, change: DutyChange, ctx: DutyContext): DutyRuleBreach[] {
  const breaches: DutyRuleBreach[] = [];
  const title = task.title ? `‘${task.title}’` : 'this task';
  const before = deadlineInstant({ dueDate: task.dueDate, dueAt: task.dueAt });
  const after = deadlineInstant({
    dueDate: change.dueDate !== undefined ? change.dueDate : task.dueDate,
    dueAt: change.dueAt !== undefined ? change.dueAt : task.dueAt,
  });
  const deadlineTouched = change.dueDate !== undefined || change.dueAt !== undefined;
  const toNotApplicable = change.status === 'not_applicable' && task.status !== 'not_applicable';
  const isResponse = task.key === RESPONSE_TASK_KEY && task.ownerParty === 'parent_body';

  if (isResponse && deadlineTouched && later(after, before)) {
    breaches.push({
      code: 'own_response_deadline_later',
      message: 'The parent body cannot move its own Right to Provide response deadline later; only the central team can, with a reason',
    });
  }
  if (isResponse && toNotApplicable) {
    breaches.push({
      code: 'own_response_not_applicable',
      message: 'The Right to Provide response cannot be marked not applicable: accept or decline the request (a decline can be appealed)',
    });
  }
  if (task.statutory && deadlineTouched && ctx.statutoryLatest) {
    const limit = deadlineInstant({ dueDate: ctx.statutoryLatest, dueAt: null });
    if (later(after, limit) && later(after, before)) {
      breaches.push({
        code: 'statutory_deadline_beyond_rule',
        message: `${title} is a duty in law: its deadline cannot move later than ${ctx.statutoryLatest}${
          task.workstream === 'tupe' ? ' (its statutory rule, and never past the transfer date)' : ' (its statutory rule)'
        }`,
      });
    }
  }
  if (task.statutory && toNotApplicable && !isResponse) {
    breaches.push({
      code: 'statutory_not_applicable',
      message: `${title} is a duty in law and cannot be marked not applicable; ask the central team if it truly does not apply`,
    });
  }
  if (task.evidence && toNotApplicable) {
    breaches.push({
      code: 'evidence_not_applicable',
      message: `${title} is done by recording its evidence and cannot be marked not applicable; only the central team can, with a reason`,
    });
  }
  return breaches;
}

/** The outcome for one caller: allowed, allowed as a recorded override, or refused. */
export type DutyDecision =
  | { kind: 'allowed' }
  | { kind: 'override'; breaches: DutyRuleBreach[]; reason: string }
  | { kind: 'needs_reason'; breaches: DutyRuleBreach[] }
  | { kind: 'refused'; breaches: DutyRuleBreach[] };

/** Non-central parties are refused any breach; the central team overrides with a reason, or is told one is needed. */
export function decideDuty(breaches: DutyRuleBreach[], actor: { central: boolean; overrideReason?: string | null }): DutyDecision {
  if (!breaches.length) return { kind: 'allowed' };
  if (!actor.central) return { kind: 'refused', breaches };
  const reason = actor.overrideReason?.trim();
  return reason ? { kind: 'override', breaches, reason } : { kind: 'needs_reason', breaches };
}

export interface EscalationTiming {
  /** Luxon-measurable length of escalateAfter, in milliseconds. */
  escalateAfterMs: number;
  workingDays: boolean;
}

/**
 * The reminder policy's escalateAfter: a party (the mutual lead) may shorten the time before
 * overdue tasks escalate, never lengthen it beyond the template default (it would silence
 * escalations of its own overdue tasks, and everyone else's). Counting working days where the
 * default counts calendar days is lengthening too.
 */
export function escalateAfterBreaches(proposed: EscalationTiming, templateDefault: EscalationTiming): DutyRuleBreach[] {
  const longer =
    proposed.escalateAfterMs > templateDefault.escalateAfterMs ||
    (proposed.workingDays && !templateDefault.workingDays && proposed.escalateAfterMs >= templateDefault.escalateAfterMs);
  return longer
    ? [
        {
          code: 'escalate_after_beyond_default',
          message:
            'escalateAfter cannot be longer than the pathway default: overdue tasks must escalate at least as soon as the template says; only the central team can lengthen it, with a reason',
        },
      ]
    : [];
}
