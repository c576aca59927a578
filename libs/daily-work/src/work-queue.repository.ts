import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { journeyIsActive, SqlParams, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';

/** Which deadlines a work queue shows: past, within the next 7 days, or later (including none). */
export const DUE_BUCKETS = ['overdue', 'this_week', 'later'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];

export interface WorkQueueQuery {
  userId: string;
  organisationId: string;
  /** Central roles see every journey; others only those their organisation takes part in. */
  central: boolean;
  due?: DueBucket;
  /** Only tasks assigned to the user (otherwise: owned by the organisation, or assigned to the user). */
  assignedToMe?: boolean;
  journeyId?: string;
  limit: number;
  offset: number;
  now: Date;
}

export interface WorkQueueRow {
  id: string;
  journeyId: string;
  journeyName: string;
  key: string;
  title: string;
  phase: string;
  gateState: string | null;
  workstream: string;
  ownerParty: string;
  ownerOrganisationId: string | null;
  status: string;
  mandatory: boolean;
  statutory: boolean;
  dueDate: string | null;
  dueAt: Date | null;
  dueSetByHand: boolean;
  dependsOn: string[];
  guidance: string;
  source: string;
  sourceUrl: string | null;
  contractId: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  notApplicableReason: string | null;
  completedAt: Date | null;
  custom: boolean;
  bucket: DueBucket;
}

export interface WorkQueuePage {
  rows: WorkQueueRow[];
  total: number;
  counts: Record<DueBucket, number>;
}

const WEEK = "interval '7 days'";

/**
 * The work queue in one statement, whatever the number of journeys: open tasks of active journeys
 * the caller can see that their organisation owns or that are assigned to them, bucketed by
 * deadline, overdue first then soonest, with the count of each bucket (before the `due` filter)
 * for the page's tabs.
 *
 * Only what sorting and counting need is read for every task the person owes (a few thousand for
 * an organisation in 100 journeys): the organisation's from `journey_tasks_open_by_owner_idx`
 * alone (an index-only scan: id, journey, deadline and title), the person's from the assignee
 * index, as two arms of a UNION ALL (an OR of the two made Postgres read every row of both from
 * the heap), kept to the journeys the caller can see. The buckets are ranges of the deadline, so
 * counting labels no row; the journeys' names are joined only to the rows the `due` filter keeps,
 * and the wide columns (guidance, source, the assignee's name) are read for the page's rows
 * alone. The total is the counts' (all buckets, or the one filtered on), so there is no window
 * over every row, and an empty page (past the end) still carries the counts.
 */
@Injectable()
export class WorkQueueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(q: WorkQueueQuery): Promise<WorkQueuePage> {
    const p = new SqlParams();
    // Each parameter is bound where it is first used: Postgres cannot type one the statement never names.
    let orgParam: string | undefined;
    const org = () => (orgParam ??= p.add(q.organisationId));
    const now = p.add(q.now);
    const visible = [journeyIsActive('j')];
    if (!q.central) {
      visible.push(
        `(j.mutual_organisation_id = ${org()} OR j.parent_body_id = ${org()} OR j.commissioner_id = ${org()} OR j.department_id = ${org()} OR j.arbiter_id = ${org()})`,
      );
    }
    if (q.journeyId) visible.push(`j.id = ${p.add(q.journeyId)}`);
    const owed = (who: string) =>
      `SELECT t.id, t.journey_id, t.title, ${taskDeadline('t')} AS deadline FROM journey_tasks t WHERE ${taskIsOpen('t')} AND ${who}`;
    const me = p.add(q.userId);
    const arms = q.assignedToMe
      ? [owed(`t.assignee_user_id = ${me}`)]
      : [
          owed(`t.owner_organisation_id = ${org()}`),
          owed(`t.assignee_user_id = ${me} AND t.owner_organisation_id IS DISTINCT FROM ${org()}`),
        ];
    const due = p.add(q.due ?? null);
    const limit = p.add(q.limit);
    const offset = p.add(q.offset);
    // The buckets as ranges of the deadline, so the rows are filtered and counted without a label each.
    const within = {
      overdue: `m.deadline <= ${now}`,
      this_week: `m.deadline > ${now} AND m.deadline <= ${now}::timestamptz + ${WEEK}`,
      later: `(m.deadline IS NULL OR m.deadline > ${now}::timestamptz + ${WEEK})`,
    } satisfies Record<DueBucket, string>;
    // Overdue first, then soonest: overdue deadlines are the earliest, so the deadline alone orders the buckets.
    const order = (journeyName: string) => `m.deadline ASC NULLS LAST, ${journeyName}, m.title, m.id`;
    // An empty page's one row has only the counts: its task columns are null.
    const rows: Array<(WorkQueueRow | Record<keyof WorkQueueRow, null>) & { counts: Record<string, number> | null }> = await this.db.query(
      `WITH visible AS MATERIALIZED (
         SELECT j.id, j.name FROM journeys j WHERE ${visible.join(' AND ')}
       ), mine AS MATERIALIZED (
         SELECT o.id, o.journey_id, o.title, o.deadline FROM (${arms.join(' UNION ALL ')}) o WHERE o.journey_id IN (SELECT id FROM visible)
       ), counts AS (
         SELECT json_build_object(${DUE_BUCKETS.map((b) => `'${b}', count(*) FILTER (WHERE ${within[b]})`).join(', ')}) AS counts
           FROM mine m
       ), page AS (
         SELECT m.id, m.title, m.deadline, v.name AS journey_name FROM mine m JOIN visible v ON v.id = m.journey_id
          WHERE ${due}::text IS NULL ${DUE_BUCKETS.map((b) => `OR (${due}::text = '${b}' AND ${within[b]})`).join(' ')}
          ORDER BY ${order('v.name')}
          LIMIT ${limit} OFFSET ${offset}
       )
       SELECT t.id, t.journey_id AS "journeyId", m.journey_name AS "journeyName", t.key, t.title, t.phase, t.gate_state AS "gateState",
              t.workstream, t.owner_party AS "ownerParty", t.owner_organisation_id AS "ownerOrganisationId", t.status, t.mandatory,
              t.statutory, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_at AS "dueAt", t.due_set_by_hand AS "dueSetByHand",
              t.depends_on AS "dependsOn", t.guidance, t.source, t.source_url AS "sourceUrl", t.contract_id AS "contractId",
              t.assignee_user_id AS "assigneeUserId", u.name AS "assigneeName",
              t.not_applicable_reason AS "notApplicableReason", t.completed_at AS "completedAt", t.custom,
              CASE WHEN ${within.overdue} THEN 'overdue' WHEN ${within.this_week} THEN 'this_week' ELSE 'later' END AS bucket, c.counts
         FROM counts c
         LEFT JOIN (page m JOIN journey_tasks t ON t.id = m.id) ON true
         LEFT JOIN users u ON u.id = t.assignee_user_id
        ORDER BY ${order('m.journey_name')}`,
      p.values,
    );
    const counts = { overdue: 0, this_week: 0, later: 0 };
    Object.assign(counts, rows[0]?.counts ?? {});
    const total = q.due ? counts[q.due] : counts.overdue + counts.this_week + counts.later;
    const page = rows.filter((r): r is WorkQueueRow & { counts: Record<string, number> | null } => r.id !== null);
    // The rows go out as they came (each still carries the counts column, which nothing reads):
    // copying 50 wide rows to drop it cost more than the rest of the mapping.
    return { rows: page, total, counts };
  }
}
