import { Client } from 'pg';
import { applyJourneyEvent, initialPosition, type JourneyPosition } from '@pathway/domain/machines/journey-position';
import { seedJourneys } from './seed-journeys';
import {
  api,
  BENCH_ADMIN_TOKEN,
  BENCH_PASSWORD as PASSWORD,
  benchApi,
  benchEnvironment,
  healthP95,
  HTTPS,
  report,
  signIn,
  timeIt,
} from './support';

const JOURNEYS = Number(process.env.BENCH_PAGES_JOURNEYS ?? 1_000);
const SHOWN = 100;
const REQUESTS = Number(process.env.BENCH_PAGES_REQUESTS ?? 50);
/** Every statement the API sends goes through pg's Client#query (the API runs in this process). */
let statements = 0;
const originalQuery = Client.prototype.query;
function countStatements(): void {
  Client.prototype.query = function countingQuery(this: Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
}

/**
 * Issue 16's page figures: SQL statements per request and p50/p95 for the start page of each role,
 * GET /api/journeys, /tasks, /pipeline and a journey page, with one mutual holding 100 journeys
 * (of 1,000), all past the accepted expression of interest so the guarded "submit the business
 * case" is open to its lead, and one support provider advising all 100.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('pages');
  await seedJourneys(env.databaseUrl, JOURNEYS);
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  try {
    let pos: JourneyPosition = initialPosition();
    for (const type of ['submit_expression_of_interest', 'accept_expression_of_interest'] as const) {
      const next = applyJourneyEvent(pos, { type, payload: { proposalSummary: 'bench' } });
      if (!next.ok) throw new Error(`${type}: ${next.reason}`);
      pos = next.position;
    }
    const shown: string[] = (await pg.query(`SELECT id FROM journeys ORDER BY planned_transfer_date, id LIMIT $1`, [SHOWN])).rows.map(
      (r) => r.id,
    );
    const [{ mutual, parent }] = (
      await pg.query(`SELECT mutual_organisation_id AS mutual, parent_body_id AS parent FROM journeys WHERE id = $1`, [shown[0]])
    ).rows;
    await pg.query(`UPDATE journeys SET mutual_organisation_id = $2, phase = $3, state = $4, machine_snapshot = $5 WHERE id = ANY($1)`, [
      shown,
      mutual,
      pos.phase,
      pos.state,
      JSON.stringify(pos.snapshot),
    ]);
    const [{ id: provider }] = (
      await pg.query(`INSERT INTO organisations (name, kind) VALUES ('Advice Co', 'support_provider') RETURNING id`)
    ).rows;
    await pg.query(`INSERT INTO journey_advisers (journey_id, organisation_id) SELECT unnest($1::uuid[]), $2`, [shown, provider]);
    const [{ id: central }] = (await pg.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' LIMIT 1`)).rows;

    const people: Record<string, { token: string; cookie: string }> = {};
    for (const [who, organisationId, role] of [
      ['mutual lead', mutual, 'mutual_lead'],
      ['adviser', provider, 'adviser'],
      ['parent body officer', parent, 'parent_body_officer'],
      ['central staff', central, 'cabinet_office_staff'],
    ] as const) {
      const email = `${role}@bench.test`;
      const user = await api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', '/api/users', {
        email,
        name: who,
        organisationId,
        role,
        password: PASSWORD,
      });
      if (user.status !== 201) throw new Error(`user ${who}: ${user.status} ${JSON.stringify(user.json)}`);
      const token = (await api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', `/api/users/${user.json.id}/tokens`, {})).json.token as string;
      people[who] = { token, cookie: await signIn(baseUrl, email) };
    }
    const health = await healthP95(baseUrl);
    countStatements();
    const figures: Record<string, string | number> = {};
    const probe = async (who: string, path: string, kind: 'page' | 'api') => {
      const headers: Record<string, string> =
        kind === 'page' ? { ...HTTPS, cookie: people[who].cookie } : { Authorization: `Bearer ${people[who].token}` };
      const get = () =>
        fetch(baseUrl + path, { headers, redirect: 'manual' }).then(async (r) => ({ status: r.status, body: await r.arrayBuffer() }));
      await get();
      statements = 0;
      const first = await get();
      if (first.status !== 200) throw new Error(`${who} ${path}: ${first.status}`);
      const label = `${who} GET ${path.replace(shown[0], ':id')}`;
      figures[`${label}: statements`] = String(statements);
      const t = await timeIt(REQUESTS, get, 3);
      figures[`${label} p50 ms`] = t.p50;
      figures[`${label} p95 ms`] = t.p95;
    };
    await probe('mutual lead', '/', 'page');
    await probe('adviser', '/', 'page');
    await probe('parent body officer', '/', 'page');
    await probe('central staff', '/', 'page');
    await probe('mutual lead', '/api/journeys', 'api');
    await probe('adviser', '/api/journeys', 'api');
    await probe('mutual lead', '/tasks', 'page');
    await probe('central staff', '/pipeline', 'page');
    await probe('mutual lead', `/journeys/${shown[0]}`, 'page');
    report(`pages: one mutual with ${SHOWN} journeys (of ${JOURNEYS}), ${REQUESTS} sequential requests each`, figures, {
      healthP95: health,
    });
  } finally {
    Client.prototype.query = originalQuery;
    await pg.end();
    await app.close();
    await env.drop();
  }
}
