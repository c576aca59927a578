import { handSetDeadlineProblem } from '@pathway/domain/tasks/hand-set-deadline';
import { SETTABLE_TASK_STATUSES, UpdateTaskDto } from '@pathway/journeys/dto/task.dto';
import { parseDateInput, type DateInputValues, type DatePart } from '../date-input';
import { dtoProblems, field, inPageOrder, type FormProblem, type FormWords } from '../forms';

export interface TaskFormValues {
  status: string;
  notApplicableReason: string;
  dueDate: DateInputValues;
  /** '' for nobody; absent from forms that do not offer it. */
  assigneeUserId?: string;
  /** The central team's reason for overriding a duty rule (only its form offers it). */
  overrideReason?: string;
}

/** Field labels, for messages from the tasks service. */
export const TASK_FIELDS: Record<string, string> = {
  status: 'Status',
  notApplicableReason: 'Why the task does not apply',
  dueDate: 'Due date',
  assigneeUserId: 'Assigned to',
  overrideReason: 'Reason for overriding a duty rule',
};

/** Words for what UpdateTaskDto refuses once the form has read what was typed (its bounds, written once there). */
const TASK_WORDS: FormWords = {
  notApplicableReason: { maxLength: 'Why the task does not apply must be 2,000 characters or fewer' },
  overrideReason: { maxLength: 'Reason for overriding must be 2,000 characters or fewer' },
  assigneeUserId: 'Select a person from the list',
};

/**
 * Reads the task form: the changes for JourneyTasksService.update (only what differs from the
 * task now), or the problems in GOV.UK words. A status the person did not change is not sent, so
 * saving only a new due date never trips over the status rules.
 */
export async function readTaskForm(
  body: unknown,
  current: { status: string; dueDate: string | null; notApplicableReason: string | null; assigneeUserId?: string | null },
  now = new Date(),
): Promise<{ values: TaskFormValues; dto?: UpdateTaskDto; problems: FormProblem[]; dateErrorParts: DatePart[] }> {
  const date = parseDateInput(body, { name: 'dueDate', label: 'the due date' });
  const values: TaskFormValues = {
    status: field(body, 'status'),
    notApplicableReason: field(body, 'notApplicableReason').trim(),
    dueDate: date.values,
    ...(body && typeof body === 'object' && 'assigneeUserId' in body ? { assigneeUserId: field(body, 'assigneeUserId') } : {}),
    ...(body && typeof body === 'object' && 'overrideReason' in body ? { overrideReason: field(body, 'overrideReason').trim() } : {}),
  };
  const problems: FormProblem[] = [];
  const settable = (SETTABLE_TASK_STATUSES as readonly string[]).includes(values.status);
  if (values.status && !settable) problems.push({ field: 'status', text: 'Select a status from the list' });
  if (!values.status && current.status !== 'cannot_start_yet' && date.empty)
    problems.push({ field: 'status', text: 'Select the status of the task' });
  if (values.status === 'not_applicable') {
    if (!values.notApplicableReason) problems.push({ field: 'notApplicableReason', text: 'Enter why the task does not apply' });
  }
  // The API's bounds on what was typed, whether or not it would be sent (a reason too long is refused, not dropped).
  const typed = {
    ...(values.notApplicableReason ? { notApplicableReason: values.notApplicableReason } : {}),
    ...(values.overrideReason ? { overrideReason: values.overrideReason } : {}),
    ...(values.assigneeUserId ? { assigneeUserId: values.assigneeUserId } : {}),
  };
  problems.push(...(await dtoProblems(UpdateTaskDto, typed, TASK_WORDS, problems)));
  // The tasks service's rule (today or later), in the form's words; the date as it is stays allowed.
  const past = date.value && handSetDeadlineProblem({ dueDate: date.value }, { dueDate: current.dueDate, dueAt: null }, now);
  const dateProblem: (FormProblem & { parts: DatePart[] }) | undefined =
    date.problem ??
    (past
      ? { field: 'dueDate', text: 'The due date must be today or in the future', href: '#dueDate-day', parts: ['day', 'month', 'year'] }
      : undefined);
  if (dateProblem) problems.push(dateProblem);
  inPageOrder(problems, Object.keys(TASK_FIELDS));
  if (problems.length) return { values, problems, dateErrorParts: dateProblem?.parts ?? [] };

  const dto: UpdateTaskDto = {};
  const statusChanged = settable && values.status !== current.status;
  const reasonChanged = values.status === 'not_applicable' && values.notApplicableReason !== (current.notApplicableReason ?? '');
  if (statusChanged || reasonChanged) dto.status = values.status as UpdateTaskDto['status'];
  if (dto.status === 'not_applicable') dto.notApplicableReason = values.notApplicableReason;
  if (date.value && date.value !== current.dueDate) dto.dueDate = date.value;
  if (values.assigneeUserId !== undefined && (values.assigneeUserId || null) !== (current.assigneeUserId ?? null))
    dto.assigneeUserId = values.assigneeUserId || null;
  // A reason alone changes nothing; it goes with a change that needs it.
  if (values.overrideReason && Object.keys(dto).length) dto.overrideReason = values.overrideReason;
  return { values, dto, problems, dateErrorParts: [] };
}
