/**
 * Appeals as the Mutuals Taskforce describes them (recommendation 2 ii; DOMAIN.md): the escalation
 * point hears an appeal and, if it upholds it, asks the parent body to reconsider. It cannot
 * overrule a council or an NHS board, so an upheld appeal never moves the journey past the decision
 * itself: the decision is taken again, with a new deadline and the escalation point's finding.
 *
 * Two decisions can be appealed: the decline of an expression of interest and the refusal of a
 * business case. A decision taken again after an upheld appeal can be appealed again; that appeal
 * goes straight to the independent arbiter (level 2): the department has already found once, and a
 * second hearing by the same body would be no escalation at all. After the arbiter upholds an
 * appeal the parent body reconsiders once more; a further refusal can again be appealed to the
 * arbiter (there is no level above it), so every refusal stays appealable and every finding is on
 * the record. Pure: no I/O.
 */
import { addWorkingDays } from './calendar/working-days';
import type { JourneyState, Nation } from './vocabulary';

export type AppealSubjectKey = 'expression_of_interest' | 'business_case';

export interface AppealSubject {
  key: AppealSubjectKey;
  /** The state the refused decision leaves the journey in, from which `appeal` is fired. */
  appealedFrom: JourneyState;
  /** The state while the appeal is heard. */
  underAppeal: JourneyState;
  /** Where an upheld appeal sends the journey: the parent body decides again. */
  reconsiderIn: JourneyState;
  /** The parent body's task for that decision, reopened with a new deadline on an upheld appeal. */
  taskKey: string;
  /** Plain English, for messages: "decline of the expression of interest". */
  decision: string;
}

export const APPEAL_SUBJECTS: readonly AppealSubject[] = [
  {
    key: 'expression_of_interest',
    appealedFrom: 'declined',
    underAppeal: 'under_appeal',
    reconsiderIn: 'awaiting_parent_body_response',
    taskKey: 'respond_to_expression_of_interest',
    decision: 'decision to decline the Right to Provide expression of interest',
  },
  {
    key: 'business_case',
    appealedFrom: 'business_case_rejected',
    underAppeal: 'business_case_under_appeal',
    reconsiderIn: 'awaiting_approval',
    taskKey: 'review_business_case',
    decision: 'decision to refuse the business case',
  },
];

/** The appeal a journey in this state is about (appealed from, or under appeal), or null. */
export function appealSubjectOf(state: string): AppealSubject | null {
  return APPEAL_SUBJECTS.find((s) => s.appealedFrom === state || s.underAppeal === state) ?? null;
}

/**
 * Where an appeal is heard first: the department (1) for a first appeal against a decision; the
 * independent arbiter (2) once an appeal about the same decision has been upheld before (the
 * decision appealed is a reconsidered one).
 */
export function appealStartingLevel(upheldBefore: number): 1 | 2 {
  return upheldBefore > 0 ? 2 : 1;
}

/** Working days a parent body has to decide again after an upheld appeal, when the template says nothing (v1, v2). */
export const DEFAULT_RECONSIDERATION_RESPONSE_DAYS = 20;

/** The new deadline for the reconsidered decision: `days` working days of the nation after `today`. */
export function reconsiderationDueDate(today: string, days: number, nation?: Nation): string {
  return addWorkingDays(today, days, nation);
}
