import { DateTime } from 'luxon';
import { LONDON } from '@pathway/domain/calendar/london';
import type { TaskForReminders } from './reminder-store';

/** "Friday 20 March 2026", or "14:05 on Friday 20 March 2026" for a deadline given as an instant. */
export function describeDeadline(task: Pick<TaskForReminders, 'dueDate' | 'dueAt'>): string {
  if (task.dueAt) return DateTime.fromJSDate(new Date(task.dueAt), { zone: LONDON }).toFormat("HH:mm:ss 'on' cccc d LLLL yyyy");
  if (task.dueDate) return DateTime.fromISO(task.dueDate, { zone: LONDON }).toFormat('cccc d LLLL yyyy');
  return 'no date';
}

export function dueSoonMessage(task: TaskForReminders, journeyName: string): { title: string; body: string } {
  return {
    title: `Due soon: ${task.title}`,
    body: `${journeyName}: “${task.title}” is due by ${describeDeadline(task)}.`,
  };
}

export function overdueMessage(task: TaskForReminders, journeyName: string): { title: string; body: string } {
  return {
    title: `Overdue: ${task.title}`,
    body: `${journeyName}: “${task.title}” was due by ${describeDeadline(task)} and is not complete. If it stays open it will be escalated.`,
  };
}

export function escalationReason(task: TaskForReminders): string {
  return `“${task.title}” was due by ${describeDeadline(task)} and is still not complete.`;
}
