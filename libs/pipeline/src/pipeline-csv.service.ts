import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { ballotFigures, staffSupportThreshold, type BallotMethod } from '@pathway/domain/staff-voice/ballot';
import type { StaffSupportThreshold } from '@pathway/domain/template/types';
import { neutraliseFormula } from './csv-safety';
import type { PipelineFilters } from './dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from './pipeline-scope';
import { atRiskClock, journeyAtRisk } from './at-risk-sql';
import { journeyStateColumns, type JourneyRowWithCounts } from './journey-ref';
import { journeyClockRuns, SqlParams, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';
import {
  latestResultsColumns,
  latestResultsRecord,
  latestResultsSql,
  RESULTS_CSV_COLUMNS,
  type LatestResultsRow,
} from './pipeline-csv-results';

/** Rows fetched from the cursor per round trip. */
const BATCH_SIZE = 1000;

/**
 * The CSV's columns, in order: the header row is these keys, every field of the JSON list
 * (GET /api/pipeline/journeys) under the same name. The organisation ids and lastActivityAt came
 * later, so they are at the end: a spreadsheet reading columns by position keeps working.
 */
export const CSV_COLUMNS = [
  'id',
  'name',
  'mutualOrganisationName',
  'parentBodyName',
  'commissionerName',
  'departmentName',
  'arbiterName',
  'serviceArea',
  'region',
  'phase',
  'state',
  'staffCount',
  'plannedTransferDate',
  'openTasks',
  'overdueTasks',
  'openEscalations',
  'mutualOrganisationId',
  'parentBodyId',
  'commissionerId',
  'departmentId',
  'arbiterId',
  'lastActivityAt',
  // The latest staff ballot (issue 10), at the end like every later column. Shares are fractions 0..1.
  'latestBallotHeldOn',
  'latestBallotMethod',
  'latestBallotTurnout',
  'latestBallotSupportShare',
  'latestBallotMeetsThreshold',
  // Results against the in-house baseline (issue 11): one block, kept together at the end.
  ...RESULTS_CSV_COLUMNS,
  // Issue 18: when the journey entered its state, the whole days since, and at risk (true/false).
  'stateEnteredAt',
  'daysInState',
  'atRisk',
] as const;
type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

/** A row of the export query. */
type CsvRow = JourneyRowWithCounts &
  LatestResultsRow & {
    ballot_held_on: string | null;
    ballot_method: BallotMethod | null;
    ballot_eligible: number | null;
    ballot_for: number | null;
    ballot_against: number | null;
    ballot_abstentions: number | null;
    staff_support_threshold: StaffSupportThreshold | null;
  };

const share = (v: number) => Math.round(v * 10_000) / 10_000;

/** The latest ballot's columns, its figures and threshold decided by the domain (the same rule as the API and pages). */
function ballotColumns(r: CsvRow) {
  if (!r.ballot_held_on || !r.ballot_method) {
    return {
      latestBallotHeldOn: null,
      latestBallotMethod: null,
      latestBallotTurnout: null,
      latestBallotSupportShare: null,
      latestBallotMeetsThreshold: null,
    };
  }
  const f = ballotFigures(
    { eligible: r.ballot_eligible!, votesFor: r.ballot_for!, votesAgainst: r.ballot_against!, abstentions: r.ballot_abstentions! },
    r.ballot_method,
    staffSupportThreshold({ staffSupportThreshold: r.staff_support_threshold ?? undefined }),
  );
  return {
    latestBallotHeldOn: r.ballot_held_on,
    latestBallotMethod: r.ballot_method,
    latestBallotTurnout: share(f.turnout),
    latestBallotSupportShare: share(f.supportShare),
    latestBallotMeetsThreshold: f.meetsThreshold ? 'yes' : 'no',
  };
}

const toRecord = (r: CsvRow): CsvRecord => ({
  id: r.id,
  name: r.name,
  mutualOrganisationName: r.mutual_organisation_name,
  parentBodyName: r.parent_body_name,
  commissionerName: r.commissioner_name,
  departmentName: r.department_name,
  arbiterName: r.arbiter_name,
  serviceArea: r.service_area,
  region: r.region,
  phase: r.phase,
  state: r.state,
  staffCount: r.staff_count,
  plannedTransferDate: r.planned_transfer_date,
  openTasks: r.open_tasks,
  overdueTasks: r.overdue_tasks,
  openEscalations: r.open_escalations,
  mutualOrganisationId: r.mutual_organisation_id,
  parentBodyId: r.parent_body_id,
  commissionerId: r.commissioner_id,
  departmentId: r.department_id,
  arbiterId: r.arbiter_id,
  lastActivityAt: new Date(r.last_activity_at).toISOString(),
  ...ballotColumns(r),
  ...latestResultsRecord(r),
  stateEnteredAt: new Date(r.state_entered_at).toISOString(),
  daysInState: r.days_in_state,
  atRisk: r.at_risk ? 'true' : 'false',
});

type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * Another face for the same export (the web page's spreadsheet for people): which of the
 * columns, in which order, under which header, each value shown how. The API's CSV has none:
 * machine headers (the field names) and raw values.
 */
export interface CsvPresentation {
  columns: ReadonlyArray<{ key: CsvColumn; header: string; format?: (value: string | number | null) => string | number | null }>;
}

/** Excel reads a CSV as the local code page unless it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

export function csvFileName(now = new Date()): string {
  return `pathway-journeys-${todayInLondon(now)}.csv`;
}

/** An open server-side cursor over the export's rows, inside a read-only snapshot. */
interface OpenCursor {
  first: CsvRow[];
  /** The batches after the first. */
  rest: () => AsyncGenerator<CsvRow[]>;
  close: () => Promise<void>;
}

/**
 * The journeys CSV: one row per journey in scope (withdrawn ones too), soonest planned transfer
 * first. Rows come from a Postgres cursor in batches of BATCH_SIZE inside one REPEATABLE READ,
 * READ ONLY transaction (a consistent snapshot); each batch goes through csv-stringify and out
 * with backpressure (the next batch is fetched only when the response has taken the last): the
 * whole export is never in memory, and a client that goes away stops the query.
 */
@Injectable()
export class PipelineCsvService {
  private readonly logger = new Logger(PipelineCsvService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Opens the cursor and fetches the first batch before anything is written, so a failing query
   * still becomes an ordinary error response; then streams everything to `out`.
   */
  async stream(
    scope: PipelineScope,
    filters: PipelineFilters,
    out: Writable,
    now = new Date(),
    presentation?: CsvPresentation,
  ): Promise<void> {
    const cursor = await this.open(scope, filters, now);
    // One CSV chunk per fetched batch: csv-stringify quotes and escapes, and the response gets ten
    // writes for 10,000 journeys rather than one per row (each a chunk on the wire).
    // RFC 4180: CRLF after every record; a UTF-8 BOM first so Excel reads non-ASCII names right.
    const columns = presentation
      ? presentation.columns.map((c) => ({ key: c.key, header: c.header }))
      : CSV_COLUMNS.map((key) => ({ key, header: key }));
    const present = (r: CsvRow): Record<string, string | number | null> => {
      const record = toRecord(r);
      if (!presentation) return record;
      return Object.fromEntries(presentation.columns.map((c) => [c.key, c.format ? c.format(record[c.key]) : record[c.key]]));
    };
    const options = { columns, cast: { string: neutraliseFormula }, record_delimiter: 'windows' as const };
    const chunks = async function* () {
      yield UTF8_BOM + stringify(cursor.first.map(present), { ...options, header: true });
      for await (const batch of cursor.rest()) yield stringify(batch.map(present), { ...options, header: false });
      // Give the connection back before the last bytes go out, not after.
      await cursor.close();
    };
    try {
      await pipeline(Readable.from(chunks(), { objectMode: false }), out);
    } catch (err) {
      // Headers are gone by now: the client sees a cut-short response (pipeline destroyed it).
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE')
        this.logger.error(`journeys.csv failed mid-stream: ${(err as Error).message}`);
    } finally {
      await cursor.close();
    }
  }

  private async open(scope: PipelineScope, filters: PipelineFilters, now: Date): Promise<OpenCursor> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: false, now });
    const clock = atRiskClock(p, now);
    const at = clock.at;
    // An export reads every journey in scope: set-based joins and one grouped pass over the open
    // tasks (journey_tasks_open_by_journey_idx, index-only) beat per-row lookups by about 4x at
    // 10,000 journeys. With a filter, the grouped pass is limited to the journeys in scope.
    const inScope = where === 'TRUE' ? 'TRUE' : `t.journey_id IN (SELECT j.id FROM journeys j WHERE ${where})`;
    const sql = `
      SELECT j.id, j.name, j.phase, j.state, j.service_area, j.region, j.staff_count, j.planned_transfer_date, j.last_activity_at,
             j.mutual_organisation_id, j.parent_body_id, j.department_id, j.commissioner_id, j.arbiter_id,
             mo.name AS mutual_organisation_name, pb.name AS parent_body_name, dp.name AS department_name,
             co.name AS commissioner_name, ar.name AS arbiter_name,
             coalesce(tc.open_tasks, 0) AS open_tasks,
             CASE WHEN ${journeyClockRuns('j')} THEN coalesce(tc.overdue_tasks, 0) ELSE 0 END AS overdue_tasks,
             coalesce(ec.open_escalations, 0) AS open_escalations,
             to_char(sb.held_on, 'YYYY-MM-DD') AS ballot_held_on, sb.method AS ballot_method, sb.eligible AS ballot_eligible,
             sb.votes_for AS ballot_for, sb.votes_against AS ballot_against, sb.abstentions AS ballot_abstentions,
             pt.definition -> 'staffSupportThreshold' AS staff_support_threshold,
             ${journeyStateColumns('j', at)}, ${journeyAtRisk('j', clock)} AS at_risk,
             ${latestResultsColumns('rs')}
      FROM journeys j
      JOIN pathway_templates pt ON pt.version = j.template_version
      LEFT JOIN LATERAL (
        SELECT b.held_on, b.method, b.eligible, b.votes_for, b.votes_against, b.abstentions FROM staff_ballots b
         WHERE b.journey_id = j.id ORDER BY b.held_on DESC, b.recorded_at DESC, b.id DESC LIMIT 1
      ) sb ON TRUE
      JOIN organisations mo ON mo.id = j.mutual_organisation_id
      JOIN organisations pb ON pb.id = j.parent_body_id
      LEFT JOIN organisations dp ON dp.id = j.department_id
      LEFT JOIN organisations co ON co.id = j.commissioner_id
      LEFT JOIN organisations ar ON ar.id = j.arbiter_id
      LEFT JOIN (
        SELECT t.journey_id, count(*)::int AS open_tasks, count(*) FILTER (WHERE ${taskDeadline('t')} <= ${at})::int AS overdue_tasks
        FROM journey_tasks t WHERE ${taskIsOpen('t')} AND ${inScope}
        GROUP BY t.journey_id
      ) tc ON tc.journey_id = j.id
      LEFT JOIN (
        SELECT e.journey_id, count(*)::int AS open_escalations FROM escalations e WHERE e.status = 'open' GROUP BY e.journey_id
      ) ec ON ec.journey_id = j.id
      LEFT JOIN (${latestResultsSql(inScope.replace(/\bt\.journey_id\b/g, 'r.journey_id'))}) rs ON rs.journey_id = j.id
      WHERE ${where}
      ORDER BY j.planned_transfer_date, j.name, j.id`;
    const runner = this.db.createQueryRunner();
    // Ends the read-only transaction (closing the cursor) and returns the connection, once.
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        try {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
        } finally {
          await runner.release();
        }
      })());
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      // The whole result is wanted, so plan for total time, not for the first rows.
      await runner.query('SET LOCAL cursor_tuple_fraction = 1.0');
      // JIT compilation would cost more than the query saves at this size.
      await runner.query('SET LOCAL jit = off');
      await runner.query(`DECLARE pipeline_csv NO SCROLL CURSOR FOR ${sql}`, p.values);
      const first = await fetchBatch(runner);
      const rest = async function* () {
        if (first.length < BATCH_SIZE) return;
        for (;;) {
          const batch = await fetchBatch(runner);
          if (batch.length) yield batch;
          if (batch.length < BATCH_SIZE) return;
        }
      };
      return { first, rest, close };
    } catch (err) {
      await close();
      throw err;
    }
  }
}

function fetchBatch(runner: QueryRunner): Promise<CsvRow[]> {
  return runner.query(`FETCH ${BATCH_SIZE} FROM pipeline_csv`);
}
