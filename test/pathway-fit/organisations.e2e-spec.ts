import { randomUUID } from 'node:crypto';
import { adminAuth, startTestApp, type TestApp } from '../support/app';
import { createActor, createOrganisation } from '../support/fixtures';
import { count as countRows } from '../platform/support/test-db';

const count = (name: string) => countRows('SELECT count(*) FROM organisations WHERE name = $1', [name]);

/** Contract: "Organisations: nation and body type". */
describe('organisations: nation and body type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a parent body’s nation and body type, defaults the nation to England, and reads them back', async () => {
    const council = await createOrganisation(t, 'parent_body', 'Fife Council', { nation: 'scotland', bodyType: 'local_authority' });
    expect(council).toEqual({
      id: expect.any(String),
      name: 'Fife Council',
      kind: 'parent_body',
      nation: 'scotland',
      bodyType: 'local_authority',
    });
    const got = await t.http().get(`/api/organisations/${council.id}`).set(adminAuth).expect(200);
    expect(got.body).toEqual(council);
    const mutual = await createOrganisation(t, 'mutual', 'Hull mutual');
    expect(mutual).toMatchObject({ nation: 'england', bodyType: null });
    const trust = await createOrganisation(t, 'parent_body', 'Hull trust', { bodyType: 'nhs_trust' });
    expect(trust).toMatchObject({ nation: 'england', bodyType: 'nhs_trust' });
  });

  it.each([
    [{ kind: 'mutual', nation: 'cornwall' }, 'nation'],
    [{ kind: 'parent_body', bodyType: 'parish_meeting' }, 'bodyType'],
    [{ kind: 'mutual', bodyType: 'local_authority' }, 'bodyType'],
    [{ kind: 'commissioner', nation: 'scotland', bodyType: 'nhs_trust' }, 'bodyType'],
  ])('refuses %j with a 400 naming %s, and creates nothing', async (body, field) => {
    const name = `Refused ${randomUUID()}`;
    const res = await t
      .http()
      .post('/api/organisations')
      .set(adminAuth)
      .send({ name, ...body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toEqual([expect.stringMatching(new RegExp(`^${field} `))]);
    expect(await count(name)).toBe(0);
  });

  it('lets a central admin change the nation or body type, with the same rules; others get 403', async () => {
    const pb = await createOrganisation(t, 'parent_body', `Council ${randomUUID().slice(0, 6)}`, { bodyType: 'local_authority' });
    const res = await t
      .http()
      .patch(`/api/organisations/${pb.id}`)
      .set(adminAuth)
      .send({ nation: 'wales', bodyType: 'fire_and_rescue' })
      .expect(200);
    expect(res.body).toMatchObject({ nation: 'wales', bodyType: 'fire_and_rescue' });
    const bad = await t.http().patch(`/api/organisations/${pb.id}`).set(adminAuth).send({ bodyType: 'county' }).expect(400);
    expect(bad.body.message).toEqual([expect.stringMatching(/^bodyType /)]);
    const unknownKey = await t.http().patch(`/api/organisations/${pb.id}`).set(adminAuth).send({ kind: 'mutual' }).expect(400);
    expect(unknownKey.body.message).toEqual([expect.stringMatching(/kind/)]);
    const mutual = await createOrganisation(t, 'mutual');
    const onMutual = await t.http().patch(`/api/organisations/${mutual.id}`).set(adminAuth).send({ bodyType: 'nhs_trust' }).expect(400);
    expect(onMutual.body.message).toEqual(['bodyType applies only to an organisation of kind parent_body, not mutual']);
    const officer = await createActor(t, pb.id, 'parent_body_officer');
    await t.http().patch(`/api/organisations/${pb.id}`).set(officer.auth).send({ bodyType: 'nhs_trust' }).expect(403);
    const after = await t.http().get(`/api/organisations/${pb.id}`).set(adminAuth).expect(200);
    expect(after.body).toMatchObject({ nation: 'wales', bodyType: 'fire_and_rescue' });
    await t.http().patch(`/api/organisations/${randomUUID()}`).set(adminAuth).send({ nation: 'wales' }).expect(404);
  });
});
