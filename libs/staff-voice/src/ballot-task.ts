import type { EntityManager } from 'typeorm';
import { ballotTaskStatus } from '@pathway/domain/staff-voice/evidence-task';
import { canComplete, recomputeAvailability } from '@pathway/domain/tasks/availability';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { recordHistory } from '@pathway/journeys/history';

/**
 * Brings the journey's evidence-gated ballot task in line with the evidence (the domain's
 * `ballotTaskStatus`), inside the caller's transaction: completed by a qualifying latest ballot,
 * reopened by a later one that falls short, not applicable by a waiver. Each change is a history
 * row done by Pathway (actorUserId null) and caused by the person who recorded the evidence, as
 * for tasks completed by an event. Returns the ids of the tasks changed (with dependents).
 */
export async function syncBallotTask(
  tx: EntityManager,
  journeyId: string,
  template: PathwayTemplate,
  facts: { latestMeets: boolean | null; waived: boolean; waiverReason?: string },
  cause: 'staff_ballot_recorded' | 'staff_support_waived',
  causedByUserId: string,
): Promise<string[]> {
  const keys = template.tasks.filter((t) => t.evidence === 'staff_ballot').map((t) => t.key);
  if (!keys.length) return [];
  const repo = tx.getRepository(JourneyTaskEntity);
  const all = await repo.findBy({ journeyId });
  const changed: string[] = [];
  for (const task of all.filter((t) => keys.includes(t.key))) {
    const next = ballotTaskStatus(task.status, facts, canComplete(task, all) ? 'not_started' : 'cannot_start_yet');
    if (!next) continue;
    const from = task.status;
    task.status = next;
    task.completedAt = next === 'completed' ? new Date() : null;
    task.notApplicableReason = next === 'not_applicable' ? (facts.waiverReason ?? null) : null;
    task.updatedAt = new Date();
    await tx.query(
      `UPDATE journey_tasks SET status = $2, completed_at = $3, not_applicable_reason = $4, updated_at = now() WHERE id = $1`,
      [task.id, task.status, task.completedAt, task.notApplicableReason],
    );
    await recordHistory(tx, {
      journeyId,
      actorUserId: null,
      type: 'task_updated',
      data: {
        taskId: task.id,
        taskKey: task.key,
        title: task.title,
        changes: { status: { from, to: next } },
        ...(task.notApplicableReason ? { notApplicableReason: task.notApplicableReason } : {}),
        automatic: true,
        cause,
        causedByUserId,
      },
    });
    changed.push(task.id);
  }
  if (!changed.length) return [];
  for (const { key, status } of recomputeAvailability(all)) {
    const other = all.find((t) => t.key === key);
    if (other && other.status !== status) {
      await tx.query(`UPDATE journey_tasks SET status = $2, updated_at = now() WHERE id = $1`, [other.id, status]);
      changed.push(other.id);
    }
  }
  return changed;
}
