import type { EntityManager } from 'typeorm';
import { appealSubjectOf, DEFAULT_RECONSIDERATION_RESPONSE_DAYS, reconsiderationDueDate } from '@pathway/domain/appeals';
import { todayInLondon } from '@pathway/domain/calendar/london';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { queryRows } from '@pathway/database/query-rows';
import { recordHistory } from '@pathway/journeys/history';
import type { JourneyChange } from '@pathway/journeys/journey-change.bus';

/**
 * An upheld appeal asks the parent body to decide again (Taskforce rec. 2 ii; appeals.ts): the
 * task for that decision (`respond_to_expression_of_interest`, or `review_business_case`) opens
 * again with a new deadline of the template's `reconsiderationResponseDays` working days of the
 * journey's nation. The deadline counts as set (`due_set_by_hand`), so a replan does not move it
 * back to the first one. Its reminders and its overdue escalation follow from the task (the
 * caller puts its id in `change.taskIds`). A task row in the history says what changed and why.
 */
export async function reopenForReconsideration(
  tx: EntityManager,
  change: JourneyChange,
  template: PathwayTemplate,
): Promise<{ taskId: string; dueDate: string } | null> {
  const subject = appealSubjectOf(change.event!.fromState);
  if (!subject) return null;
  const j = change.journey;
  const days = template.reconsiderationResponseDays ?? DEFAULT_RECONSIDERATION_RESPONSE_DAYS;
  const dueDate = reconsiderationDueDate(todayInLondon(new Date()), days, j.nation);
  const [row] = queryRows<{ id: string; key: string; title: string; fromStatus: string; fromDue: string | null }>(
    await tx.query(
      `UPDATE journey_tasks t SET status = 'not_started', completed_at = NULL, not_applicable_reason = NULL,
              due_date = $3, due_at = NULL, due_set_by_hand = true, updated_at = now()
         FROM journey_tasks old
        WHERE t.id = old.id AND t.journey_id = $1 AND t.key = $2
        RETURNING t.id, t.key, t.title, old.status AS "fromStatus", to_char(old.due_date, 'YYYY-MM-DD') AS "fromDue"`,
      [j.id, subject.taskKey, dueDate],
    ),
  );
  if (!row) return null;
  await recordHistory(tx, {
    journeyId: j.id,
    actorUserId: null,
    type: 'task_updated',
    data: {
      taskId: row.id,
      taskKey: row.key,
      title: row.title,
      changes: { status: { from: row.fromStatus, to: 'not_started' }, dueDate: { from: row.fromDue, to: dueDate } },
      automatic: true,
      cause: 'uphold_appeal',
      causedByUserId: change.actorUserId,
      reconsiderationResponseDays: days,
    },
  });
  return { taskId: row.id, dueDate };
}

/** A refused business case is a decision taken: the parent body's review task is done (its reminders stop). */
export async function reviewTaskDone(tx: EntityManager, change: JourneyChange): Promise<void> {
  const j = change.journey;
  const rows = queryRows<{ id: string; key: string; title: string; fromStatus: string }>(
    await tx.query(
      `UPDATE journey_tasks t SET status = 'completed', completed_at = now(), updated_at = now()
         FROM journey_tasks old
        WHERE t.id = old.id AND t.journey_id = $1 AND t.key = 'review_business_case' AND t.status NOT IN ('completed', 'not_applicable')
        RETURNING t.id, t.key, t.title, old.status AS "fromStatus"`,
      [j.id],
    ),
  );
  for (const row of rows) {
    await recordHistory(tx, {
      journeyId: j.id,
      actorUserId: null,
      type: 'task_updated',
      data: {
        taskId: row.id,
        taskKey: row.key,
        title: row.title,
        changes: { status: { from: row.fromStatus, to: 'completed' } },
        automatic: true,
        cause: change.event!.type,
        causedByUserId: change.actorUserId,
      },
    });
    change.taskIds = [...new Set([...change.taskIds, row.id])];
  }
}
