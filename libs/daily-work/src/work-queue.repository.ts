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
    const rows: Array<WorkQueueRow & { total: string; counts: Record<string, number> | null }> = await this.db.query(
      `WITH mine AS (
         SELECT t.*, j.name AS journey_name, ${taskDeadline('t')} AS deadline,
                CASE WHEN ${taskDeadline('t')} <= ${now} THEN 'overdue'
                     WHEN ${taskDeadline('t')} <= ${now}::timestamptz + ${WEEK} THEN 'this_week'
                     ELSE 'later' END AS bucket
           FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
          WHERE ${where.join(' AND ')}
       ), counts AS (
         SELECT json_object_agg(bucket, n) AS counts FROM (SELECT bucket, count(*)::int AS n FROM mine GROUP BY bucket) c
       )
       SELECT m.id, m.journey_id AS "journeyId", m.journey_name AS "journeyName", m.key, m.title, m.phase, m.gate_state AS "gateState",
              m.workstream, m.owner_party AS "ownerParty", m.owner_organisation_id AS "ownerOrganisationId", m.status, m.mandatory,
              m.statutory, to_char(m.due_date, 'YYYY-MM-DD') AS "dueDate", m.due_at AS "dueAt", m.due_set_by_hand AS "dueSetByHand",
              m.depends_on AS "dependsOn", m.guidance, m.source, m.assignee_user_id AS "assigneeUserId", u.name AS "assigneeName",
              m.not_applicable_reason AS "notApplicableReason", m.completed_at AS "completedAt", m.custom, m.bucket,
              count(*) OVER () AS total, (SELECT counts FROM counts) AS counts
         FROM mine m LEFT JOIN users u ON u.id = m.assignee_user_id
        WHERE ${due}::text IS NULL OR m.bucket = ${due}::text
        ORDER BY (m.bucket = 'overdue') DESC, m.deadline ASC NULLS LAST, m.journey_name, m.title, m.id
        LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    const counts = { overdue: 0, this_week: 0, later: 0 };
    let total = 0;
    if (rows.length) {
      Object.assign(counts, rows[0].counts ?? {});
      total = Number(rows[0].total);
    } else if (q.offset > 0 || q.due) {
      // An empty page still reports the buckets (second statement only when the page is empty).
      const again = await this.page({ ...q, due: undefined, offset: 0, limit: 1 });
      Object.assign(counts, again.counts);
      total = q.due ? counts[q.due] : again.total;
    }
    return { rows: rows.map(({ total: _t, counts: _c, ...r }) => r as WorkQueueRow), total, counts };
  }
}
