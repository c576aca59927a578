/**
 * The escalation web forms: what was typed, read into the API's shape (yes/no made booleans),
 * then checked by the API's own DTOs (RaiseConcernDto, EscalateDto, ResolveEscalationDto) with
 * words for people, so a bound or a text rule is written once and a form cannot accept what the
 * API refuses. Who may do what is the service's.
 */
import { APPEAL_OUTCOMES, type AppealOutcome } from '@pathway/domain/vocabulary';
import { MAX_CONDITIONS_TEXT, MAX_GOVERNANCE_TEXT } from '@pathway/domain/event-payload';
import { EscalateDto, MAX_ESCALATION_TEXT, RaiseConcernDto, ResolveEscalationDto } from '@pathway/escalations/escalation.dto';
import { dtoProblems, field, type FormProblem, type FormWords } from '../forms';

const atMost = (what: string, max: number) => `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;
const plain = (what: string) => `${what} must be plain text: remove any control characters`;

export interface ResolveValues {
  outcome: string;
  resolution: string;
  governance?: string;
  conditions?: string;
}

export interface ResolveInput {
  resolution: string;
  outcome?: AppealOutcome;
  governance?: string;
  conditions?: string;
}

/** The resolve form: a resolution always; an outcome (upheld or dismissed) for an appeal. */
export async function readResolveForm(
  body: unknown,
  isAppeal: boolean,
): Promise<{ values: ResolveValues; input?: ResolveInput; problems: FormProblem[] }> {
  const values: ResolveValues = {
    outcome: field(body, 'outcome'),
    resolution: field(body, 'resolution').trim(),
    governance: field(body, 'governance').trim(),
    conditions: field(body, 'conditions').trim(),
  };
  const input: ResolveInput = {
    resolution: values.resolution,
    ...(isAppeal ? { outcome: values.outcome as AppealOutcome } : {}),
    ...(values.governance ? { governance: values.governance } : {}),
    ...(values.conditions ? { conditions: values.conditions } : {}),
  };
  const problems: FormProblem[] = [];
  // An appeal's outcome is required (the service refuses one without it); the form asks for it first.
  if (isAppeal && !(APPEAL_OUTCOMES as readonly string[]).includes(values.outcome)) {
    problems.push({ field: 'outcome', text: 'Select whether you uphold or dismiss the appeal' });
    delete input.outcome;
  }
  const resolution = isAppeal ? 'Reasons for your decision' : 'Resolution';
  const words: FormWords = {
    resolution: {
      '*': isAppeal ? 'Enter the reasons for your decision' : 'Enter how the escalation was resolved',
      maxLength: atMost(resolution, MAX_ESCALATION_TEXT),
    },
    governance: atMost('Who made this decision', MAX_GOVERNANCE_TEXT),
    conditions: { '*': atMost('Conditions', MAX_CONDITIONS_TEXT), isSafeText: plain('Conditions') },
  };
  problems.push(...(await dtoProblems(ResolveEscalationDto, input, words)));
  return problems.length ? { values, problems } : { values, problems, input };
}

/** The "Raise to the independent arbiter" form: why it needs the next level. */
export async function readEscalateForm(body: unknown): Promise<{ reason: string; problems: FormProblem[] }> {
  const reason = field(body, 'reason').trim();
  const problems = await dtoProblems(
    EscalateDto,
    { reason },
    { reason: { '*': 'Enter why it needs the independent arbiter', maxLength: atMost('Your reason', MAX_ESCALATION_TEXT) } },
  );
  // The form's field is `escalateReason` (the page also has the resolve form's fields).
  return { reason, problems: problems.map((p) => ({ ...p, field: 'escalateReason' })) };
}

export interface ConcernValues {
  reason: string;
  conflictOfInterest: boolean;
  confidential: boolean;
  taskId: string;
}

export interface ConcernInput {
  reason: string;
  conflictOfInterest: boolean;
  confidential: boolean;
  taskId?: string;
}

/** The "Raise a concern" form: the concern, whether the department has a conflict of interest, and the task it is about (optional). */
export async function readConcernForm(
  body: unknown,
  taskIds: readonly string[],
): Promise<{ values: ConcernValues; input?: ConcernInput; problems: FormProblem[] }> {
  const values: ConcernValues = {
    reason: field(body, 'reason').trim(),
    conflictOfInterest: field(body, 'conflictOfInterest') === 'yes',
    confidential: field(body, 'confidential') === 'yes',
    taskId: field(body, 'taskId'),
  };
  const input: ConcernInput = {
    reason: values.reason,
    // Confidential goes to the central team, so the conflict-of-interest route does not apply.
    conflictOfInterest: values.conflictOfInterest && !values.confidential,
    confidential: values.confidential,
    ...(values.taskId ? { taskId: values.taskId } : {}),
  };
  const problems = await dtoProblems(RaiseConcernDto, input, {
    reason: { '*': 'Enter your concern', maxLength: atMost('Your concern', MAX_ESCALATION_TEXT) },
    taskId: 'Select a task from the list, or none',
  });
  // The list offers this journey's tasks only; another id is not one of them.
  if (values.taskId && !taskIds.includes(values.taskId) && !problems.some((p) => p.field === 'taskId'))
    problems.push({ field: 'taskId', text: 'Select a task from the list, or none' });
  return problems.length ? { values, problems } : { values, problems, input };
}
