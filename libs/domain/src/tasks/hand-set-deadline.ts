/**
 * The rule for a deadline a person sets by hand, on a new task or an edit, whatever the path (API,
 * web form): its day in London is today or later. A deadline already past is a mistake, never a
 * plan: it would make the task overdue (and escalate it) at once. A deadline left as stored passes,
 * so an overdue task's other fields (or a form re-saved with its date unchanged) can still be saved.
 * Pure: the caller supplies the stored deadline and the clock.
 */
import { DateTime } from 'luxon';
import { LONDON, todayInLondon } from '../calendar/london';

export interface HandSetDeadline {
  /** A `YYYY-MM-DD` London date (already checked for shape by the caller). */
  dueDate?: string | null;
  /** An ISO-8601 instant with a zone (already checked for shape); null clears it. */
  dueAt?: string | null;
}

export interface StoredDeadline {
  dueDate: string | null;
  dueAt: Date | string | null;
}

export interface DeadlineProblem {
  field: 'dueDate' | 'dueAt';
  message: string;
}

export const PAST_DEADLINE_MESSAGE = 'must be today or later';

/** The first problem with the hand-set deadline (field named, for a 400), or null. */
export function handSetDeadlineProblem(next: HandSetDeadline, stored: StoredDeadline | null, now: Date): DeadlineProblem | null {
  const today = todayInLondon(now);
  if (next.dueDate != null && next.dueDate !== stored?.dueDate && next.dueDate < today)
    return { field: 'dueDate', message: `dueDate ${PAST_DEADLINE_MESSAGE}` };
  if (next.dueAt != null && !sameInstant(next.dueAt, stored?.dueAt ?? null)) {
    const day = DateTime.fromISO(next.dueAt, { setZone: true }).setZone(LONDON).toISODate();
    if (day !== null && day < today) return { field: 'dueAt', message: `dueAt ${PAST_DEADLINE_MESSAGE}` };
  }
  return null;
}

function sameInstant(a: string, b: Date | string | null): boolean {
  if (b === null) return false;
  return Date.parse(a) === (b instanceof Date ? b.getTime() : Date.parse(b));
}
