/**
 * The pipeline summary's answers are kept in the API process per scope and filters, under
 * pipeline_summary_version (moved by triggers on every write to what the summary reads) and until
 * the next deadline or London midnight (issue 16, item 5). Here each kind of write is followed by
 * a read through the same process, which must show it; a write made with the triggers switched
 * off (session_replication_role = replica, as nothing in the app does) shows that, otherwise, the
 * kept answer is what is served.
 */
import { Client } from 'pg';
import { endOfLondonToday, todayInLondon } from '@pathway/domain/calendar/london';
import type { PipelineSummaryDto } from '@pathway/pipeline/dto/pipeline-response.dto';
import { PipelineService } from '@pathway/pipeline/pipeline.service';
import { PIPELINE_SUMMARY_READS } from '@pathway/pipeline/pipeline-scope';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { advanceTo, isOpen, londonDate, putOnHold, raiseConcern, sqlClient, tasksOf } from './support';

jest.setTimeout(180_000);

/** Far enough that no template deadline (the earliest is 20 months before transfer) has passed. */
const FAR = londonDate(900);

describe('pipeline summary: kept between requests, never stale', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = cast.orgs.parentBody.id;
    for (const [name, serviceArea, staffCount] of [
      ['Kept summary a', 'health', 100],
      ['Kept summary b', 'health', 200],
      ['Kept summary c', 'social_care', 300],
    ] as const) {
      ids.push((await createJourney(t, cast, { name, serviceArea, staffCount, plannedTransferDate: FAR })).id);
    }
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  type Summary = PipelineSummaryDto;
  const summary = async (query = ''): Promise<Summary> =>
    (await t.http().get(`/api/pipeline/summary?parentBodyId=${pb}${query}`).set(cast.users.staff.auth).expect(200)).body;
  const withoutAsOf = ({ asOf: _asOf, ...rest }: Summary) => rest;
  const version = async () => (await db.query(`SELECT sum(version)::text AS v FROM pipeline_summary_version`)).rows[0].v as string;
  /** A write the triggers do not see: only a kept answer can hide it. */
  const unseen = async (sql: string, params: unknown[] = []) => {
    await db.query(`SET session_replication_role = replica`);
    try {
      await db.query(sql, params);
    } finally {
      await db.query(`SET session_replication_role = DEFAULT`);
    }
  };

  /** Reads the summary twice (so it is kept), then makes the write and reads again. */
  async function around(write: () => Promise<unknown>, query = ''): Promise<{ before: Summary; after: Summary }> {
    await summary(query);
    const before = await summary(query);
    const v = await version();
    await write();
    expect(await version()).not.toBe(v);
    return { before, after: await summary(query) };
  }

  it('serves the kept answer while nothing it reads is written, with asOf the request’s instant', async () => {
    const first = await summary();
    expect(first).toMatchObject({
      total: 3,
      staffTransferring: 600,
      byServiceArea: expect.objectContaining({ health: 2, social_care: 1 }),
    });
    const v = await version();
    // Columns the summary does not read: the version stands still.
    await db.query(`UPDATE journeys SET last_activity_at = now(), name = name || ' ' WHERE id = $1`, [ids[0]]);
    await db.query(`UPDATE journey_tasks SET title = title || ' ', assignee_user_id = NULL WHERE journey_id = $1`, [ids[0]]);
    await db.query(`BEGIN`);
    await db.query(`UPDATE journeys SET staff_count = 1 WHERE id = $1`, [ids[0]]);
    await db.query(`ROLLBACK`);
    expect(await version()).toBe(v);
    // A change the version does not see is not shown: the answer served is the kept one.
    await unseen(`UPDATE journeys SET staff_count = staff_count + 5 WHERE id = $1`, [ids[0]]);
    const second = await summary();
    expect(withoutAsOf(second)).toEqual(withoutAsOf(first));
    expect(Date.parse(second.asOf)).toBeGreaterThan(Date.parse(first.asOf));
    // Each scope and filter has its own answer.
    expect((await summary('&serviceArea=health')).total).toBe(2);
    expect((await summary()).total).toBe(3);
    // Any write to what the summary reads moves the version, and the next read is computed afresh.
    await db.query(`UPDATE journeys SET staff_count = staff_count WHERE id = $1`, [ids[0]]);
    expect(await version()).not.toBe(v);
    expect((await summary()).staffTransferring).toBe(605);
  });

  it('is computed afresh after a journey changes state', async () => {
    const { before, after } = await around(() => putOnHold(t, cast, ids[1]));
    expect(before.byState.on_hold).toBe(0);
    expect(after.byState.on_hold).toBe(1);
  });

  it('is computed afresh after an overdue task is completed', async () => {
    // The mutual's first task: no dependencies, no evidence, completed by a tick.
    const task = (await tasksOf(t, cast, ids[0])).find((x) => x.key === 'appraise_service_options' && isOpen(x))!;
    const { before: notYet, after: overdue } = await around(() =>
      db.query(`UPDATE journey_tasks SET due_date = NULL, due_at = now() - interval '1 minute' WHERE id = $1`, [task.id]),
    );
    expect(overdue.overdueTasks).toBe(notYet.overdueTasks + 1);
    const { after } = await around(() =>
      t.http().patch(`/api/journeys/${ids[0]}/tasks/${task.id}`).set(cast.users.lead.auth).send({ status: 'completed' }).expect(200),
    );
    expect(after.overdueTasks).toBe(notYet.overdueTasks);
  });

  it('is computed afresh after an escalation is raised', async () => {
    const { before, after } = await around(() => raiseConcern(t, cast.users.lead, ids[0]));
    expect(after.openEscalations).toBe(before.openEscalations + 1);
  });

  it('is computed afresh after a contract is added', async () => {
    // Contracts are recorded from spinning out onwards.
    await advanceTo(t, cast, ids[2], 'mobilising');
    const endDate = londonDate(365);
    const { before, after } = await around(() =>
      t
        .http()
        .post(`/api/journeys/${ids[2]}/contracts`)
        .set(cast.users.commissioner.auth)
        .send({
          title: 'Adult social care',
          commissionerId: cast.orgs.commissioner.id,
          startDate: londonDate(-30),
          endDate,
          awardedOn: londonDate(-60),
          annualValueGbp: 1_000_000,
          route: 'reserved_mutual',
        })
        .expect(201),
    );
    expect(after.contractsExpiringWithin18Months).toBe(before.contractsExpiringWithin18Months + 1);
  });

  it('is computed afresh after a journey is deleted', async () => {
    // A journey with history cannot be deleted (the history is append-only), so a bare copy of one, made in SQL.
    const { rows: cols } = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'journeys' AND column_name NOT IN ('id', 'name')`,
    );
    const list = cols.map((c) => c.column_name).join(', ');
    const {
      rows: [{ id }],
    } = await db.query<{ id: string }>(
      `INSERT INTO journeys (name, ${list}) SELECT 'Kept summary deleted', ${list} FROM journeys WHERE id = $1 RETURNING id`,
      [ids[0]],
    );
    await db.query(
      `INSERT INTO journey_tasks SELECT (jsonb_populate_record(t, jsonb_build_object('id', gen_random_uuid(), 'journey_id', $2::uuid))).*
                      FROM journey_tasks t WHERE t.journey_id = $1`,
      [ids[0], id],
    );
    const { before, after } = await around(() => db.query(`DELETE FROM journeys WHERE id = $1`, [id]));
    expect(after.total).toBe(before.total - 1);
  });

  it('is computed afresh once a deadline passes with no write, and at London midnight', async () => {
    const pipeline = t.app.get(PipelineService);
    const scope = { departmentId: null };
    const filters = { parentBodyId: pb };
    const task = (await tasksOf(t, cast, ids[2])).find((x) => isOpen(x) && x.ownerParty === 'mutual')!;
    // A deadline at a time later today (or, near midnight, just after it): nothing is written when it passes.
    const now = new Date();
    const deadline = new Date(Math.min(now.getTime() + 3_600_000, endOfLondonToday(now).getTime() - 1_000));
    await db.query(`UPDATE journey_tasks SET due_date = NULL, due_at = $2 WHERE id = $1`, [task.id, deadline]);
    const before = await pipeline.summary(scope, filters, now);
    // Kept until the deadline: a change the version does not see stays hidden just before it…
    await unseen(`UPDATE journeys SET staff_count = staff_count + 1 WHERE id = $1`, [ids[2]]);
    const justBefore = await pipeline.summary(scope, filters, new Date(deadline.getTime() - 1));
    expect(withoutAsOf(justBefore)).toEqual(withoutAsOf(before));
    // …and at the deadline the task is overdue and everything is read again.
    const at = await pipeline.summary(scope, filters, deadline);
    expect(at.overdueTasks).toBe(before.overdueTasks + 1);
    expect(at.staffTransferring).toBe(before.staffTransferring + 1);

    // A contract ending today counts until today in London ends, with no task due before then.
    await db.query(`UPDATE journey_tasks SET due_at = NULL, due_date = $2 WHERE id = $1`, [task.id, FAR]);
    await db.query(`UPDATE contracts SET end_date = $2 WHERE journey_id = $1`, [ids[2], todayInLondon(now)]);
    const today = await pipeline.summary(scope, filters, now);
    const midnight = endOfLondonToday(now);
    await unseen(`UPDATE journeys SET staff_count = staff_count + 1 WHERE id = $1`, [ids[2]]);
    expect(withoutAsOf(await pipeline.summary(scope, filters, new Date(midnight.getTime() - 1)))).toEqual(withoutAsOf(today));
    const tomorrow = await pipeline.summary(scope, filters, midnight);
    expect(tomorrow.contractsExpiringWithin18Months).toBe(today.contractsExpiringWithin18Months - 1);
    expect(tomorrow.staffTransferring).toBe(today.staffTransferring + 1);
    // An instant before the answer was computed is not inside its window either.
    await unseen(`UPDATE journeys SET staff_count = staff_count + 1 WHERE id = $1`, [ids[2]]);
    const earlier = await pipeline.summary(scope, filters, new Date(now.getTime() - 1));
    expect(earlier.staffTransferring).toBe(tomorrow.staffTransferring + 1);
  });

  it('is computed afresh through the API when a deadline passes in real time', async () => {
    const task = (await tasksOf(t, cast, ids[2])).find((x) => isOpen(x) && x.ownerParty === 'mutual')!;
    const deadline = new Date(Date.now() + 1_500);
    await db.query(`UPDATE journey_tasks SET due_date = NULL, due_at = $2 WHERE id = $1`, [task.id, deadline]);
    const before = await summary();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline.getTime() - Date.now()) + 50));
    expect((await summary()).overdueTasks).toBe(before.overdueTasks + 1);
  });

  it('never keeps an at-risk filter', async () => {
    const pipeline = t.app.get(PipelineService);
    const scope = { departmentId: null };
    const first = await pipeline.summary(scope, { parentBodyId: pb, atRisk: false });
    await unseen(`UPDATE journeys SET staff_count = staff_count + 1 WHERE id = $1`, [ids[2]]);
    expect((await pipeline.summary(scope, { parentBodyId: pb, atRisk: false })).staffTransferring).toBe(first.staffTransferring + 1);
  });

  it('lets a writer take a free slot rather than wait for one another open transaction holds', async () => {
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(`BEGIN`);
      await other.query(`SELECT slot FROM pipeline_summary_version WHERE slot <> 77 FOR UPDATE`);
      const [{ v }] = (await db.query(`SELECT version::text AS v FROM pipeline_summary_version WHERE slot = 77`)).rows;
      await db.query(`SET statement_timeout = '5s'`);
      await db.query(`UPDATE journeys SET staff_count = staff_count + 1 WHERE id = $1`, [ids[2]]);
      await db.query(`RESET statement_timeout`);
      const [{ v: after }] = (await db.query(`SELECT version::text AS v FROM pipeline_summary_version WHERE slot = 77`)).rows;
      expect(BigInt(after)).toBe(BigInt(v) + 1n);
      await other.query(`ROLLBACK`);
    } finally {
      await other.end();
    }
  });

  it('watches exactly the columns the summary reads, and the summary reads no others', async () => {
    // The triggers: every table the summary reads, its columns as PIPELINE_SUMMARY_READS lists them.
    const { rows } = await db.query(
      `SELECT c.relname AS "table", pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname LIKE '%_pipeline_summary_bump'`,
    );
    const watched = Object.fromEntries(
      (rows as Array<{ table: string; def: string }>).map((r) => {
        expect(r.def).toMatch(
          /AFTER INSERT OR DELETE OR UPDATE OF .* OR TRUNCATE ON .* FOR EACH STATEMENT EXECUTE FUNCTION pipeline_summary_bump\(\)/,
        );
        return [r.table, /UPDATE OF (.*?) OR TRUNCATE ON /.exec(r.def)![1].split(', ').sort()];
      }),
    );
    expect(watched).toEqual(Object.fromEntries(Object.entries(PIPELINE_SUMMARY_READS).map(([table, cols]) => [table, [...cols].sort()])));

    // The summary's statements: every alias.column they read is listed (journeys j, tasks t, escalations e, contracts c).
    const aliases: Record<string, keyof typeof PIPELINE_SUMMARY_READS> = {
      j: 'journeys',
      t: 'journey_tasks',
      e: 'escalations',
      c: 'contracts',
    };
    const sql: string[] = [];
    const original = Reflect.get(Client.prototype, 'query') as (this: Client, ...a: unknown[]) => unknown;
    Client.prototype.query = function capture(this: Client, ...args: unknown[]) {
      if (typeof args[0] === 'string') sql.push(args[0]);
      return original.apply(this, args);
    } as typeof Client.prototype.query;
    try {
      await db.query(`UPDATE journeys SET staff_count = staff_count WHERE id = $1`, [ids[0]]);
      sql.length = 0;
      await t.app.get(PipelineService).summary({ departmentId: null }, { parentBodyId: pb, serviceArea: 'health', region: 'london' });
    } finally {
      Client.prototype.query = original as typeof Client.prototype.query;
    }
    const read = sql.filter((s) => !s.includes('pipeline_summary_version'));
    expect(read.length).toBeGreaterThanOrEqual(4);
    const tables = new Set(read.flatMap((s) => [...s.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\s+([a-z])\b/g)].map((m) => `${m[1]} ${m[2]}`)));
    expect([...tables].sort()).toEqual(['contracts c', 'escalations e', 'journey_tasks t', 'journeys j']);
    for (const s of read) {
      for (const [, alias, column] of s.matchAll(/\b([jtec])\.([a-z_]+)/g)) {
        expect({
          table: aliases[alias],
          column,
          listed: (PIPELINE_SUMMARY_READS[aliases[alias]] as readonly string[]).includes(column),
        }).toEqual({
          table: aliases[alias],
          column,
          listed: true,
        });
      }
    }
  });
});
