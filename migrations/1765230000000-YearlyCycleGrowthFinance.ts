import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sustainability and growth (issue 11): the legal entity's own dates (incorporation and the end of
 * its first accounting reference period), which drive the yearly cycle; the cycle year a task
 * belongs to (its key carries the year too, so the unique (journey, key) index forbids a year
 * twice); how many cycle years a journey has had created; and growth finance sought and secured.
 */
export class YearlyCycleGrowthFinance1765230000000 implements MigrationInterface {
  name = 'YearlyCycleGrowthFinance1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journeys ADD COLUMN incorporation_date date, ADD COLUMN accounting_reference_date date,
      ADD COLUMN cycle_years_created integer NOT NULL DEFAULT 0 CHECK (cycle_years_created >= 0),
      ADD CONSTRAINT journeys_entity_dates_check CHECK (accounting_reference_date IS NULL OR incorporation_date IS NULL OR accounting_reference_date > incorporation_date)`);
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN cycle_year integer CHECK (cycle_year >= 1)`);
    await q.query(`CREATE INDEX journey_tasks_cycle_idx ON journey_tasks (journey_id, cycle_year) WHERE cycle_year IS NOT NULL`);
    await q.query(
      `CREATE INDEX journeys_operating_cycle_idx ON journeys (cycle_years_created) WHERE phase = 'sustainability' AND state = 'operating'`,
    );
    await q.query(`
      CREATE TABLE growth_finance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('loan', 'social_investment', 'community_shares', 'grant')),
        amount_gbp bigint NOT NULL CHECK (amount_gbp > 0),
        funder text NOT NULL CHECK (length(btrim(funder)) > 0),
        purpose text,
        status text NOT NULL CHECK (status IN ('sought', 'secured', 'declined')),
        sought_on date NOT NULL,
        secured_on date,
        recorded_by_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (secured_on IS NULL OR secured_on >= sought_on),
        CHECK ((status = 'secured') = (secured_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX growth_finance_journey_idx ON growth_finance (journey_id, sought_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE growth_finance`);
    await q.query(`DROP INDEX journeys_operating_cycle_idx`);
    await q.query(`DROP INDEX journey_tasks_cycle_idx`);
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN cycle_year`);
    await q.query(`ALTER TABLE journeys DROP CONSTRAINT journeys_entity_dates_check, DROP COLUMN cycle_years_created,
      DROP COLUMN accounting_reference_date, DROP COLUMN incorporation_date`);
  }
}
