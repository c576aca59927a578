import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns `GET /api/pipeline/summary` reads, per table, frozen here as
 * libs/pipeline/src/summary-reads.ts (PIPELINE_SUMMARY_READS) had them when this migration was
 * written: the journeys' are the pipeline's scope and filters (PIPELINE_JOURNEY_COLUMNS) and the
 * staff count. test/pipeline/summary-kept.e2e-spec.ts holds the triggers and that list together.
 */
const READS: Record<string, string[]> = {
  journeys: ['id', 'state', 'phase', 'service_area', 'region', 'department_id', 'parent_body_id', 'staff_count'],
  journey_tasks: ['journey_id', 'status', 'due_at', 'due_date', 'contract_id', 'key'],
  escalations: ['journey_id', 'status'],
  contracts: ['journey_id', 'end_date'],
};

/** Counter slots: a writer takes its own (by backend pid) or, if another open transaction holds that one, any free one. */
const SLOTS = 128;

/**
 * The pipeline summary's version (issue 16, item 5). The summary's counts are kept in each API
 * process's memory per scope and filters (libs/pipeline/src/pipeline.service.ts), under the sum
 * of `pipeline_summary_version.version` read before they are computed. Every statement that
 * writes what the summary reads moves that sum in its own transaction: an INSERT, DELETE or
 * TRUNCATE on journeys, journey_tasks, escalations or contracts, or an UPDATE naming one of the
 * columns above (`UPDATE OF`: a statement that names none, such as the last activity or a task's
 * assignee, leaves it alone). A statement trigger, so a bulk write moves it once.
 *
 * The counter is split in 128 slots so that writers do not queue on one row: a slot's row lock
 * is held until the writing transaction ends, so a transaction bumps once (a transaction-local
 * setting remembers it), its own slot (`pg_backend_pid() % 128`) unless another open transaction
 * holds that one, then the first free slot (`SKIP LOCKED`): a writer waits here only when 128
 * writing transactions are open at once, and so cannot deadlock on it otherwise. The sum grows by
 * one per committed writing transaction and never falls, so an unchanged sum means no such commit.
 */
export class PipelineSummaryVersion1765510000000 implements MigrationInterface {
  name = 'PipelineSummaryVersion1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pipeline_summary_version (
        slot smallint PRIMARY KEY CHECK (slot >= 0 AND slot < ${SLOTS}),
        version bigint NOT NULL DEFAULT 0
      ) WITH (fillfactor = 10)`);
    await q.query(`INSERT INTO pipeline_summary_version (slot) SELECT generate_series(0, ${SLOTS - 1})`);
    await q.query(`
      CREATE FUNCTION pipeline_summary_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        own smallint := pg_backend_pid() % ${SLOTS};
        taken smallint;
      BEGIN
        IF current_setting('pathway.pipeline_summary_bumped', true) = 'on' THEN
          RETURN NULL;
        END IF;
        SELECT slot INTO taken FROM pipeline_summary_version WHERE slot = own FOR UPDATE SKIP LOCKED;
        IF taken IS NULL THEN
          SELECT slot INTO taken FROM pipeline_summary_version ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        UPDATE pipeline_summary_version SET version = version + 1 WHERE slot = coalesce(taken, own);
        PERFORM set_config('pathway.pipeline_summary_bumped', 'on', true);
        RETURN NULL;
      END $$`);
    for (const [table, columns] of Object.entries(READS)) {
      await q.query(`CREATE TRIGGER ${table}_pipeline_summary_bump
          AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF ${columns.join(', ')} ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION pipeline_summary_bump()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(READS)) await q.query(`DROP TRIGGER ${table}_pipeline_summary_bump ON ${table}`);
    await q.query(`DROP FUNCTION pipeline_summary_bump()`);
    await q.query(`DROP TABLE pipeline_summary_version`);
  }
}
