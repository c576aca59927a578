import type { TestApp } from '../support/app';
import type { Actor } from '../support/fixtures';
import { type Cast, completeGate, createJourney, daysFromNow, fire } from '../support/journeys';

export const BALLOT = {
  question: 'Do you support the service becoming a staff-owned mutual?',
  method: 'secret_postal',
  eligible: 200,
  votesFor: 90,
  votesAgainst: 30,
  abstentions: 10,
};

export function postBallot(t: TestApp, journeyId: string, as: Actor, body: Record<string, unknown>) {
  return t.http().post(`/api/journeys/${journeyId}/staff-ballots`).set(as.auth).send(body);
}

/** A journey in business planning whose checklist is done except the staff ballot. */
export async function planningJourneyWithoutBallot(t: TestApp, cast: Cast) {
  const journey = await createJourney(t, cast);
  expect((await fire(t, journey.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'A staff mutual' })).status).toBe(
    200,
  );
  expect((await fire(t, journey.id, cast.users.officer, 'accept_expression_of_interest')).status).toBe(200);
  await completeGate(t, cast, journey.id, 'business_planning', { ballot: false });
  return journey;
}

export async function ballotTask(t: TestApp, cast: Cast, journeyId: string) {
  const { body } = await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.admin.auth).expect(200);
  return body.items.find((x: { key: string }) => x.key === 'hold_staff_ballot');
}

export { daysFromNow };
