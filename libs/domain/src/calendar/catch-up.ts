/**
 * Catch-up deadlines for tasks created late, spread by dependency order.
 *
 * A journey that starts late would otherwise put every task whose template deadline has passed
 * on the same day (`CATCH_UP_WORKING_DAYS` after creation), so a lead faces a wall of deadlines
 * at once and tasks fall due before the tasks they depend on could possibly be done. Here a
 * caught-up task is due no earlier than the floor and no earlier than `CATCH_UP_STEP_WORKING_DAYS`
 * after the latest deadline of the tasks it depends on, and a task whose own deadline was still
 * ahead moves after any dependency that was caught up: the checklist's own order becomes the
 * order of the deadlines. Statutory deadlines are facts of law and stay as computed.
 */
import { CATCH_UP_WORKING_DAYS } from './due-date';
import type { Nation } from '../vocabulary';
import { addWorkingDays } from './working-days';

/** Working days between a caught-up task and each task it depends on. */
export const CATCH_UP_STEP_WORKING_DAYS = 5;

export interface CatchUpTask {
  key: string;
  dependsOn: readonly string[];
  /** The deadline from the template rule (null: none yet). */
  dueDate: string | null;
  statutory: boolean;
  /** The London date the task was created, when not `createdOn` (recomputing a journey's older tasks). */
  createdOn?: string;
}

/**
 * The deadline of each task (same order as given): new tasks, or a journey's tasks whose deadlines
 * are recomputed (its transfer date moved, an event fired, a re-plan). Each task's floor is
 * `CATCH_UP_WORKING_DAYS` after its own `createdOn` (the argument when it has none). `existing` are
 * the journey's other tasks with the deadlines they keep (hand-set ones among them; dependencies
 * may be there). Dependency cycles, which template validation forbids, are cut rather than followed.
 */
export function catchUpDueDates(
  tasks: readonly CatchUpTask[],
  createdOn: string,
  existing: ReadonlyArray<{ key: string; dueDate: string | null }> = [],
  /** Whose bank holidays count (the journey's nation): Scotland's and Northern Ireland's differ from England's. */
  nation?: Nation,
): Array<string | null> {
  const floors = new Map<string, string>();
  const floorOf = (day: string): string => {
    const floor = floors.get(day) ?? addWorkingDays(day, CATCH_UP_WORKING_DAYS, nation);
    floors.set(day, floor);
    return floor;
  };
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const known = new Map<string, string | null>(existing.map((t) => [t.key, t.dueDate]));
  const visiting = new Set<string>();
  const moved = new Set<string>();
  const resolve = (key: string): string | null => {
    if (known.has(key)) return known.get(key)!;
    const task = byKey.get(key);
    if (!task || visiting.has(key)) return null;
    visiting.add(key);
    let due = task.dueDate;
    if (due !== null && !task.statutory) {
      const floor = floorOf(task.createdOn ?? createdOn);
      if (due < floor) {
        due = floor;
        moved.add(key);
      }
      // After every dependency that was caught up (a moved dependency must not leave this one before it).
      for (const dep of task.dependsOn) {
        const depDue = resolve(dep);
        if (depDue && (moved.has(key) || moved.has(dep))) {
          const after = addWorkingDays(depDue, CATCH_UP_STEP_WORKING_DAYS, nation);
          if (after > due) {
            due = after;
            moved.add(key);
          }
        }
      }
    }
    visiting.delete(key);
    known.set(key, due);
    return due;
  };
  return tasks.map((t) => resolve(t.key));
}
