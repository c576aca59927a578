import { parse } from 'csv-parse/sync';
import type { Client } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { londonDate, PIPELINE_PATHS, raiseConcern, sqlClient } from './support';

/**
 * Who sees the pipeline: the central team sees every journey; a department officer sees the same
 * views restricted to their department's journeys; every other role gets 403, no token 401.
 */
describe('pipeline: access by role, department scope, validation and OpenAPI', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;
  let otherDepartmentOfficer: Actor;
  const k = { mine1: '', mine2: '', otherDept: '', noDept: '' };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = cast.orgs.parentBody.id;
    const otherDepartment = await createOrganisation(t, 'department');
    otherDepartmentOfficer = await createActor(t, otherDepartment.id, 'department_officer');
    const far = londonDate(900);
    k.mine1 = (await createJourney(t, cast, { name: 'Mine one', plannedTransferDate: far })).id;
    k.mine2 = (await createJourney(t, cast, { name: 'Mine two', plannedTransferDate: far, region: 'london' })).id;
    k.otherDept = (
      await createJourney(t, cast, { name: 'Other department', plannedTransferDate: far, departmentId: otherDepartment.id })
    ).id;
    k.noDept = (await createJourney(t, cast, { name: 'No department', plannedTransferDate: far, departmentId: undefined })).id;
    await raiseConcern(t, cast.users.lead, k.mine1);
    await raiseConcern(t, cast.users.lead, k.otherDept);
    for (const id of [k.mine1, k.otherDept])
      await db.query(`UPDATE journeys SET last_activity_at = now() - interval '60 days' WHERE id = $1`, [id]);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('answers 403 to every role outside the central team and departments, on every view', async () => {
    const { lead, member, officer, commissioner, arbiter, outsider, otherOfficer } = cast.users;
    for (const actor of [lead, member, officer, commissioner, arbiter, outsider, otherOfficer]) {
      for (const path of PIPELINE_PATHS) {
        const res = await t.http().get(path).set(actor.auth);
        expect({ role: actor.role, path, status: res.status }).toEqual({ role: actor.role, path, status: 403 });
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
    }
  });

  it('answers 401 without a token', async () => {
    for (const path of PIPELINE_PATHS) await t.http().get(path).expect(401);
  });

  it('shows the central team (staff and admin) every journey', async () => {
    for (const actor of [cast.users.staff, cast.users.admin]) {
      const summary = await t.http().get(`/api/pipeline/summary?parentBodyId=${pb}`).set(actor.auth).expect(200);
      expect(summary.body).toMatchObject({ total: 4, openEscalations: 2 });
      const list = await t.http().get(`/api/pipeline/journeys?parentBodyId=${pb}`).set(actor.auth).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id).sort()).toEqual(Object.values(k).sort());
      const stalled = await t.http().get(`/api/pipeline/stalled?parentBodyId=${pb}`).set(actor.auth).expect(200);
      expect(stalled.body.items.map((x: { id: string }) => x.id).sort()).toEqual([k.mine1, k.otherDept].sort());
    }
  });

  it('restricts a department officer to the journeys of their department, in every view', async () => {
    const { departmentOfficer } = cast.users;
    const get = (path: string) => t.http().get(path).set(departmentOfficer.auth).expect(200);
    // Unfiltered: only their department's journeys exist for them (this department is this test's own).
    expect((await get('/api/pipeline/summary')).body).toMatchObject({
      total: 2,
      openEscalations: 1,
      byRegion: expect.objectContaining({ london: 1 }),
    });
    expect((await get('/api/pipeline/summary?region=london')).body.total).toBe(1);
    const list = (await get('/api/pipeline/journeys')).body;
    expect(list.total).toBe(2);
    expect(list.items.map((x: { id: string }) => x.id).sort()).toEqual([k.mine1, k.mine2].sort());
    const csv: Array<Record<string, string>> = parse((await get('/api/pipeline/journeys.csv')).text, { columns: true, bom: true });
    expect(csv.map((r) => r.id).sort()).toEqual([k.mine1, k.mine2].sort());
    expect(new Set(csv.map((r) => r.departmentName))).toEqual(new Set([cast.orgs.department.name]));
    expect((await get('/api/pipeline/stalled')).body.items.map((x: { id: string }) => x.id)).toEqual([k.mine1]);
    expect((await get('/api/pipeline/escalations')).body.items.map((x: { journeyId: string }) => x.journeyId)).toEqual([k.mine1]);
    expect((await get('/api/pipeline/at-risk')).body).toEqual({ items: [], total: 0, transferWithinDays: 90 });

    const other = t.http().get('/api/pipeline/journeys').set(otherDepartmentOfficer.auth);
    expect((await other.expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([k.otherDept]);
  });

  it('rejects invalid and unknown query parameters with 400 naming each, before any CSV is written', async () => {
    const bad = async (path: string, query: string, fields: string[]) => {
      const res = await t.http().get(`${path}?${query}`).set(cast.users.staff.auth).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      for (const field of fields) expect(res.body.message).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    };
    for (const path of PIPELINE_PATHS) {
      await bad(path, 'serviceArea=space&region=mars', ['serviceArea', 'region']);
      await bad(path, 'phase=finished', ['phase']);
      await bad(path, 'parentBodyId=not-a-uuid', ['parentBodyId']);
      await bad(path, 'colour=blue', ['colour']);
    }
    await bad('/api/pipeline/journeys', 'state=sleeping&limit=501', ['state', 'limit']);
  });

  it('documents every pipeline endpoint in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const ok = (path: string) => doc.paths[path]?.get?.responses?.['200'];
    expect(ok('/api/pipeline/summary').content['application/json'].schema.$ref).toMatch(/PipelineSummaryDto$/);
    expect(ok('/api/pipeline/journeys').content['application/json'].schema.$ref).toMatch(/PipelineJourneyListDto$/);
    expect(ok('/api/pipeline/at-risk').content['application/json'].schema.$ref).toMatch(/AtRiskListDto$/);
    expect(ok('/api/pipeline/stalled').content['application/json'].schema.$ref).toMatch(/StalledListDto$/);
    expect(ok('/api/pipeline/escalations').content['application/json'].schema.$ref).toMatch(/PipelineEscalationListDto$/);
    expect(ok('/api/pipeline/journeys.csv').content['text/csv']).toBeDefined();
    const summary = doc.components.schemas.PipelineSummaryDto;
    expect(summary.required).toEqual(
      expect.arrayContaining([
        'total',
        'byPhase',
        'byState',
        'byServiceArea',
        'byRegion',
        'overdueTasks',
        'openEscalations',
        'staffTransferring',
      ]),
    );
    expect(Object.keys(summary.properties.byRegion.properties)).toHaveLength(12);
  });
});
