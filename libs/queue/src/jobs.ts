/**
 * The one place for queue names and job types. Every job payload carries ids only: the handler
 * reloads the world from Postgres and does nothing if it has moved on.
 */
export enum QueueName {
  Reminders = 'reminders',
  Notifications = 'notifications',
  Maintenance = 'maintenance',
}

/** Job name → payload. Adding a job here without a handler stops the worker at startup. */
export interface JobPayloads {
  /** Send the email for one notification, if email is configured and it has not been sent. */
  'notification.email': { notificationId: string };
  /** Deliver one reminder row (libs/reminders) if it is still pending and due. Job id `reminder-<id>`. */
  'reminder.fire': { reminderId: string };
  /**
   * On a job scheduler: feed Redis from Postgres (every pending reminder due within the horizon
   * whose job is missing; the email of every recent notification not yet sent).
   */
  'queue.reconcile': Record<string, never>;
  /** On a job scheduler: raise every open escalation nobody acted on within its journey's escalateAfter. */
  'escalation.sweep': Record<string, never>;
  /** On a job scheduler: write the daily digest email of each person with routine notices held for it (libs/notifications, EmailDigest). */
  'notification.digest': Record<string, never>;
  /** On a job scheduler: create the next cycle year's tasks of every operating journey whose year is due (libs/sustainability). */
  'yearly_cycle.sweep': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'notification.email': QueueName.Notifications,
  'reminder.fire': QueueName.Reminders,
  'queue.reconcile': QueueName.Maintenance,
  'escalation.sweep': QueueName.Maintenance,
  'yearly_cycle.sweep': QueueName.Maintenance,
  'notification.digest': QueueName.Maintenance,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** BullMQ forbids ':' in custom job ids. */
export function jobId(...parts: string[]): string {
  return parts.join('-').replace(/:/g, '_');
}
