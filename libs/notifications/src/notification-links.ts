import type { Principal } from '@pathway/identity/principal';
import type { NotificationEntity } from './notification.entity';

/** Where a notification leads (a path of the web pages): the escalation, the task, the response page or the journey. */
export function notificationHref(
  n: Pick<NotificationEntity, 'type' | 'journeyId' | 'taskId' | 'escalationId'>,
  user: Pick<Principal, 'role'>,
): string | null {
  if (n.escalationId) return `/escalations/${n.escalationId}`;
  if (n.journeyId && n.type === 'expression_of_interest_received' && user.role === 'parent_body_officer')
    return `/journeys/${n.journeyId}/respond`;
  if (n.journeyId && n.taskId) return `/journeys/${n.journeyId}/tasks/${n.taskId}`;
  if (n.journeyId) return `/journeys/${n.journeyId}`;
  return null;
}
