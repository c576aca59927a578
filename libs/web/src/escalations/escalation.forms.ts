import { APPEAL_OUTCOMES, type AppealOutcome } from '@pathway/domain/vocabulary';
import { field, type FormProblem } from '../forms';

export const ESCALATION_TEXT_MAX = 5000;
const tooLong = (what: string) => `${what} must be ${ESCALATION_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`;

export interface ResolveValues {
  outcome: string;
  resolution: string;
  governance?: string;
  conditions?: string;
}

/** The same bound as the events' `governance` (MAX_GOVERNANCE_TEXT). */
export const GOVERNANCE_TEXT_MAX = 500;

/** The resolve form: a resolution always; an outcome (upheld or dismissed) for an appeal. */
export function readResolveForm(
  body: unknown,
  isAppeal: boolean,
): {
  values: ResolveValues;
  input?: { resolution: string; outcome?: AppealOutcome; governance?: string; conditions?: string };
  problems: FormProblem[];
} {
  const values: ResolveValues = {
    outcome: field(body, 'outcome'),
    resolution: field(body, 'resolution').trim(),
    governance: field(body, 'governance').trim(),
    conditions: field(body, 'conditions').trim(),
  };
  const problems: FormProblem[] = [];
  if (isAppeal && !(APPEAL_OUTCOMES as readonly string[]).includes(values.outcome)) {
    problems.push({ field: 'outcome', text: 'Select whether you uphold or dismiss the appeal' });
  }
  if (!values.resolution)
    problems.push({
      field: 'resolution',
      text: isAppeal ? 'Enter the reasons for your decision' : 'Enter how the escalation was resolved',
    });
  else if (values.resolution.length > ESCALATION_TEXT_MAX)
    problems.push({ field: 'resolution', text: tooLong(isAppeal ? 'Reasons for your decision' : 'Resolution') });
  if (values.governance && values.governance.length > GOVERNANCE_TEXT_MAX)
    problems.push({ field: 'governance', text: `Who made this decision must be ${GOVERNANCE_TEXT_MAX} characters or fewer` });
  if (values.conditions && values.conditions.length > ESCALATION_TEXT_MAX)
    problems.push({ field: 'conditions', text: tooLong('Conditions') });
  if (problems.length) return { values, problems };
  return {
    values,
    problems,
    input: {
      resolution: values.resolution,
      ...(isAppeal ? { outcome: values.outcome as AppealOutcome } : {}),
      ...(values.governance ? { governance: values.governance } : {}),
      ...(values.conditions ? { conditions: values.conditions } : {}),
    },
  };
}

export interface ConcernValues {
  reason: string;
  conflictOfInterest: boolean;
  confidential: boolean;
  taskId: string;
}

/** The "Raise a concern" form: the concern, whether the department has a conflict of interest, and the task it is about (optional). */
export function readConcernForm(
  body: unknown,
  taskIds: readonly string[],
): {
  values: ConcernValues;
  input?: { reason: string; conflictOfInterest: boolean; confidential: boolean; taskId?: string };
  problems: FormProblem[];
} {
  const values: ConcernValues = {
    reason: field(body, 'reason').trim(),
    conflictOfInterest: field(body, 'conflictOfInterest') === 'yes',
    confidential: field(body, 'confidential') === 'yes',
    taskId: field(body, 'taskId'),
  };
  const problems: FormProblem[] = [];
  if (!values.reason) problems.push({ field: 'reason', text: 'Enter your concern' });
  else if (values.reason.length > ESCALATION_TEXT_MAX) problems.push({ field: 'reason', text: tooLong('Your concern') });
  if (values.taskId && !taskIds.includes(values.taskId)) problems.push({ field: 'taskId', text: 'Select a task from the list, or none' });
  if (problems.length) return { values, problems };
  return {
    values,
    problems,
    input: {
      reason: values.reason,
      // Confidential goes to the central team, so the conflict-of-interest route does not apply.
      conflictOfInterest: values.conflictOfInterest && !values.confidential,
      confidential: values.confidential,
      ...(values.taskId ? { taskId: values.taskId } : {}),
    },
  };
}
