import type { EntityManager } from 'typeorm';
import { recomputeAvailability } from '@pathway/domain/tasks/availability';
import { RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY } from '@pathway/domain/template/validate-template';
import type { TaskStatus } from '@pathway/domain/vocabulary';
import { recordHistory } from '@pathway/journeys/history';

export interface ClosedTask {
  taskId: string;
  /** Tasks whose availability changed because this one closed (dependents). */
  dependentIds: string[];
}

/**
 * Closes the parent body's response task inside the caller's transaction (the journey row is
 * already locked by the event being applied): `completed` when the parent body accepts or
 * declines, `not_applicable` when the request is withdrawn unanswered. Writes a `task_updated`
 * history row (actor: none, Pathway did it; `automatic: true`, `cause`: the event, `causedByUserId`: who fired it) and updates
 * dependents' availability. Does nothing (returns null) when the task does not exist or is
 * already completed or not applicable. The journey's version is not bumped again: the event that
 * caused this already did.
 */
export async function closeResponseTask(
  tx: EntityManager,
  journeyId: string,
  input: { status: Extract<TaskStatus, 'completed' | 'not_applicable'>; actorUserId: string | null; cause: string; reason?: string },
): Promise<ClosedTask | null> {
  const tasks: Array<{ id: string; key: string; title: string; status: TaskStatus; dependsOn: string[] }> = await tx.query(
    `SELECT id, key, title, status, depends_on AS "dependsOn" FROM journey_tasks WHERE journey_id = $1 FOR UPDATE`,
    [journeyId],
  );
  const task = tasks.find((t) => t.key === RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY);
  if (!task || task.status === 'completed' || task.status === 'not_applicable') return null;

  const completed = input.status === 'completed';
  await tx.query(`UPDATE journey_tasks SET status = $2, completed_at = $3, not_applicable_reason = $4, updated_at = now() WHERE id = $1`, [
    task.id,
    input.status,
    completed ? new Date() : null,
    completed ? null : (input.reason ?? null),
  ]);
  const from = task.status;
  task.status = input.status;

  const dependentIds: string[] = [];
  for (const { key, status } of recomputeAvailability(tasks)) {
    const other = tasks.find((t) => t.key === key);
    if (other && other.id !== task.id && other.status !== status) {
      await tx.query(`UPDATE journey_tasks SET status = $2, updated_at = now() WHERE id = $1`, [other.id, status]);
      dependentIds.push(other.id);
    }
  }

  await recordHistory(tx, {
    journeyId,
    actorUserId: null,
    type: 'task_updated',
    data: {
      taskId: task.id,
      taskKey: task.key,
      title: task.title,
      changes: { status: { from, to: input.status } },
      automatic: true,
      cause: input.cause,
      causedByUserId: input.actorUserId,
      ...(input.reason && !completed ? { notApplicableReason: input.reason } : {}),
      ...(dependentIds.length ? { dependentsUpdated: dependentIds.length } : {}),
    },
  });
  return { taskId: task.id, dependentIds };
}
