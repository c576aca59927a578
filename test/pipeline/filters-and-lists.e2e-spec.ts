import { parse } from 'csv-parse/sync';
import type { Client } from 'pg';
import { BACKFILL_STATE_ENTERED_AT } from '../../migrations/1765400000000-JourneyStateEnteredAt';
import { startTestApp, TestApp } from '../support/app';
import { createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { londonDate, raiseConcern, sqlClient } from './support';

jest.setTimeout(180_000);

type Item = { id: string; name: string };
const namesOf = (body: { items: Item[] }) => body.items.map((x) => x.name);
const csvNames = (text: string) => {
  const rows: Array<{ name: string }> = parse(text, { columns: true, bom: true });
  return rows.map((r) => r.name);
};

/**
 * Issue 18, item 7: the department and at-risk filters, the days-in-status and at-risk columns,
 * and sorting and paging of the at-risk, stalled and escalation lists. Journeys of one parent body
 * of their own, so nothing else counts:
 *
 *   Ash, Birch, Cedar   the cast's department, transfer in 30, 50, 70 days: at risk (transfer soon)
 *   Damson, Elm         another department, transfer far off: not at risk
 */
describe('pipeline: department and at-risk filters, days in status, sorting and paging of every list', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;
  let otherDepartment: string;
  const id: Record<string, string> = {};

  const get = async (path: string, query = '', as = () => cast.users.staff) =>
    (await t.http().get(`/api/pipeline/${path}?parentBodyId=${pb}${query}`).set(as().auth).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = (await createOrganisation(t, 'parent_body', 'Filter Council', { bodyType: 'local_authority' })).id;
    otherDepartment = (await createOrganisation(t, 'department', 'Aardvark Department')).id;
    const create = async (name: string, days: number, departmentId = cast.orgs.department.id) =>
      (id[name] = (
        await createJourney(t, cast, { name, parentBodyId: pb, departmentId, plannedTransferDate: londonDate(days) }, cast.users.admin)
      ).id);
    await create('Ash', 30);
    await create('Birch', 50);
    await create('Cedar', 70);
    await create('Damson', 900, otherDepartment);
    await create('Elm', 950, otherDepartment);
    // Idle for different spells, and in their state since different days.
    for (const [name, idle, inState] of [
      ['Ash', 40, 3],
      ['Birch', 60, 12],
      ['Cedar', 35, 7],
      ['Damson', 90, 1],
      ['Elm', 5, 20],
    ] as const) {
      await db.query(
        `UPDATE journeys SET last_activity_at = now() - make_interval(days => $2::int) - interval '1 hour',
                             state_entered_at = now() - make_interval(days => $3::int) - interval '1 hour' WHERE id = $1`,
        [id[name], idle, inState],
      );
    }
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('department filter', () => {
    it('narrows every view to one department', async () => {
      expect(namesOf(await get('journeys', `&departmentId=${otherDepartment}`))).toEqual(['Damson', 'Elm']);
      expect(namesOf(await get('journeys', `&departmentId=${cast.orgs.department.id}`))).toEqual(['Ash', 'Birch', 'Cedar']);
      expect((await get('summary', `&departmentId=${otherDepartment}`)).total).toBe(2);
      expect(namesOf(await get('stalled', `&departmentId=${otherDepartment}`))).toEqual(['Damson']);
      const csv = await t
        .http()
        .get(`/api/pipeline/journeys.csv?parentBodyId=${pb}&departmentId=${otherDepartment}`)
        .set(cast.users.staff.auth)
        .expect(200);
      expect(csvNames(csv.text)).toEqual(['Damson', 'Elm']);
    });

    it('never widens a department officer’s view: another department shows nothing, their own the same as no filter', async () => {
      const officer = () => cast.users.departmentOfficer;
      expect(namesOf(await get('journeys', '', officer))).toEqual(['Ash', 'Birch', 'Cedar']);
      expect(await get('journeys', `&departmentId=${otherDepartment}`, officer)).toEqual({ items: [], total: 0 });
      expect((await get('summary', `&departmentId=${otherDepartment}`, officer)).total).toBe(0);
      expect((await get('stalled', `&departmentId=${otherDepartment}`, officer)).total).toBe(0);
      expect((await get('at-risk', `&departmentId=${otherDepartment}`, officer)).total).toBe(0);
      expect(namesOf(await get('journeys', `&departmentId=${cast.orgs.department.id}`, officer))).toEqual(['Ash', 'Birch', 'Cedar']);
    });
  });

  describe('at risk: a column and a filter, the same as the at-risk list', () => {
    it('marks each journey at risk or not, as the at-risk list decides', async () => {
      const list = await get('journeys');
      const atRisk = await get('at-risk');
      expect(namesOf(atRisk)).toEqual(['Ash', 'Birch', 'Cedar']);
      expect(list.items.map((x: Item & { atRisk: boolean }) => [x.name, x.atRisk])).toEqual([
        ['Ash', true],
        ['Birch', true],
        ['Cedar', true],
        ['Damson', false],
        ['Elm', false],
      ]);
    });

    it('filters the journey list and the CSV by atRisk=true|false', async () => {
      expect(namesOf(await get('journeys', '&atRisk=true'))).toEqual(['Ash', 'Birch', 'Cedar']);
      expect(await get('journeys', '&atRisk=false')).toMatchObject({ total: 2, items: [{ name: 'Damson' }, { name: 'Elm' }] });
      expect(namesOf(await get('journeys', `&atRisk=true&departmentId=${otherDepartment}`))).toEqual([]);
      const csv = await t.http().get(`/api/pipeline/journeys.csv?parentBodyId=${pb}&atRisk=false`).set(cast.users.staff.auth).expect(200);
      const rows: Array<Record<string, string>> = parse(csv.text, { columns: true, bom: true });
      expect(rows.map((r) => [r.name, r.atRisk, r.daysInState])).toEqual([
        ['Damson', 'false', '1'],
        ['Elm', 'false', '20'],
      ]);
    });

    it('is not a filter of the results’ medians (kept between requests, they cannot follow tasks and the clock)', async () => {
      const res = await t.http().get('/api/pipeline/results?atRisk=true').set(cast.users.staff.auth).expect(400);
      expect(res.body.message.join(' ')).toContain('property atRisk should not exist');
      await t.http().get(`/api/pipeline/results?departmentId=${otherDepartment}`).set(cast.users.staff.auth).expect(200);
    });

    it('follows the tasks: with its mandatory spinning-out and statutory tasks done a journey is off, in the list and the filter alike', async () => {
      await db.query(
        `UPDATE journey_tasks SET status = 'completed' WHERE journey_id = $1 AND (mandatory AND phase = 'spinning_out' OR statutory)`,
        [id.Cedar],
      );
      expect(namesOf(await get('at-risk'))).toEqual(['Ash', 'Birch']);
      expect(namesOf(await get('journeys', '&atRisk=true'))).toEqual(['Ash', 'Birch']);
      expect((await get('journeys', '&sort=name')).items.find((x: Item) => x.name === 'Cedar').atRisk).toBe(false);
    });
  });

  describe('days in status', () => {
    it('counts whole days since the journey entered its state, and sorts by it', async () => {
      const list = await get('journeys');
      expect(list.items.map((x: Item & { daysInState: number }) => [x.name, x.daysInState])).toEqual([
        ['Ash', 3],
        ['Birch', 12],
        ['Cedar', 7],
        ['Damson', 1],
        ['Elm', 20],
      ]);
      expect(list.items[0].stateEnteredAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      expect(namesOf(await get('journeys', '&sort=daysInState'))).toEqual(['Damson', 'Ash', 'Cedar', 'Birch', 'Elm']);
      expect(namesOf(await get('journeys', '&sort=daysInState&order=desc'))).toEqual(['Elm', 'Birch', 'Cedar', 'Ash', 'Damson']);
      expect(namesOf(await get('at-risk', '&sort=daysInState&order=desc'))).toEqual(['Birch', 'Ash']);
    });

    it('starts again at 0 when the state changes, and not on other changes', async () => {
      // A task change touches the journey (last activity) but leaves its state: days in status stay.
      const tasks = (await t.http().get(`/api/journeys/${id.Elm}/tasks`).set(cast.users.admin.auth).expect(200)).body.items;
      const task = tasks.find((x: { ownerParty: string; status: string }) => x.ownerParty === 'mutual' && x.status === 'not_started');
      await t
        .http()
        .patch(`/api/journeys/${id.Elm}/tasks/${task.id}`)
        .set(cast.users.lead.auth)
        .send({ status: 'in_progress' })
        .expect(200);
      const elm = () => get('journeys', '&sort=name&limit=1&offset=4');
      expect((await elm()).items[0]).toMatchObject({ name: 'Elm', state: 'exploring', daysInState: 20 });

      const res = await fire(t, id.Elm, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Staff-led mutual' });
      expect(res.status).toBe(200);
      const after = (await elm()).items[0];
      expect(after).toMatchObject({ name: 'Elm', state: 'awaiting_parent_body_response', daysInState: 0 });
      expect(Date.now() - Date.parse(after.stateEnteredAt)).toBeLessThan(60_000);
      // The history agrees: the row that moved it there is as recent.
      const [h] = (
        await db.query(`SELECT at FROM journey_history WHERE journey_id = $1 AND to_state = 'awaiting_parent_body_response'`, [id.Elm])
      ).rows;
      expect(Math.abs(Date.parse(after.stateEnteredAt) - new Date(h.at).getTime())).toBeLessThan(5_000);
    });

    it('is backfilled by the migration from the history row that entered the current state, else the creation', async () => {
      await db.query(`UPDATE journeys SET state_entered_at = '2000-01-01' WHERE parent_body_id = $1`, [pb]);
      await db.query(BACKFILL_STATE_ENTERED_AT);
      const { rows } = await db.query(
        `SELECT j.name, j.state_entered_at = coalesce(
                  (SELECT h.at FROM journey_history h WHERE h.journey_id = j.id AND h.to_state = j.state ORDER BY h.id DESC LIMIT 1),
                  j.created_at) AS right, j.state_entered_at > '2020-01-01' AS recent
           FROM journeys j WHERE j.parent_body_id = $1 ORDER BY j.name`,
        [pb],
      );
      expect(rows.map((r) => [r.name, r.right, r.recent])).toEqual(['Ash', 'Birch', 'Cedar', 'Damson', 'Elm'].map((n) => [n, true, true]));
    });
  });

  describe('sorting and paging the at-risk, stalled and escalation lists', () => {
    beforeAll(async () => {
      for (const [name, days] of [
        ['Ash', 9],
        ['Birch', 2],
        ['Damson', 30],
      ] as const) {
        const { id: escalation } = await raiseConcern(t, cast.users.lead, id[name], `Concern about ${name}`);
        await db.query(`UPDATE escalations SET opened_at = now() - make_interval(days => $2::int) WHERE id = $1`, [escalation, days]);
        if (name === 'Birch')
          await db.query(`UPDATE escalations SET level = 2, assigned_organisation_id = $2 WHERE id = $1`, [
            escalation,
            cast.orgs.arbiter.id,
          ]);
      }
      // Every journey at risk again (transfer soon), for a list long enough to sort and page.
      await db.query(`UPDATE journeys SET planned_transfer_date = $2::date WHERE id = ANY($1)`, [[id.Damson, id.Elm], londonDate(20)]);
      await db.query(`UPDATE journey_tasks SET status = 'not_started' WHERE journey_id = $1 AND mandatory AND phase = 'spinning_out'`, [
        id.Cedar,
      ]);
      // Raising a concern is activity: idle again as before.
      for (const [name, idle] of [
        ['Ash', 40],
        ['Birch', 60],
        ['Damson', 90],
      ] as const) {
        await db.query(`UPDATE journeys SET last_activity_at = now() - make_interval(days => $2::int) - interval '1 hour' WHERE id = $1`, [
          id[name],
          idle,
        ]);
      }
    });

    it('sorts the at-risk list (soonest transfer first by default) and pages it', async () => {
      expect(namesOf(await get('at-risk'))).toEqual(['Damson', 'Elm', 'Ash', 'Birch', 'Cedar']);
      expect(namesOf(await get('at-risk', '&sort=plannedTransferDate&order=desc'))).toEqual(['Cedar', 'Birch', 'Ash', 'Damson', 'Elm']);
      expect(namesOf(await get('at-risk', '&sort=name&order=desc'))).toEqual(['Elm', 'Damson', 'Cedar', 'Birch', 'Ash']);
      // "Aardvark Department" sorts before the cast's department ("department …").
      expect(namesOf(await get('at-risk', '&sort=department'))).toEqual(['Damson', 'Elm', 'Ash', 'Birch', 'Cedar']);
      expect(namesOf(await get('at-risk', '&sort=department&order=desc'))).toEqual(['Ash', 'Birch', 'Cedar', 'Damson', 'Elm']);
      const seen: string[] = [];
      for (let offset = 0; offset < 5; offset += 2) {
        const page = await get('at-risk', `&sort=name&limit=2&offset=${offset}`);
        expect(page.total).toBe(5);
        seen.push(...namesOf(page));
      }
      expect(seen).toEqual(['Ash', 'Birch', 'Cedar', 'Damson', 'Elm']);
      expect(await get('at-risk', '&offset=10')).toMatchObject({ items: [], total: 5 });
    });

    it('sorts stalled journeys longest idle first by default, or by name, and pages them', async () => {
      const byDefault = await get('stalled');
      expect(namesOf(byDefault)).toEqual(['Damson', 'Birch', 'Ash', 'Cedar']);
      expect(namesOf(await get('stalled', '&sort=daysSinceActivity&order=asc'))).toEqual(['Cedar', 'Ash', 'Birch', 'Damson']);
      expect(namesOf(await get('stalled', '&sort=daysSinceActivity'))).toEqual(['Damson', 'Birch', 'Ash', 'Cedar']);
      expect(namesOf(await get('stalled', '&sort=name'))).toEqual(['Ash', 'Birch', 'Cedar', 'Damson']);
      expect(await get('stalled', '&sort=name&order=desc&limit=2&offset=2')).toMatchObject({
        total: 4,
        items: [{ name: 'Birch' }, { name: 'Ash' }],
      });
    });

    it('sorts open escalations oldest first by default, or by level or journey, and pages them', async () => {
      const journeysOf = (body: { items: Array<{ journeyName: string }> }) => body.items.map((x) => x.journeyName);
      expect(journeysOf(await get('escalations'))).toEqual(['Damson', 'Ash', 'Birch']);
      expect(journeysOf(await get('escalations', '&sort=age&order=asc'))).toEqual(['Birch', 'Ash', 'Damson']);
      expect(journeysOf(await get('escalations', '&sort=level&order=desc'))).toEqual(['Birch', 'Damson', 'Ash']);
      expect(journeysOf(await get('escalations', '&sort=journey'))).toEqual(['Ash', 'Birch', 'Damson']);
      expect(await get('escalations', '&sort=journey&limit=1&offset=1')).toMatchObject({ total: 3, items: [{ journeyName: 'Birch' }] });
    });
  });

  it('refuses a bad department, at-risk flag, sort, order or page with 400 naming it', async () => {
    for (const [path, query, field] of [
      ['journeys', 'departmentId=finance', 'departmentId'],
      ['summary', 'departmentId=1', 'departmentId'],
      ['journeys', 'atRisk=yes', 'atRisk'],
      ['journeys.csv', 'atRisk=1', 'atRisk'],
      ['journeys', 'sort=atRisk', 'sort must be one of'],
      ['at-risk', 'sort=daysSinceActivity', 'sort must be one of'],
      ['at-risk', 'order=up', 'order must be one of'],
      ['at-risk', 'offset=-1', 'offset'],
      ['stalled', 'sort=plannedTransferDate', 'sort must be one of'],
      ['stalled', 'order=', 'order must be one of'],
      ['stalled', 'limit=501', 'limit'],
      ['escalations', 'sort=name', 'sort must be one of'],
      ['escalations', 'order=DESC', 'order must be one of'],
      ['escalations', 'limit=x', 'limit'],
    ]) {
      const res = await t.http().get(`/api/pipeline/${path}?${query}`).set(cast.users.staff.auth);
      expect([path, query, res.status]).toEqual([path, query, 400]);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message.join(' ')).toContain(field);
    }
  });
});
