import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney, fire, wholeHistory } from '../support/journeys';

/** GET /api/journeys/:id/history is paged: the newest page by default, cursors both ways, bad paging 400. */
describe('history pages', () => {
  let t: TestApp;
  let cast: Cast;
  let journeyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    journeyId = (await createJourney(t, cast)).id;
    // 1 journey_created + 12 hold/resume events = 13 entries.
    for (let i = 0; i < 6; i++) {
      expect((await fire(t, journeyId, cast.users.admin, 'put_on_hold', { reason: `pause ${i}` })).status).toBe(200);
      expect((await fire(t, journeyId, cast.users.admin, 'resume')).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = async (query: string) =>
    (await t.http().get(`/api/journeys/${journeyId}/history${query}`).set(cast.users.admin.auth).expect(200)).body;

  it('gives the newest page, oldest first within it, with links older and back', async () => {
    const all = await wholeHistory(t, journeyId, cast.users.admin, 100);
    expect(all).toHaveLength(13);
    const newest = await page('?limit=5');
    expect(newest.items).toEqual(all.slice(8));
    expect(newest).toMatchObject({
      total: 13,
      limit: 5,
      newerCursor: null,
      links: { newest: `/api/journeys/${journeyId}/history?limit=5`, newer: null },
    });
    expect(newest.links.older).toBe(`/api/journeys/${journeyId}/history?limit=5&before=${newest.olderCursor}`);

    const older = await page(`?limit=5&before=${newest.olderCursor}`);
    expect(older.items).toEqual(all.slice(3, 8));
    const oldest = await page(`?limit=5&before=${older.olderCursor}`);
    expect(oldest.items).toEqual(all.slice(0, 3));
    expect(oldest.olderCursor).toBeNull();
    expect(oldest.links.older).toBeNull();

    // Forward again from the oldest page to the newest.
    const back = await page(`?limit=5&after=${oldest.newerCursor}`);
    expect(back.items).toEqual(all.slice(3, 8));
    const front = await page(`?limit=5&after=${back.newerCursor}`);
    expect(front.items).toEqual(all.slice(8));
    expect(front.newerCursor).toBeNull();
  });

  it.each([
    ['?limit=0', /limit/],
    ['?limit=501', /limit/],
    ['?limit=ten', /limit/],
    ['?before=abc', /before must be a cursor/],
    ['?after=-1', /after must be a cursor/],
    ['?before=5&after=2', /before and after cannot be used together/],
    ['?page=2', /page/],
  ])('refuses %s with a 400 naming the parameter', async (query, message) => {
    const res = await t.http().get(`/api/journeys/${journeyId}/history${query}`).set(cast.users.admin.auth).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });
});
