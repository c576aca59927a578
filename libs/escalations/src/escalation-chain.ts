import type { JourneyParties } from '@pathway/identity/access-policy';

export const TOP_LEVEL = 2;

/**
 * Taskforce recommendation 2 ii: a clear escalation point. Level 1 is the journey's Whitehall
 * department, level 2 its independent arbiter; a missing level falls back to the central team.
 */
export function assigneeForLevel(level: number, j: JourneyParties, centralOrganisationId: string): string {
  if (level <= 1) return j.departmentId ?? centralOrganisationId;
  return j.arbiterId ?? centralOrganisationId;
}

/**
 * Where an escalation starts. A conflict of interest goes straight to the arbiter; so does an
 * appeal when the department is itself the parent body (a department spinning out its own
 * service must not decide an appeal against itself).
 */
export function startingLevel(options: { conflictOfInterest: boolean; trigger: string }, j: JourneyParties): number {
  if (options.conflictOfInterest) return 2;
  if (options.trigger === 'appeal' && j.departmentId && j.departmentId === j.parentBodyId) return 2;
  return 1;
}
