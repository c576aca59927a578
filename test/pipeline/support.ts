import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import type { TestApp } from '../support/app';
import type { Actor } from '../support/fixtures';
import { Cast, completeGate, fire } from '../support/journeys';

export interface Task {
  id: string;
  key: string;
  status: string;
  phase: string;
  mandatory: boolean;
  statutory: boolean;
  ownerParty: string;
  dueDate: string | null;
  dueAt: string | null;
}

/**
 * Puts a task's deadline in the past, in SQL: through the API a deadline set by hand is today or
 * later (domain/tasks/hand-set-deadline.ts), so an overdue task is made the way time makes one.
 */
export async function backdateTask(t: TestApp, taskId: string, dueDate: string): Promise<void> {
  await t.app
    .get(DataSource)
    .query(`UPDATE journey_tasks SET due_date = $2, due_at = NULL, due_set_by_hand = true, updated_at = now() WHERE id = $1`, [
      taskId,
      dueDate,
    ]);
}

/** A direct connection to the run's database, for what the API cannot do (move time back). */
export async function sqlClient(t: TestApp): Promise<Client> {
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  return client;
}

/** A London calendar date `days` from today (negative: in the past). */
export function londonDate(days: number): string {
  return todayInLondon(new Date(Date.now() + days * 86_400_000));
}

export async function tasksOf(t: TestApp, cast: Cast, journeyId: string): Promise<Task[]> {
  const res = await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.admin.auth).expect(200);
  return res.body.items;
}

export const isOpen = (task: Task) => !['completed', 'not_applicable'].includes(task.status);

async function expectFired(t: TestApp, journeyId: string, as: Actor, type: string, payload?: Record<string, unknown>) {
  const res = await fire(t, journeyId, as, type, payload);
  if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The main line, event by event with each gate cleared, up to `target` state. */
const MAIN_LINE: Array<{ from: string; type: string; by: 'lead' | 'officer'; gate?: boolean; payload?: Record<string, unknown> }> = [
  { from: 'exploring', type: 'submit_expression_of_interest', by: 'lead', payload: { proposalSummary: 'Staff-led mutual' } },
  { from: 'awaiting_parent_body_response', type: 'accept_expression_of_interest', by: 'officer' },
  { from: 'business_planning', type: 'submit_business_case', by: 'lead', gate: true },
  { from: 'awaiting_approval', type: 'approve_business_case', by: 'officer', gate: true },
  { from: 'approved', type: 'start_spin_out', by: 'lead' },
  { from: 'mobilising', type: 'register_legal_entity', by: 'lead', gate: true },
  { from: 'entity_registered', type: 'confirm_transfer_readiness', by: 'lead', gate: true },
  { from: 'ready_for_transfer', type: 'complete_transfer', by: 'lead', gate: true },
  { from: 'bedding_in', type: 'complete_first_year_review', by: 'lead', gate: true },
];

export async function advanceTo(t: TestApp, cast: Cast, journeyId: string, target: string): Promise<void> {
  let state = 'exploring';
  for (const step of MAIN_LINE) {
    if (state === target) return;
    if (step.from !== state) throw new Error(`unexpected state ${state}`);
    if (step.gate) await completeGate(t, cast, journeyId, state);
    let payload = step.payload;
    if (step.type === 'register_legal_entity') {
      const pathway = await t.http().get('/api/pathway').set(cast.users.lead.auth).expect(200);
      payload = { legalForm: pathway.body.legalForms[0].key };
    }
    const body = await expectFired(t, journeyId, step.by === 'lead' ? cast.users.lead : cast.users.officer, step.type, payload);
    state = body.state;
  }
  if (state !== target) throw new Error(`could not reach ${target}`);
}

export async function putOnHold(t: TestApp, cast: Cast, journeyId: string): Promise<void> {
  await expectFired(t, journeyId, cast.users.admin, 'put_on_hold', { reason: 'Waiting for the council’s budget decision' });
}

export async function withdraw(t: TestApp, cast: Cast, journeyId: string): Promise<void> {
  await expectFired(t, journeyId, cast.users.admin, 'withdraw', { reason: 'The staff chose not to go ahead' });
}

export async function raiseConcern(
  t: TestApp,
  as: Actor,
  journeyId: string,
  reason = 'Nothing has moved for weeks',
): Promise<{ id: string }> {
  const res = await t.http().post(`/api/journeys/${journeyId}/escalations`).set(as.auth).send({ reason });
  if (res.status !== 201) throw new Error(`raise concern: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every pipeline endpoint, with a query that needs nothing else. */
export const PIPELINE_PATHS = [
  '/api/pipeline/summary',
  '/api/pipeline/journeys',
  '/api/pipeline/journeys.csv',
  '/api/pipeline/at-risk',
  '/api/pipeline/stalled',
  '/api/pipeline/escalations',
  '/api/pipeline/support',
  '/api/pipeline/support-awards.csv',
  '/api/pipeline/trends',
  '/api/pipeline/trends.csv',
  '/api/pipeline/durations',
];
