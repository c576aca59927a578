import type { TestApp } from './app';
import type { Actor, createCast } from './fixtures';

export type Cast = Awaited<ReturnType<typeof createCast>>;

/** A date `days` from today as YYYY-MM-DD (UTC is close enough for test dates far from midnight). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function createJourney(t: TestApp, cast: Cast, overrides: Record<string, unknown> = {}, as: Actor = cast.users.lead) {
  const res = await t
    .http()
    .post('/api/journeys')
    .set(as.auth)
    .send({
      name: 'Community health spin-out',
      mutualOrganisationId: cast.orgs.mutual.id,
      parentBodyId: cast.orgs.parentBody.id,
      commissionerId: cast.orgs.commissioner.id,
      departmentId: cast.orgs.department.id,
      arbiterId: cast.orgs.arbiter.id,
      serviceArea: 'health',
      region: 'yorkshire_and_the_humber',
      staffCount: 1400,
      plannedTransferDate: daysFromNow(540),
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`create journey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function fire(
  t: TestApp,
  journeyId: string,
  as: Actor,
  type: string,
  payload?: Record<string, unknown>,
  expectedVersion?: number,
) {
  return t
    .http()
    .post(`/api/journeys/${journeyId}/events`)
    .set(as.auth)
    .send({ type, ...(payload ? { payload } : {}), ...(expectedVersion ? { expectedVersion } : {}) });
}

export function actorFor(cast: Cast, ownerParty: string): Actor {
  return (
    {
      mutual: cast.users.lead,
      parent_body: cast.users.officer,
      commissioner: cast.users.commissioner,
      department: cast.users.departmentOfficer,
      cabinet_office: cast.users.admin,
    } as Record<string, Actor>
  )[ownerParty];
}

/**
 * Completes every mandatory task gated on `state` (and the tasks they depend on), each by its
 * owner party, in dependency order.
 */
export async function completeGate(
  t: TestApp,
  cast: Cast,
  journeyId: string,
  state: string,
  options: { ballot?: boolean } = {},
): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const { body } = await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.admin.auth).expect(200);
    const tasks: Array<{
      id: string;
      key: string;
      status: string;
      mandatory: boolean;
      gateState: string | null;
      dependsOn: string[];
      ownerParty: string;
    }> = body.items;
    const byKey = new Map(tasks.map((x) => [x.key, x]));
    const needed = new Set<string>();
    const need = (key: string) => {
      const task = byKey.get(key);
      if (!task || needed.has(key) || ['completed', 'not_applicable'].includes(task.status)) return;
      if (key === 'hold_staff_ballot' && options.ballot === false) return;
      needed.add(key);
      task.dependsOn.forEach(need);
    };
    tasks.filter((x) => x.mandatory && x.gateState === state).forEach((x) => need(x.key));
    if (needed.size === 0) return;
    const ready = [...needed]
      .map((k) => byKey.get(k)!)
      .filter((x) => x.dependsOn.every((d) => ['completed', 'not_applicable'].includes(byKey.get(d)?.status ?? '')));
    if (ready.length === 0) throw new Error(`no task of gate ${state} can be completed: ${[...needed].join(', ')}`);
    for (const task of ready) {
      if (task.key === 'hold_staff_ballot') {
        // Evidence-gated: completed by recording a ballot that meets the threshold, not by a tick.
        await recordQualifyingBallot(t, cast, journeyId);
        continue;
      }
      const res = await t
        .http()
        .patch(`/api/journeys/${journeyId}/tasks/${task.id}`)
        .set(actorFor(cast, task.ownerParty).auth)
        .send({ status: 'completed' });
      if (res.status !== 200) throw new Error(`complete ${task.key}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  throw new Error(`gate ${state} did not clear`);
}

/** A secret ballot that meets the default threshold (turnout 80%, support 75%), recorded by the lead. */
export async function recordQualifyingBallot(t: TestApp, cast: Cast, journeyId: string, heldOn = daysFromNow(-1)) {
  const res = await t
    .http()
    .post(`/api/journeys/${journeyId}/staff-ballots`)
    .set(cast.users.lead.auth)
    .send({ question: 'Do you support the spin-out?', heldOn, method: 'secret_postal', eligible: 100, votesFor: 60, votesAgainst: 20 });
  if (res.status !== 201) throw new Error(`record ballot: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A journey's whole history, oldest first, read the way a client pages it: the newest page, then
 * each `links.older` in turn (`limit` entries a page).
 */
export async function wholeHistory(t: TestApp, journeyId: string, as: Actor, limit = 25): Promise<HistoryEntry[]> {
  const pages: HistoryEntry[][] = [];
  let next: string | null = `/api/journeys/${journeyId}/history?limit=${limit}`;
  for (let guard = 0; next && guard < 1000; guard++) {
    const res: { status: number; body: { items: HistoryEntry[]; links: { older: string | null } } } = await t.http().get(next).set(as.auth);
    if (res.status !== 200) throw new Error(`history page ${next}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.items.length > limit) throw new Error(`history page ${next} has ${res.body.items.length} entries (limit ${limit})`);
    pages.unshift(res.body.items);
    next = res.body.links.older;
  }
  return pages.flat();
}

export interface HistoryEntry {
  at: string;
  actorUserId: string | null;
  type: string;
  fromPhase: string | null;
  fromState: string | null;
  toPhase: string | null;
  toState: string | null;
  data: Record<string, unknown>;
}
