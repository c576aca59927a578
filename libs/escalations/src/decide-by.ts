import type { ReminderPolicy } from '@pathway/domain/calendar/reminder-schedule';
import { escalationRaiseAt } from '@pathway/reminders/domain/escalation-timing';

/**
 * When the organisation an escalation sits with should decide it: the time it reached its level
 * plus the journey's `escalateAfter` (the same instant at which, below the last level, it rises
 * by itself). Null when the stored policy does not parse: no date is better than a wrong one.
 */
export function decideBy(levelSince: Date, policy: Pick<ReminderPolicy, 'escalateAfter' | 'escalateAfterWorkingDays'>): Date | null {
  try {
    return escalationRaiseAt(new Date(levelSince), policy);
  } catch {
    return null;
  }
}
