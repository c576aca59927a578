import type { Client } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { createActor, createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { sqlClient } from '../pipeline/support';

type Row = [at: string, type: string, toState: string | null];

/**
 * Hand-counted fixture journeys (issue 12, item 3), their history written straight into the
 * append-only table with chosen instants, under a parent body of their own (filter parentBodyId):
 *
 * A  2020-01-01 created; 01-11 submitted; 01-31 accepted → business planning until asOf (2021-01-01): 336 days
 * B  2020-02-01 created; 02-21 submitted; 03-02 declined; 03-12 appealed; 04-11 upheld (awaiting again);
 *    04-21 accepted; 05-01 withdrawn
 * C  2020-06-01 created; 06-05 on hold; 06-15 resumed; 06-25 withdrawn
 * E  2019-12-31T23:30Z created (London: still 31 December); 2020-03-31T23:30Z submitted (London: 1 April, BST);
 *    2020-09-30T23:30Z transfer completed (London: 1 October) → bedding in until asOf
 * D  2021-06-01 created: after asOf, in no duration; outside every trend range below
 *
 * Days per state (each journey's visits added up):
 * exploring            A 10, B 20, C 4+10=14, E 91      → 4 journeys, median 17, p90 20+0.7*71 = 69.7
 * awaiting response    A 20, B 10+10=20, E 183           → 3, median 20, p90 20+0.8*163 = 150.4
 * business_planning    A 336, B 10                       → 2, median 173, p90 10+0.9*326 = 303.4
 * declined B 10; under_appeal B 30; on_hold C 10; bedding_in E 92 days 30 minutes → 92.0
 */
const FIXTURE: Record<string, Row[]> = {
  A: [
    ['2020-01-01T00:00:00Z', 'journey_created', 'exploring'],
    ['2020-01-11T00:00:00Z', 'submit_expression_of_interest', 'awaiting_parent_body_response'],
    ['2020-01-20T10:00:00Z', 'task_updated', null],
    ['2020-01-31T00:00:00Z', 'accept_expression_of_interest', 'business_planning'],
  ],
  B: [
    ['2020-02-01T00:00:00Z', 'journey_created', 'exploring'],
    ['2020-02-21T00:00:00Z', 'submit_expression_of_interest', 'awaiting_parent_body_response'],
    ['2020-03-02T00:00:00Z', 'decline_expression_of_interest', 'declined'],
    ['2020-03-12T00:00:00Z', 'appeal', 'under_appeal'],
    ['2020-04-11T00:00:00Z', 'uphold_appeal', 'awaiting_parent_body_response'],
    ['2020-04-21T00:00:00Z', 'accept_expression_of_interest', 'business_planning'],
    ['2020-05-01T00:00:00Z', 'withdraw', 'withdrawn'],
  ],
  C: [
    ['2020-06-01T00:00:00Z', 'journey_created', 'exploring'],
    ['2020-06-05T00:00:00Z', 'put_on_hold', 'on_hold'],
    ['2020-06-15T00:00:00Z', 'resume', 'exploring'],
    ['2020-06-25T00:00:00Z', 'withdraw', 'withdrawn'],
  ],
  E: [
    ['2019-12-31T23:30:00Z', 'journey_created', 'exploring'],
    ['2020-03-31T23:30:00Z', 'submit_expression_of_interest', 'awaiting_parent_body_response'],
    ['2020-09-30T23:30:00Z', 'complete_transfer', 'bedding_in'],
  ],
  D: [['2021-06-01T00:00:00Z', 'journey_created', 'exploring']],
};
const AS_OF = '2021-01-01T00:00:00Z';
const zero = {
  journeysStarted: 0,
  expressionsSubmitted: 0,
  expressionsAccepted: 0,
  expressionsDeclined: 0,
  transfersCompleted: 0,
  withdrawn: 0,
};

describe('pipeline trends and time in each state, from the history', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = (await createOrganisation(t, 'parent_body')).id;
    for (const [key, rows] of Object.entries(FIXTURE)) {
      const last = [...rows].reverse().find((r) => r[2])![2]!;
      const phase = last === 'bedding_in' ? 'sustainability' : 'pre_spin_out';
      const mutual = (await createOrganisation(t, 'mutual')).id;
      const { rows: j } = await db.query(
        `INSERT INTO journeys (name, mutual_organisation_id, parent_body_id, department_id, service_area, region, staff_count, planned_transfer_date,
           phase, state, machine_snapshot, template_version, reminder_policy, created_at)
         VALUES ($1, $2, $3, $4, 'health', 'london', 10, '2022-01-01', $5, $6, '{}', 1, '{"remindBefore":[],"escalateAfter":"P7D"}', $7) RETURNING id`,
        [`Fixture ${key}`, mutual, pb, cast.orgs.department.id, phase, last, rows[0][0]],
      );
      for (const [at, type, toState] of rows) {
        await db.query(`INSERT INTO journey_history (journey_id, at, type, to_state, to_phase) VALUES ($1, $2, $3, $4, $5)`, [
          j[0].id,
          at,
          type,
          toState,
          toState ? phase : null,
        ]);
      }
    }
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const get = (path: string, as = cast.users.staff) => t.http().get(path).set(as.auth);

  it('counts each quarter of 2020 exactly, by London date', async () => {
    const res = await get(`/api/pipeline/trends?from=2020-01-01&to=2020-12-31&interval=quarter&parentBodyId=${pb}`).expect(200);
    expect(res.body.periods).toEqual([
      {
        start: '2020-01-01',
        end: '2020-03-31',
        ...zero,
        journeysStarted: 2,
        expressionsSubmitted: 2,
        expressionsAccepted: 1,
        expressionsDeclined: 1,
      },
      {
        start: '2020-04-01',
        end: '2020-06-30',
        ...zero,
        journeysStarted: 1,
        expressionsSubmitted: 1,
        expressionsAccepted: 1,
        withdrawn: 2,
      },
      { start: '2020-07-01', end: '2020-09-30', ...zero },
      { start: '2020-10-01', end: '2020-12-31', ...zero, transfersCompleted: 1 },
    ]);
  });

  it('counts months, clipping the first to `from`', async () => {
    const res = await get(`/api/pipeline/trends?from=2020-03-03&to=2020-04-30&interval=month&parentBodyId=${pb}`).expect(200);
    expect(res.body.periods).toEqual([
      { start: '2020-03-03', end: '2020-03-31', ...zero },
      { start: '2020-04-01', end: '2020-04-30', ...zero, expressionsSubmitted: 1, expressionsAccepted: 1 },
    ]);
    const withDecline = await get(`/api/pipeline/trends?from=2020-03-02&to=2020-03-31&interval=month&parentBodyId=${pb}`).expect(200);
    expect(withDecline.body.periods).toEqual([{ start: '2020-03-02', end: '2020-03-31', ...zero, expressionsDeclined: 1 }]);
  });

  it('gives the time in each state exactly, as at an instant', async () => {
    const res = await get(`/api/pipeline/durations?parentBodyId=${pb}&asOf=${AS_OF}`).expect(200);
    expect(res.body.asOf).toBe('2021-01-01T00:00:00.000Z');
    const none = { journeys: 0, medianDays: null, p90Days: null };
    expect(res.body.byState).toEqual({
      exploring: { journeys: 4, medianDays: 17, p90Days: 69.7 },
      awaiting_parent_body_response: { journeys: 3, medianDays: 20, p90Days: 150.4 },
      declined: { journeys: 1, medianDays: 10, p90Days: 10 },
      under_appeal: { journeys: 1, medianDays: 30, p90Days: 30 },
      business_planning: { journeys: 2, medianDays: 173, p90Days: 303.4 },
      awaiting_approval: none,
      business_case_rejected: none,
      business_case_under_appeal: none,
      approved: none,
      mobilising: none,
      entity_registered: none,
      ready_for_transfer: none,
      bedding_in: { journeys: 1, medianDays: 92, p90Days: 92 },
      operating: none,
      on_hold: { journeys: 1, medianDays: 10, p90Days: 10 },
    });
    // Earlier, history after the instant is ignored and the current state counts up to it.
    const early = await get(`/api/pipeline/durations?parentBodyId=${pb}&asOf=2020-01-21T00:00:00Z`).expect(200);
    // A 10; E 20 days 30 minutes (20.02): median 15.01 → 15, p90 10 + 0.9 * 10.02 = 19.02 → 19.
    expect(early.body.byState.exploring).toEqual({ journeys: 2, medianDays: 15, p90Days: 19 });
  });

  it('durations and trends of journeys moved through the API', async () => {
    const j = await createJourney(t, cast, { name: 'Live journey', parentBodyId: cast.orgs.otherParentBody.id });
    const officer = await createActor(t, cast.orgs.otherParentBody.id, 'parent_body_officer');
    expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Go' })).status).toBe(200);
    expect(
      (await fire(t, j.id, officer, 'decline_expression_of_interest', { governance: 'Cabinet, 12 March, minute 7', reasons: 'Not now' }))
        .status,
    ).toBe(200);
    const res = await get(`/api/pipeline/durations?parentBodyId=${cast.orgs.otherParentBody.id}`).expect(200);
    expect(res.body.byState.exploring.journeys).toBe(1);
    expect(res.body.byState.declined.journeys).toBe(1);
    expect(res.body.byState.exploring.medianDays).toBeLessThan(0.1);
    const today = new Date().toISOString().slice(0, 10);
    const trends = await get(`/api/pipeline/trends?interval=month&parentBodyId=${cast.orgs.otherParentBody.id}`).expect(200);
    expect(trends.body.periods).toHaveLength(12);
    const last = trends.body.periods[11];
    expect(last).toMatchObject({ journeysStarted: 1, expressionsSubmitted: 1, expressionsDeclined: 1 });
    expect(last.end <= today || last.end === trends.body.to).toBe(true);
  });

  it('scopes a department officer to their department', async () => {
    const mine = await get(`/api/pipeline/durations?parentBodyId=${pb}&asOf=${AS_OF}`, cast.users.departmentOfficer).expect(200);
    expect(mine.body.byState.exploring.journeys).toBe(4);
    const other = await createActor(t, (await createOrganisation(t, 'department')).id, 'department_officer');
    const theirs = await get(`/api/pipeline/trends?from=2020-01-01&to=2020-12-31&parentBodyId=${pb}`, other).expect(200);
    expect(theirs.body.periods.every((p: Record<string, number>) => p.journeysStarted === 0)).toBe(true);
    expect((await get('/api/pipeline/trends', cast.users.lead)).status).toBe(403);
    expect((await get('/api/pipeline/durations', cast.users.officer)).status).toBe(403);
  });

  it('exports the trends as CSV', async () => {
    const res = await get(`/api/pipeline/trends.csv?from=2020-01-01&to=2020-06-30&parentBodyId=${pb}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pathway-trends-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.trim().split('\n')).toEqual([
      'start,end,journeysStarted,expressionsSubmitted,expressionsAccepted,expressionsDeclined,transfersCompleted,withdrawn',
      '2020-01-01,2020-03-31,2,2,1,1,0,0',
      '2020-04-01,2020-06-30,1,1,1,0,0,2',
    ]);
  });

  it.each([
    ['interval=week', 'interval must be one of: month, quarter'],
    ['from=2020-02-01&to=2020-01-31', 'from must not be after to'],
    ['from=2010-01-01&to=2020-01-01', 'to must be less than 10 years after from (before 2020-01-01)'],
    ['from=2020-13-01', 'from must be a real date in the format YYYY-MM-DD'],
    ['to=yesterday', 'to must be a real date in the format YYYY-MM-DD'],
    ['region=atlantis', expect.stringMatching(/^region must be one of/)],
    ['bogus=1', 'property bogus should not exist'],
  ])('trends?%s is a 400 naming the field', async (query, message) => {
    for (const path of ['/api/pipeline/trends', '/api/pipeline/trends.csv']) {
      const res = await get(`${path}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toContainEqual(message);
    }
  });

  it('durations?asOf=not-an-instant is a 400 naming asOf', async () => {
    const res = await get('/api/pipeline/durations?asOf=2021-01-01');
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^asOf must be an ISO-8601 instant with a time zone/)]);
  });
});
