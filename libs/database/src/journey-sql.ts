/**
 * SQL fragments shared by every query about journeys and their tasks (pipeline, work queue, contracts, calendar). They must stay textually equivalent to the
 * expressions of the partial indexes in migrations/1763800300000-Pipeline.ts (and the journeys
 * migration's `journey_tasks_open_deadline_idx`), or Postgres will not use those indexes.
 */

/** A task's deadline: `due_at` when set, otherwise the end of `due_date` in Europe/London. */
export const taskDeadline = (t: string): string => `COALESCE(${t}.due_at, (${t}.due_date + 1)::timestamp AT TIME ZONE 'Europe/London')`;

/** A task still to do: neither completed nor not applicable (cannot_start_yet counts as open). */
export const taskIsOpen = (t: string): string => `${t}.status NOT IN ('completed', 'not_applicable')`;

/**
 * Overdue: open with its deadline at or before the instant measured `at` (as the task presenter's
 * `overdue` and the `task_overdue` reminder, which fires at the deadline).
 */
export const taskIsOverdue = (t: string, at: string): string => `${taskIsOpen(t)} AND ${taskDeadline(t)} <= ${at}`;

/** Active journey: anything not withdrawn (on-hold journeys are active; they show as on_hold in byState). */
export const journeyIsActive = (j: string): string => `${j}.state <> 'withdrawn'`;

/**
 * Whose deadlines are running: active and not on hold. A hold pauses the clock, so an on-hold
 * journey has no overdue tasks (its open tasks still count as open).
 */
export const journeyClockRuns = (j: string): string => `${j}.state NOT IN ('withdrawn', 'on_hold')`;

/** Not yet transferred: its staff are still to move (pre_spin_out and spinning_out phases). */
export const journeyNotTransferred = (j: string): string => `${j}.phase IN ('pre_spin_out', 'spinning_out')`;

/** Bind parameters collected while a statement is written: `p.add(v)` returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
