import { MigrationInterface, QueryRunner } from 'typeorm';

/** The measures' columns in journey_results, frozen here as they were when this migration was written. */
const MEASURES = [
  'staff_turnover_pct',
  'sickness_days_per_fte',
  'staff_satisfaction_pct',
  'service_user_satisfaction_pct',
  'staff_count',
  'income_gbp',
  'staff_membership_pct',
];

/** The journeys' columns the pipeline's scope and filters read, as libs/pipeline/src/pipeline-scope.ts had them then. */
const JOURNEY_COLUMNS = ['id', 'state', 'phase', 'service_area', 'region', 'department_id', 'parent_body_id'];

/**
 * The state of the sector's read model (issue 11, item 7): one row per journey that has figures,
 * with whether it has a baseline and a year, and per measure the baseline and the latest yearly
 * figure (the most recent financial year with a figure for that measure, as the journey page's
 * comparison takes it). `GET /api/pipeline/results` took its medians from a grouped pass over
 * every journey_results row (13,332 rows at 10,000 journeys on the bench, most of the request);
 * with this table it reads one row per journey.
 *
 * It is derived, never written by the application: statement triggers on journey_results refresh
 * the rows of the journeys a statement touched, in the same transaction, on every path (the API,
 * the web form, seeds, a deleted row, a journey deleted with its figures). The refresh first
 * takes the journeys' row locks (the API's results write already holds its journey's), so two
 * transactions writing one journey's figures refresh one after the other, the second reading
 * what the first committed.
 *
 * The medians are also kept in each API process's memory (PipelineResultsService), keyed by the
 * caller's scope and filters and by `pipeline_results_version.version`, which every change to
 * their inputs moves in its own transaction: a row of journey_latest_results written or removed,
 * or a change to a journey (with figures) in a column the pipeline's scope and filters read
 * (libs/pipeline/src/pipeline-scope.ts PIPELINE_JOURNEY_COLUMNS). The bump is a deferred
 * constraint trigger, so the version row is locked only while the writing transaction commits.
 */
export class JourneyLatestResults1765300000000 implements MigrationInterface {
  name = 'JourneyLatestResults1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const columns = MEASURES.map((m) => `baseline_${m} float8, latest_${m} float8`).join(',\n        ');
    await q.query(`
      CREATE TABLE journey_latest_results (
        journey_id uuid PRIMARY KEY REFERENCES journeys(id) ON DELETE CASCADE,
        has_baseline boolean NOT NULL,
        has_year boolean NOT NULL,
        ${columns}
      )`);
    const names = MEASURES.map((m) => `baseline_${m}, latest_${m}`).join(', ');
    const figures = MEASURES.map(
      (m) => `max(r.${m}::float8) FILTER (WHERE r.period = 'baseline'),
              (array_agg(r.${m}::float8 ORDER BY r.period DESC) FILTER (WHERE r.period <> 'baseline' AND r.${m} IS NOT NULL))[1]`,
    ).join(',\n              ');
    const updates = MEASURES.map((m) => `baseline_${m} = EXCLUDED.baseline_${m}, latest_${m} = EXCLUDED.latest_${m}`).join(', ');
    // Periods are 'baseline' or 'YYYY-YY', so the text order of the years is their order.
    await q.query(`
      CREATE FUNCTION journey_latest_results_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM journeys WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
        DELETE FROM journey_latest_results l
          WHERE l.journey_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM journey_results r WHERE r.journey_id = l.journey_id);
        INSERT INTO journey_latest_results (journey_id, has_baseline, has_year, ${names})
          SELECT r.journey_id, bool_or(r.period = 'baseline'), bool_or(r.period <> 'baseline'),
              ${figures}
          FROM journey_results r WHERE r.journey_id = ANY (ids) GROUP BY r.journey_id
          ON CONFLICT (journey_id) DO UPDATE SET has_baseline = EXCLUDED.has_baseline, has_year = EXCLUDED.has_year, ${updates};
      END $$`);
    await q.query(`
      CREATE FUNCTION journey_results_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM journey_latest_results_refresh(ARRAY(SELECT DISTINCT journey_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM journey_latest_results_refresh(ARRAY(SELECT DISTINCT journey_id FROM old_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM journey_latest_results_refresh(ARRAY(SELECT journey_id FROM new_rows UNION SELECT journey_id FROM old_rows));
        ELSE
          TRUNCATE journey_latest_results;
        END IF;
        RETURN NULL;
      END $$`);
    // A transition table needs a trigger per event.
    for (const [event, table] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'NEW TABLE AS new_rows OLD TABLE AS old_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`CREATE TRIGGER journey_results_${event.toLowerCase()}_latest AFTER ${event} ON journey_results
        REFERENCING ${table} FOR EACH STATEMENT EXECUTE FUNCTION journey_results_changed()`);
    }
    await q.query(
      `CREATE TRIGGER journey_results_truncate_latest AFTER TRUNCATE ON journey_results FOR EACH STATEMENT EXECUTE FUNCTION journey_results_changed()`,
    );
    await q.query(`SELECT journey_latest_results_refresh(ARRAY(SELECT DISTINCT journey_id FROM journey_results))`);

    await q.query(`CREATE TABLE pipeline_results_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO pipeline_results_version (version) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION pipeline_results_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'journey_latest_results' THEN
          UPDATE pipeline_results_version SET version = version + 1;
        ELSIF EXISTS (SELECT 1 FROM journey_latest_results WHERE journey_id IN (OLD.id, NEW.id)) THEN
          -- A journey without figures is in no median.
          UPDATE pipeline_results_version SET version = version + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER journey_latest_results_bump AFTER INSERT OR UPDATE OR DELETE ON journey_latest_results
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pipeline_results_bump()`);
    await q.query(`CREATE TRIGGER journey_latest_results_truncate_bump AFTER TRUNCATE ON journey_latest_results
        FOR EACH STATEMENT EXECUTE FUNCTION pipeline_results_bump()`);
    const changed = JOURNEY_COLUMNS.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
    await q.query(`CREATE CONSTRAINT TRIGGER journeys_pipeline_results_bump AFTER UPDATE ON journeys
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION pipeline_results_bump()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER journeys_pipeline_results_bump ON journeys`);
    await q.query(`DROP TABLE pipeline_results_version`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER journey_results_${event}_latest ON journey_results`);
    }
    await q.query(`DROP FUNCTION journey_results_changed()`);
    await q.query(`DROP FUNCTION journey_latest_results_refresh(uuid[])`);
    await q.query(`DROP TABLE journey_latest_results`);
    await q.query(`DROP FUNCTION pipeline_results_bump()`);
  }
}
