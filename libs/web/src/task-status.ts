import type { TaskStatus } from '@pathway/domain/vocabulary';
import { TASK_STATUS_LABELS } from './labels';

/**
 * The GOV.UK task list's `status` parameter for a task status (the "Complete multiple tasks"
 * pattern): "Completed" is plain text, "Cannot start yet" is grey text, the rest are tags.
 * Use as `govukTaskList({ items: [{ title, href, status: taskListStatus(task.status) }] })`.
 */
export function taskListStatus(
  status: TaskStatus | string,
): { text: string; classes?: string } | { tag: { text: string; classes?: string } } {
  const text = TASK_STATUS_LABELS[status as TaskStatus] ?? String(status);
  switch (status) {
    case 'completed':
      return { text };
    case 'cannot_start_yet':
      return { text, classes: 'govuk-task-list__status--cannot-start-yet' };
    case 'not_started':
      return { tag: { text, classes: 'govuk-tag--blue' } };
    case 'in_progress':
      return { tag: { text, classes: 'govuk-tag--light-blue' } };
    case 'not_applicable':
      return { tag: { text, classes: 'govuk-tag--grey' } };
    default:
      return { tag: { text, classes: 'govuk-tag--grey' } };
  }
}

/** Tasks in this status are shown without a link in a task list ("Cannot start yet" unlinked). */
export function isTaskLinkable(status: TaskStatus | string): boolean {
  return status !== 'cannot_start_yet';
}
