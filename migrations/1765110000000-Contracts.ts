import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contracts register (libs/contracts) and the renewal tasks each contract brings. A journey may
 * hold several contracts, each with its own `plan_contract_renewal` and `decide_contract_renewal`,
 * so a task's key is unique per journey and contract rather than per journey.
 */
export class Contracts1765110000000 implements MigrationInterface {
  name = 'Contracts1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        title text NOT NULL,
        commissioner_id uuid NOT NULL REFERENCES organisations(id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        awarded_on date NOT NULL,
        annual_value_gbp numeric(14, 2) NOT NULL CHECK (annual_value_gbp >= 0),
        route text NOT NULL CHECK (route IN ('direct_award', 'reserved_mutual', 'open_competition', 'provider_selection_regime', 'extension', 'grant_agreement')),
        extension_months integer CHECK (extension_months >= 0),
        first_contract boolean NOT NULL DEFAULT false,
        outcome text CHECK (outcome IN ('renewed', 'extended', 'retendered_won', 'lost')),
        outcome_note text,
        outcome_recorded_at timestamptz,
        recorded_by_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date),
        CHECK (awarded_on <= start_date)
      )`);
    await q.query(`CREATE INDEX contracts_journey_idx ON contracts (journey_id, start_date)`);
    await q.query(`CREATE INDEX contracts_end_date_idx ON contracts (end_date, journey_id)`);
    await q.query(`CREATE INDEX contracts_reserved_idx ON contracts (commissioner_id, awarded_on) WHERE route = 'reserved_mutual'`);
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN contract_id uuid REFERENCES contracts(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE journey_tasks DROP CONSTRAINT journey_tasks_journey_id_key_key`);
    await q.query(
      `CREATE UNIQUE INDEX journey_tasks_journey_key_contract_idx ON journey_tasks (journey_id, key, COALESCE(contract_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
    await q.query(`CREATE INDEX journey_tasks_contract_idx ON journey_tasks (contract_id) WHERE contract_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE journey_results (
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period = 'baseline' OR period ~ '^[0-9]{4}-[0-9]{2}$'),
        staff_turnover_pct numeric(7, 3) CHECK (staff_turnover_pct BETWEEN 0 AND 100),
        sickness_days_per_fte numeric(7, 3) CHECK (sickness_days_per_fte >= 0),
        staff_satisfaction_pct numeric(7, 3) CHECK (staff_satisfaction_pct BETWEEN 0 AND 100),
        service_user_satisfaction_pct numeric(7, 3) CHECK (service_user_satisfaction_pct BETWEEN 0 AND 100),
        staff_count integer CHECK (staff_count >= 0),
        income_gbp numeric(16, 2) CHECK (income_gbp >= 0),
        staff_membership_pct numeric(7, 3) CHECK (staff_membership_pct BETWEEN 0 AND 100),
        social_value text,
        recorded_by_user_id uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE journey_results`);
    await q.query(`DROP INDEX journey_tasks_contract_idx`);
    await q.query(`DROP INDEX journey_tasks_journey_key_contract_idx`);
    await q.query(`DELETE FROM journey_tasks WHERE contract_id IS NOT NULL`);
    await q.query(`ALTER TABLE journey_tasks ADD CONSTRAINT journey_tasks_journey_id_key_key UNIQUE (journey_id, key)`);
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN contract_id`);
    await q.query(`DROP TABLE contracts`);
  }
}
