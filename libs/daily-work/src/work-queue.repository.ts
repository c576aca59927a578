import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlParams, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';

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
 * an organisation in 100 journeys); the wide columns (guidance, source, the assignee's name) are
 * read for the page's rows alone. The total is the counts' (all buckets, or the one filtered on),
 * so there is no window over every row, and an empty page (past the end) still carries the counts.
 */
@Injectable()
export class WorkQueueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(q: WorkQueueQuery): Promise<WorkQueuePage> {
    const p = new SqlParams();
    const now = p.add(q.now);
    const me = p.add(q.userId);
    const org = p.add(q.organisationId);
    const where = [`j.state <> 'withdrawn'`, taskIsOpen('t')];
    if (!q.central) {
      where.push(
        `(j.mutual_organisation_id = ${org} OR j.parent_body_id = ${org} OR j.commissioner_id = ${org} OR j.department_id = ${org} OR j.arbiter_id = ${org})`,
      );
    }
    where.push(q.assignedToMe ? `t.assignee_user_id = ${me}` : `(t.owner_organisation_id = ${org} OR t.assignee_user_id = ${me})`);
    if (q.journeyId) where.push(`t.journey_id = ${p.add(q.journeyId)}`);
    const due = p.add(q.due ?? null);
    const limit = p.add(q.limit);
    const offset = p.add(q.offset);
    const order = `(m.bucket = 'overdue') DESC, m.deadline ASC NULLS LAST, m.journey_name, m.title, m.id`;
    // An empty page's one row has only the counts: its task columns are null.
    const rows: Array<(WorkQueueRow | Record<keyof WorkQueueRow, null>) & { counts: Record<string, number> | null }> = await this.db.query(
      `WITH mine AS MATERIALIZED (
         SELECT t.id, t.title, j.name AS journey_name, ${taskDeadline('t')} AS deadline,
                CASE WHEN ${taskDeadline('t')} <= ${now} THEN 'overdue'
                     WHEN ${taskDeadline('t')} <= ${now}::timestamptz + ${WEEK} THEN 'this_week'
                     ELSE 'later' END AS bucket
           FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
          WHERE ${where.join(' AND ')}
       ), counts AS (
         SELECT json_object_agg(bucket, n) AS counts FROM (SELECT bucket, count(*)::int AS n FROM mine GROUP BY bucket) c
       ), page AS (
         SELECT m.* FROM mine m
          WHERE ${due}::text IS NULL OR m.bucket = ${due}::text
          ORDER BY ${order}
          LIMIT ${limit} OFFSET ${offset}
       )
       SELECT t.id, t.journey_id AS "journeyId", m.journey_name AS "journeyName", t.key, t.title, t.phase, t.gate_state AS "gateState",
              t.workstream, t.owner_party AS "ownerParty", t.owner_organisation_id AS "ownerOrganisationId", t.status, t.mandatory,
              t.statutory, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_at AS "dueAt", t.due_set_by_hand AS "dueSetByHand",
              t.depends_on AS "dependsOn", t.guidance, t.source, t.source_url AS "sourceUrl", t.contract_id AS "contractId",
              t.assignee_user_id AS "assigneeUserId", u.name AS "assigneeName",
              t.not_applicable_reason AS "notApplicableReason", t.completed_at AS "completedAt", t.custom, m.bucket, c.counts
         FROM counts c
         LEFT JOIN (page m JOIN journey_tasks t ON t.id = m.id) ON true
         LEFT JOIN users u ON u.id = t.assignee_user_id
        ORDER BY ${order}`,
      p.values,
    );
    const counts = { overdue: 0, this_week: 0, later: 0 };
    Object.assign(counts, rows[0]?.counts ?? {});
    const total = q.due ? counts[q.due] : counts.overdue + counts.this_week + counts.later;
    const page = rows.filter((r): r is WorkQueueRow & { counts: Record<string, number> | null } => r.id !== null);
    return { rows: page.map(({ counts: _c, ...r }) => r), total, counts };
  }
}
