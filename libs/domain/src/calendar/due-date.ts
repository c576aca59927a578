/** Due dates from template rules: an offset from the planned transfer date or from the date an event fired. */
import { JourneyEventType } from '../events';
import { addCalendar, DueUnit } from './add-calendar';
import type { Nation } from '../vocabulary';
import { addWorkingDays } from './working-days';

export interface DueRule {
  anchor: 'planned_transfer_date' | JourneyEventType;
  /** Negative = before the anchor. */
  offset: number;
  unit: DueUnit;
}

export interface DueAnchors {
  plannedTransferDate: string;
  /** London date on which each event (first) fired. */
  eventDates: Partial<Record<JourneyEventType, string>>;
  /** Whose bank holidays working days skip (the journey's nation); England when not given. */
  nation?: Nation;
}

/** The due date, or null when the rule is anchored on an event that has not happened yet. */
export function computeDueDate(rule: DueRule, anchors: DueAnchors): string | null {
  const anchor = rule.anchor === 'planned_transfer_date' ? anchors.plannedTransferDate : anchors.eventDates[rule.anchor];
  if (!anchor) return null;
  return addCalendar(anchor, rule.offset, rule.unit, anchors.nation);
}

/** Working days a late-starting journey gets for a task whose template deadline had already passed. */
export const CATCH_UP_WORKING_DAYS = 10;

/**
 * A journey that starts late (or whose transfer date moves closer) would otherwise have tasks
 * that are overdue the moment they exist, and escalate days later for a delay nobody caused.
 * A non-statutory task's computed deadline is therefore never before `CATCH_UP_WORKING_DAYS`
 * working days after the task was created. Statutory deadlines are facts of law and stay as
 * computed, overdue or not: that is what the at-risk monitoring is for.
 */
export function withCatchUp(dueDate: string | null, options: { createdOn: string; statutory: boolean; nation?: Nation }): string | null {
  if (dueDate === null || options.statutory) return dueDate;
  const floor = addWorkingDays(options.createdOn, CATCH_UP_WORKING_DAYS, options.nation);
  return dueDate < floor ? floor : dueDate;
}

/**
 * The earliest deadline a person may set by hand for a task whose rule is anchored on an event
 * (the parent body's response to a request, the review of a business case): the date that event
 * fired. A deadline before the request it answers is a mistake, never a plan. Null when the rule
 * is anchored on the transfer date or the event has not fired.
 */
export function earliestHandSetDueDate(rule: DueRule | null, anchors: Pick<DueAnchors, 'eventDates'>): string | null {
  if (!rule || rule.anchor === 'planned_transfer_date') return null;
  return anchors.eventDates[rule.anchor] ?? null;
}
