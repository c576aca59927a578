import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the central team's pipeline views (libs/pipeline). Overdue depends on the clock, so
 * it is not maintained in a table: a counter updated by triggers would be wrong the moment a
 * deadline passed with nothing written. (A per-journey row of counts "as of" a time, valid until
 * its next deadline, was tried on the bench data: joining its 10,000 rows cost as much as reading
 * the overdue end of the index below, so it was not worth triggers on journey_tasks.) Instead the
 * open tasks are indexed by deadline, and each view counts at request time from small partial
 * indexes (index-only scans):
 *
 * - open tasks per journey with their deadline: the journey list's and the CSV's open/overdue
 *   counts (one index range per journey);
 * - open tasks by deadline with their journey: the summary's overdue count (only the overdue
 *   part of the index is read; journeys' `journey_tasks_open_deadline_idx` has the same key but,
 *   without the journey id, needs a heap visit per overdue task: 140 ms against 15 ms at 36,000
 *   overdue tasks);
 * - journeys in the list's order (planned transfer date, name, id);
 * - open mandatory spinning-out tasks per journey, and open statutory tasks by deadline and by
 *   journey: the at-risk list (which journeys, then the overdue statutory tasks of a page).
 *
 * The deadline expression must match libs/database/src/journey-sql.ts `taskDeadline` exactly.
 */
const DEADLINE = `COALESCE(due_at, (due_date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
const OPEN = `status NOT IN ('completed', 'not_applicable')`;

export class Pipeline1763800300000 implements MigrationInterface {
  name = 'Pipeline1763800300000';

  async up(q: QueryRunner): Promise<void> {
    // due_at and due_date are INCLUDEd because the planner only plans an index-only scan when the
    // columns the deadline expression reads are in the index, even though the expression is.
    await q.query(
      `CREATE INDEX journey_tasks_open_by_journey_idx ON journey_tasks (journey_id, (${DEADLINE})) INCLUDE (due_at, due_date) WHERE ${OPEN}`,
    );
    await q.query(
      `CREATE INDEX journey_tasks_open_by_deadline_idx ON journey_tasks ((${DEADLINE})) INCLUDE (journey_id, due_at, due_date) WHERE ${OPEN}`,
    );
    // The monitors' list order (soonest transfer, then name): a page, even deep, is an index range.
    await q.query(`CREATE INDEX journeys_pipeline_order_idx ON journeys (planned_transfer_date, name, id)`);
    await q.query(
      `CREATE INDEX journey_tasks_open_mandatory_spinning_out_idx ON journey_tasks (journey_id) WHERE mandatory AND phase = 'spinning_out' AND ${OPEN}`,
    );
    await q.query(
      `CREATE INDEX journey_tasks_open_statutory_idx ON journey_tasks ((${DEADLINE})) INCLUDE (journey_id, due_at, due_date) WHERE statutory AND ${OPEN}`,
    );
    await q.query(`CREATE INDEX journey_tasks_open_statutory_by_journey_idx ON journey_tasks (journey_id) WHERE statutory AND ${OPEN}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_tasks_open_statutory_by_journey_idx`);
    await q.query(`DROP INDEX journey_tasks_open_statutory_idx`);
    await q.query(`DROP INDEX journey_tasks_open_mandatory_spinning_out_idx`);
    await q.query(`DROP INDEX journeys_pipeline_order_idx`);
    await q.query(`DROP INDEX journey_tasks_open_by_deadline_idx`);
    await q.query(`DROP INDEX journey_tasks_open_by_journey_idx`);
  }
}
