/** Due dates from template rules: an offset from the planned transfer date or from the date an event fired. */
import { JourneyEventType } from '../events';
import { addCalendar, DueUnit } from './add-calendar';

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
}

/** The due date, or null when the rule is anchored on an event that has not happened yet. */
export function computeDueDate(rule: DueRule, anchors: DueAnchors): string | null {
  const anchor = rule.anchor === 'planned_transfer_date' ? anchors.plannedTransferDate : anchors.eventDates[rule.anchor];
  if (!anchor) return null;
  return addCalendar(anchor, rule.offset, rule.unit);
}
