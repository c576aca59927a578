/**
 * Whether a checklist task can be started: a task whose dependencies are not all completed or
 * not applicable is `cannot_start_yet`; once they all are, it becomes `not_started`. A task that
 * has been started, completed or marked not applicable keeps its status. A dependency that does
 * not exist among the tasks (e.g. created only when a later event fires) counts as not done.
 */
import { DONE_TASK_STATUSES, TaskStatus } from '../vocabulary';

export interface DependentTask {
  key: string;
  dependsOn: readonly string[];
}

export interface KeyedStatus {
  key: string;
  status?: TaskStatus;
}

function dependenciesDone(task: DependentTask, statusByKey: Map<string, TaskStatus | undefined>): boolean {
  return task.dependsOn.every((dep) => {
    const status = statusByKey.get(dep);
    return status !== undefined && DONE_TASK_STATUSES.includes(status);
  });
}

/** The status a newly created task starts in, given the tasks that already exist (with their statuses). */
export function initialTaskStatus(task: DependentTask, allTasks: readonly KeyedStatus[]): TaskStatus {
  const statusByKey = new Map(allTasks.map((t) => [t.key, t.status]));
  return dependenciesDone(task, statusByKey) ? 'not_started' : 'cannot_start_yet';
}

/** Every task's status after applying the dependency rule (same order as given). */
export function recomputeAvailability(
  tasks: ReadonlyArray<{ key: string; status: TaskStatus; dependsOn: readonly string[] }>,
): Array<{ key: string; status: TaskStatus }> {
  const statusByKey = new Map<string, TaskStatus | undefined>(tasks.map((t) => [t.key, t.status]));
  return tasks.map((t) => {
    if (t.status !== 'cannot_start_yet' && t.status !== 'not_started') return { key: t.key, status: t.status };
    return { key: t.key, status: dependenciesDone(t, statusByKey) ? 'not_started' : 'cannot_start_yet' };
  });
}

/** Whether a task may be marked completed now (the contract answers 409 otherwise). */
export function canComplete(task: DependentTask, allTasks: readonly KeyedStatus[]): boolean {
  return dependenciesDone(task, new Map(allTasks.map((t) => [t.key, t.status])));
}
