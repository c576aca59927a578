/**
 * Evidence-gated tasks (TemplateTask.evidence): a fact, not a tick, completes them. Pure rules for
 * what a person may do to such a task by hand, and what the evidence does to it.
 */
import { DONE_TASK_STATUSES, type TaskStatus } from '../vocabulary';

export const BALLOT_TASK_RULE = 'completed by recording a ballot that meets the threshold';

/**
 * Why a person may not set this status on an evidence-gated task by hand, or null. Completing it by
 * tick is refused for everyone (the central team waives instead; not applicable is a separate rule).
 */
export function evidenceTaskTickProblem(evidence: 'staff_ballot' | undefined, status: TaskStatus | undefined): string | null {
  if (evidence !== 'staff_ballot' || status !== 'completed') return null;
  return `This task is ${BALLOT_TASK_RULE} (POST /api/journeys/:id/staff-ballots), not by ticking it`;
}

/**
 * What the ballot task's status becomes when the evidence changes, or null to leave it: a waiver
 * makes it not applicable (unless already done); otherwise a qualifying latest ballot completes
 * it and a latest ballot that falls short reopens a completed one (to `reopenTo`, which respects
 * its dependencies).
 */
export function ballotTaskStatus(
  current: TaskStatus,
  facts: { latestMeets: boolean | null; waived: boolean },
  reopenTo: 'not_started' | 'cannot_start_yet',
): TaskStatus | null {
  if (facts.waived) return DONE_TASK_STATUSES.includes(current) ? null : 'not_applicable';
  if (facts.latestMeets === true) return current === 'completed' ? null : 'completed';
  if (facts.latestMeets === false && current === 'completed') return reopenTo;
  return null;
}
