import { Client } from 'pg';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';

jest.setTimeout(60_000);

/**
 * The named prepared statements of the hot path (libs/database/src/prepared.ts) stay prepared on
 * every pooled connection. A migration that retypes a column they return (text -> varchar(300), a
 * widening a migration might do while API processes keep running) makes Postgres refuse the kept
 * statement (0A000 "cached plan must not change result type"). Found by an outside test: every
 * bearer request and journey read answered 500 on each warm connection until it was dropped, so,
 * under steady traffic, indefinitely. Now the statement is prepared afresh under a new name.
 */
describe('named prepared statements after a column is retyped', () => {
  let t: TestApp;
  let cast: Cast;
  let journeyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    journeyId = (await createJourney(t, cast)).id;
  });
  afterAll(async () => t.close());

  async function ddl(sql: string) {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  }

  // The journey load first: the token check's failure below would hide it.
  it('the journey load still answers (no 500) after journeys.name is retyped', async () => {
    for (let i = 0; i < 10; i++) expect((await t.http().get(`/api/journeys/${journeyId}`).set(cast.users.lead.auth)).status).toBe(200);
    await ddl(`ALTER TABLE journeys ALTER COLUMN name TYPE varchar(300)`);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.http().get(`/api/journeys/${journeyId}`).set(cast.users.lead.auth)).status);
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('the bearer token check still answers (no 500) after users.name is retyped', async () => {
    // Warm the statement on the pool's connections.
    for (let i = 0; i < 10; i++) expect((await t.http().get('/api/me').set(adminAuth)).status).toBe(200);
    await ddl(`ALTER TABLE users ALTER COLUMN name TYPE varchar(300)`);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.http().get('/api/me').set(adminAuth)).status);
    expect(statuses).toEqual(Array(10).fill(200));
  });
});
