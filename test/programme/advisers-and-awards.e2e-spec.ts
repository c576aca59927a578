import { parse } from 'csv-parse/sync';
import type { Client } from 'pg';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { sqlClient } from '../pipeline/support';

/**
 * Support providers and advisers (issue 12, item 1) and support awards (item 2): an adviser sees
 * exactly the journeys their provider is assigned to (tasks, history), changes nothing, and is a
 * stranger to every other journey; awards are recorded by the central team, listed on the journey,
 * totalled across the pipeline; bad input is a 400 naming the field and stores nothing.
 */
describe('support: advisers and awards', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let provider: { id: string; name: string };
  let otherProvider: { id: string; name: string };
  let adviser: Actor;
  let otherAdviser: Actor;
  let advised: string;
  let notAdvised: string;
  let parentBody: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    provider = await createOrganisation(t, 'support_provider', 'Mutual Ventures (test)');
    otherProvider = await createOrganisation(t, 'support_provider', 'Other Advice Ltd (test)');
    adviser = await createActor(t, provider.id, 'adviser');
    otherAdviser = await createActor(t, otherProvider.id, 'adviser');
    // A parent body of its own, so the pipeline totals below count only this file's journeys.
    parentBody = (await createOrganisation(t, 'parent_body')).id;
    advised = (await createJourney(t, cast, { name: 'Advised spin-out', parentBodyId: parentBody }, cast.users.staff)).id;
    notAdvised = (await createJourney(t, cast, { name: 'Not advised', parentBodyId: parentBody, serviceArea: 'youth' }, cast.users.staff))
      .id;
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const put = (as: Actor, id: string, organisationIds: unknown) =>
    t.http().put(`/api/journeys/${id}/advisers`).set(as.auth).send({ organisationIds });

  it('refuses an adviser in an organisation that is not a support provider', async () => {
    const wrong = await t
      .http()
      .post('/api/users')
      .set(adminAuth)
      .send({ email: 'adviser.wrong@example.test', name: 'Wrong', organisationId: cast.orgs.mutual.id, role: 'adviser' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.message)).toMatch(/support_provider/);
  });

  it('an unassigned adviser sees no journeys and gets 404 for one', async () => {
    const list = await t.http().get('/api/journeys').set(adviser.auth).expect(200);
    expect(list.body.total).toBe(0);
    await t.http().get(`/api/journeys/${advised}`).set(adviser.auth).expect(404);
  });

  it('only the central team assigns advisers (others 403 or 404), and only support providers (400 naming the item); nothing stored', async () => {
    expect((await put(cast.users.lead, advised, [provider.id])).status).toBe(403);
    expect((await put(cast.users.outsider, advised, [provider.id])).status).toBe(404);
    const bad = await put(cast.users.staff, advised, [provider.id, cast.orgs.mutual.id, '00000000-0000-4000-8000-000000000000']);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([
      'organisationIds[1] must name an organisation of kind support_provider, not mutual',
      'organisationIds[2] does not name an existing organisation',
    ]);
    expect((await put(cast.users.staff, advised, ['not-a-uuid'])).body.message).toEqual(['organisationIds must contain only UUIDs']);
    expect((await put(cast.users.staff, advised, 'x')).status).toBe(400);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM journey_advisers WHERE journey_id = $1`, [advised]);
    expect(rows[0].n).toBe(0);
  });

  it('assigns a provider: its advisers see the journey, tasks and history; the assignment is in the history', async () => {
    const res = await put(cast.users.staff, advised, [provider.id]);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ organisationId: provider.id, organisationName: provider.name, assignedByUserId: cast.users.staff.id }),
    ]);
    // Putting the same list again changes nothing and writes no history.
    await put(cast.users.staff, advised, [provider.id]).expect(200);

    const list = await t.http().get('/api/journeys').set(adviser.auth).expect(200);
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([advised]);
    const journey = await t.http().get(`/api/journeys/${advised}`).set(adviser.auth).expect(200);
    expect(journey.body.allowedEvents).toEqual([]);
    const tasks = await t.http().get(`/api/journeys/${advised}/tasks`).set(adviser.auth).expect(200);
    expect(tasks.body.items.length).toBeGreaterThan(0);
    const history = await t.http().get(`/api/journeys/${advised}/history`).set(adviser.auth).expect(200);
    const assigned = history.body.items.filter((h: { type: string }) => h.type === 'advisers_changed');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({
      actorUserId: cast.users.staff.id,
      data: { added: [{ organisationId: provider.id, name: provider.name }], removed: [] },
    });
    await t.http().get(`/api/journeys/${advised}/advisers`).set(cast.users.lead.auth).expect(200);
  });

  it('an adviser fires no events, changes no tasks and raises no concerns (403); nothing changes', async () => {
    const before = (await t.http().get(`/api/journeys/${advised}`).set(cast.users.staff.auth)).body;
    const res = await fire(t, advised, adviser, 'submit_expression_of_interest', { proposalSummary: 'Advisers cannot do this' });
    expect(res.status).toBe(403);
    expect((await fire(t, advised, adviser, 'put_on_hold', { reason: 'no' })).status).toBe(403);
    const tasks = await t.http().get(`/api/journeys/${advised}/tasks`).set(adviser.auth).expect(200);
    const patch = await t
      .http()
      .patch(`/api/journeys/${advised}/tasks/${tasks.body.items[0].id}`)
      .set(adviser.auth)
      .send({ status: 'in_progress' });
    expect(patch.status).toBe(403);
    expect((await put(adviser, advised, [provider.id, otherProvider.id])).status).toBe(403);
    const concern = await t
      .http()
      .post(`/api/journeys/${advised}/escalations`)
      .set(adviser.auth)
      .send({ reason: 'Advisers do not raise concerns' });
    expect(concern.status).toBe(403);
    const concerns = await t.http().get(`/api/pipeline/escalations`).set(cast.users.staff.auth).expect(200);
    expect(concerns.body.items.filter((x: { journeyId: string }) => x.journeyId === advised)).toEqual([]);
    const after = (await t.http().get(`/api/journeys/${advised}`).set(cast.users.staff.auth)).body;
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('exploring');
  });

  it('an adviser of another provider gets 404 for the journey, its tasks, history, awards and events', async () => {
    for (const path of ['', '/tasks', '/history', '/support-awards', '/advisers']) {
      expect((await t.http().get(`/api/journeys/${advised}${path}`).set(otherAdviser.auth)).status).toBe(404);
    }
    expect((await fire(t, advised, otherAdviser, 'submit_expression_of_interest', { proposalSummary: 'x' })).status).toBe(404);
    expect((await t.http().get(`/api/journeys/${notAdvised}`).set(adviser.auth)).status).toBe(404);
    expect((await t.http().get('/api/pipeline/summary').set(adviser.auth)).status).toBe(403);
  });

  it('removing the provider ends its advisers’ access, and the removal is in the history', async () => {
    await put(cast.users.staff, advised, [otherProvider.id]).expect(200);
    expect((await t.http().get(`/api/journeys/${advised}`).set(adviser.auth)).status).toBe(404);
    await t.http().get(`/api/journeys/${advised}`).set(otherAdviser.auth).expect(200);
    const history = await t.http().get(`/api/journeys/${advised}/history`).set(cast.users.staff.auth).expect(200);
    const changes = history.body.items.filter((h: { type: string }) => h.type === 'advisers_changed');
    expect(changes.map((h: { data: unknown }) => h.data)).toEqual([
      { added: [{ organisationId: provider.id, name: provider.name }], removed: [] },
      {
        added: [{ organisationId: otherProvider.id, name: otherProvider.name }],
        removed: [{ organisationId: provider.id, name: provider.name }],
      },
    ]);
    await put(cast.users.staff, advised, [provider.id, otherProvider.id]).expect(200);
  });

  describe('support awards', () => {
    const award = (as: Actor, id: string, body: Record<string, unknown>) =>
      t.http().post(`/api/journeys/${id}/support-awards`).set(as.auth).send(body);
    const valid = () => ({
      providerOrganisationId: provider.id,
      kind: 'grant',
      amountGbp: 25000,
      matchedFundingGbp: 5000,
      awardedOn: '2026-04-01',
      endsOn: '2027-03-31',
      purpose: 'Mutuals Interim Support Fund',
    });

    it.each([
      [{ amountGbp: -1 }, 'amountGbp must not be negative'],
      [{ amountGbp: 12.5 }, 'amountGbp must be a whole number of pounds'],
      [{ amountGbp: '25000' }, 'amountGbp must be a whole number of pounds'],
      [{ matchedFundingGbp: -5 }, 'matchedFundingGbp must not be negative'],
      [{ matchedFundingGbp: 0.5 }, 'matchedFundingGbp must be a whole number of pounds'],
      [{ kind: 'loan' }, 'kind must be one of: grant, advice, mentoring, training'],
      [{ awardedOn: '2026-02-30' }, 'awardedOn must be a real date in the format YYYY-MM-DD'],
      [{ endsOn: '2026-03-01' }, 'endsOn must not be before awardedOn'],
      [{ purpose: '   ' }, 'purpose must not be empty'],
      [{ providerOrganisationId: 'x' }, 'providerOrganisationId must be a UUID'],
      [{ unknownField: 1 }, 'property unknownField should not exist'],
    ])('%j is a 400 naming the field, and stores nothing', async (change, message) => {
      const res = await award(cast.users.staff, advised, { ...valid(), ...change });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM support_awards WHERE journey_id = $1`, [advised]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses a provider that is not a support provider or the central team (400), non-central callers (403), strangers (404)', async () => {
      const res = await award(cast.users.staff, advised, { ...valid(), providerOrganisationId: cast.orgs.mutual.id });
      expect(res.status).toBe(400);
      expect(res.body.message[0]).toMatch(/^providerOrganisationId must name a support provider/);
      expect((await award(cast.users.lead, advised, valid())).status).toBe(403);
      expect((await award(adviser, advised, valid())).status).toBe(403);
      expect((await award(cast.users.outsider, advised, valid())).status).toBe(404);
    });

    it('records awards with a history row, lists them on the journey, and totals them in the pipeline exactly', async () => {
      const first = await award(cast.users.staff, advised, valid());
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        journeyId: advised,
        providerOrganisationId: provider.id,
        providerOrganisationName: provider.name,
        kind: 'grant',
        amountGbp: 25000,
        matchedFundingGbp: 5000,
        awardedOn: '2026-04-01',
        endsOn: '2027-03-31',
        recordedByUserId: cast.users.staff.id,
      });
      await award(cast.users.admin, advised, {
        providerOrganisationId: otherProvider.id,
        kind: 'advice',
        amountGbp: 7500,
        awardedOn: '2026-05-10',
        purpose: 'Pensions advice',
      }).expect(201);
      await award(cast.users.staff, notAdvised, {
        providerOrganisationId: provider.id,
        kind: 'mentoring',
        amountGbp: 1200,
        matchedFundingGbp: 300,
        awardedOn: '2026-06-01',
        purpose: '=cmd|calc',
      }).expect(201);
      await award(cast.users.staff, notAdvised, {
        providerOrganisationId: cast.orgs.central.id,
        kind: 'training',
        amountGbp: 0,
        awardedOn: '2026-06-02',
        purpose: 'Board training',
      }).expect(201);

      const list = await t.http().get(`/api/journeys/${advised}/support-awards`).set(adviser.auth).expect(200);
      expect(list.body).toMatchObject({ total: 2, totalAwardedGbp: 32500, totalMatchedFundingGbp: 5000 });
      expect(list.body.items.map((a: { kind: string }) => a.kind)).toEqual(['grant', 'advice']);
      const history = await t.http().get(`/api/journeys/${advised}/history`).set(cast.users.staff.auth).expect(200);
      expect(
        history.body.items
          .filter((h: { type: string }) => h.type === 'support_awarded')
          .map((h: { data: { amountGbp: number } }) => h.data.amountGbp),
      ).toEqual([25000, 7500]);

      // Move one journey on, so by-phase shows the journey's current phase.
      expect((await fire(t, advised, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Go' })).status).toBe(200);
      const totals = await t.http().get(`/api/pipeline/support?parentBodyId=${parentBody}`).set(cast.users.staff.auth).expect(200);
      expect(totals.body).toMatchObject({
        totalAwardedGbp: 33700,
        totalMatchedFundingGbp: 5300,
        awards: 4,
        journeys: 2,
        byPhase: { pre_spin_out: 33700, spinning_out: 0, sustainability: 0 },
        byKind: { grant: 25000, advice: 7500, mentoring: 1200, training: 0 },
        byProvider: { [provider.id]: 26200, [otherProvider.id]: 7500, [cast.orgs.central.id]: 0 },
      });
      expect(totals.body.byServiceArea).toMatchObject({ health: 32500, youth: 1200, housing: 0 });
      expect(totals.body.breakdown).toContainEqual({
        dimension: 'provider',
        key: provider.id,
        name: provider.name,
        awards: 2,
        journeys: 2,
        amountGbp: 26200,
        matchedFundingGbp: 5300,
      });

      const csv = await t.http().get(`/api/pipeline/support-awards.csv?parentBodyId=${parentBody}`).set(cast.users.staff.auth).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="pathway-support-awards-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows: Array<Record<string, string>> = parse(csv.text, { columns: true });
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => r.awardedOn)).toEqual(['2026-06-02', '2026-06-01', '2026-05-10', '2026-04-01']);
      expect(rows[1]).toMatchObject({
        journeyName: 'Not advised',
        kind: 'mentoring',
        amountGbp: '1200',
        matchedFundingGbp: '300',
        purpose: "'=cmd|calc",
        providerOrganisationName: provider.name,
      });
    });

    it('a department officer sees only their department’s support; other roles 403', async () => {
      const dept = await t
        .http()
        .get(`/api/pipeline/support?parentBodyId=${parentBody}`)
        .set(cast.users.departmentOfficer.auth)
        .expect(200);
      expect(dept.body.totalAwardedGbp).toBe(33700);
      const otherDept = await createActor(t, (await createOrganisation(t, 'department')).id, 'department_officer');
      expect(
        (await t.http().get(`/api/pipeline/support?parentBodyId=${parentBody}`).set(otherDept.auth).expect(200)).body.totalAwardedGbp,
      ).toBe(0);
      for (const who of [cast.users.lead, cast.users.officer, adviser]) {
        expect((await t.http().get('/api/pipeline/support').set(who.auth)).status).toBe(403);
        expect((await t.http().get('/api/pipeline/support-awards.csv').set(who.auth)).status).toBe(403);
      }
      expect((await t.http().get('/api/pipeline/support?phase=nowhere').set(cast.users.staff.auth)).body.message).toEqual([
        expect.stringMatching(/^phase must be one of/),
      ]);
    });
  });
});
