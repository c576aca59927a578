import { startTestApp, TestApp } from '../support/app';
import { createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney, daysFromNow } from '../support/journeys';
import { advanceTo, sqlClient } from './support';

jest.setTimeout(120_000);

/**
 * GET /api/pipeline/journeys pages and sorts on the server: `sort` (a column) and `order`
 * (asc|desc), validated (400 naming the field); every page in any order adds up to the whole
 * list with nothing repeated or skipped.
 */
describe('pipeline journey list: paging and sorting', () => {
  let t: TestApp;
  let cast: Cast;
  let pb: string;
  const names = ['delta', 'Alpha', 'echo', 'charlie', 'Bravo'];
  const ids: Record<string, string> = {};
  const mutualOf: Record<string, string> = {};

  const list = async (query: string) =>
    (await t.http().get(`/api/pipeline/journeys?parentBodyId=${pb}&${query}`).set(cast.users.staff.auth).expect(200)).body;
  const namesOf = (body: { items: Array<{ name: string }> }) => body.items.map((x) => x.name);

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    pb = cast.orgs.parentBody.id;
    // Transfer dates in the reverse of the name order; staff counts in another order again.
    // echo is the cast's mutual's (so its lead can move it on); the others have mutuals of their own.
    const mutuals = await Promise.all(
      ['Zed mutual', 'Yew mutual', 'Xu mutual', 'Wren mutual'].map((n) => createOrganisation(t, 'mutual', n)),
    );
    mutuals.splice(2, 0, cast.orgs.mutual);
    for (const [i, name] of names.entries()) {
      mutualOf[name] = mutuals[i].name;
      const j = await createJourney(
        t,
        cast,
        { name, mutualOrganisationId: mutuals[i].id, plannedTransferDate: daysFromNow(600 + 10 * i), staffCount: [30, 10, 50, 20, 40][i] },
        cast.users.admin,
      );
      ids[name] = j.id;
    }
    await advanceTo(t, cast, ids.echo, 'business_planning');
    const db = await sqlClient(t);
    await db.query(`UPDATE journeys SET last_activity_at = now() - ($2 || ' days')::interval WHERE id = $1`, [ids.Alpha, '30']);
    await db.end();
  });
  afterAll(() => t.close());

  it('keeps soonest planned transfer first by default', async () => {
    expect(namesOf(await list(''))).toEqual(names);
    expect(namesOf(await list('sort=plannedTransferDate&order=desc'))).toEqual([...names].reverse());
  });

  it('sorts by name (ignoring case), mutual, staff, state (pathway order) and last activity, both ways', async () => {
    expect(namesOf(await list('sort=name'))).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(namesOf(await list('sort=name&order=desc'))).toEqual(['echo', 'delta', 'charlie', 'Bravo', 'Alpha']);
    const byMutual = [...names].sort((a, b) => mutualOf[a].toLowerCase().localeCompare(mutualOf[b].toLowerCase()));
    expect(namesOf(await list('sort=mutual'))).toEqual(byMutual);
    expect(namesOf(await list('sort=mutual&order=desc'))).toEqual([...byMutual].reverse());
    expect(namesOf(await list('sort=staffCount&order=desc'))).toEqual(['echo', 'Bravo', 'delta', 'charlie', 'Alpha']);
    // exploring comes before business_planning in the pathway; ties by name.
    expect(namesOf(await list('sort=state&order=desc'))[0]).toBe('echo');
    expect(namesOf(await list('sort=state'))).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(namesOf(await list('sort=lastActivity'))[0]).toBe('Alpha');
    expect(namesOf(await list('sort=lastActivity&order=desc'))[4]).toBe('Alpha');
  });

  it('pages through a sorted list without repeating or skipping a journey', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await list(`sort=name&order=desc&limit=2&offset=${offset}`);
      expect(page.total).toBe(5);
      seen.push(...namesOf(page));
    }
    expect(seen).toEqual(['echo', 'delta', 'charlie', 'Bravo', 'Alpha']);
    const past = await list('sort=name&limit=2&offset=10');
    expect(past).toEqual({ items: [], total: 5 });
  });

  it('refuses an unknown sort or order with 400 naming the field', async () => {
    for (const [query, field] of [
      ['sort=openTasks', 'sort'],
      ['sort=name;DROP TABLE journeys', 'sort'],
      ['order=up', 'order'],
      ['sort=name&order=', 'order'],
    ]) {
      const res = await t.http().get(`/api/pipeline/journeys?${query}`).set(cast.users.staff.auth);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message.join(' ')).toContain(`${field} must be one of`);
    }
  });
});
