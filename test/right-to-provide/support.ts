import { DateTime } from 'luxon';
import type { TestApp } from '../support/app';
import type { Actor } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';

export const RESPOND_KEY = 'respond_to_expression_of_interest';

export interface Notification {
  id: string;
  type: string;
  journeyId: string | null;
  taskId: string | null;
  escalationId: string | null;
  title: string;
  body: string;
}

export interface HistoryItem {
  at: string;
  actorUserId: string | null;
  type: string;
  fromState: string | null;
  toState: string | null;
  data: Record<string, unknown>;
}

/** Today's date in London plus `days`, as YYYY-MM-DD. */
export function londonDatePlus(days: number): string {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!;
}

/** The caller's notifications about one journey, newest first. */
export async function notificationsOf(t: TestApp, as: Actor, journeyId: string): Promise<Notification[]> {
  const res = await t.http().get('/api/notifications?limit=200').set(as.auth).expect(200);
  return (res.body.items as Notification[]).filter((n) => n.journeyId === journeyId);
}

export async function historyOf(t: TestApp, as: Actor, journeyId: string): Promise<HistoryItem[]> {
  const res = await t.http().get(`/api/journeys/${journeyId}/history`).set(as.auth).expect(200);
  return res.body.items;
}

export async function responseTask(t: TestApp, as: Actor, journeyId: string) {
  const res = await t.http().get(`/api/journeys/${journeyId}/tasks`).set(as.auth).expect(200);
  return (res.body.items as Array<Record<string, unknown> & { id: string; key: string; status: string; dueDate: string | null }>).find(
    (x) => x.key === RESPOND_KEY,
  );
}

export async function inbox(t: TestApp, as: Actor, query = '') {
  return t.http().get(`/api/right-to-provide-requests${query}`).set(as.auth);
}

/** A new journey whose mutual has submitted its expression of interest. */
export async function submittedJourney(
  t: TestApp,
  cast: Cast,
  name = `Right to Provide ${Math.random().toString(36).slice(2, 8)}`,
  proposalSummary = 'Staff-led community health mutual',
) {
  const journey = await createJourney(t, cast, { name });
  const res = await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; version: number; state: string };
}

/** The open appeal escalation of a journey, as the given user sees it. */
export async function openAppeal(t: TestApp, as: Actor, journeyId: string) {
  const res = await t.http().get(`/api/escalations?status=open&journeyId=${journeyId}`).set(as.auth).expect(200);
  return (res.body.items as Array<{ id: string; trigger: string; level: number; assignedOrganisationId: string; reason: string }>).find(
    (e) => e.trigger === 'appeal',
  );
}
