import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support programme (issue 12): support providers and their advisers, the journeys each
 * provider is assigned to, and the awards of support a journey receives. Also two partial indexes
 * on the history for the pipeline's trends (counted events by date) and durations (each journey's
 * state changes in order).
 *
 * Organisation kinds and roles are CHECK-constrained lists; they are re-declared here with the new
 * `support_provider` kind and `adviser` role. A later migration that changes either list must keep
 * these values (the lists live in libs/domain/src/vocabulary.ts).
 */
const KINDS = ['mutual', 'parent_body', 'commissioner', 'department', 'arbiter', 'cabinet_office', 'support_provider'];
const ROLES = [
  'mutual_lead',
  'mutual_member',
  'parent_body_officer',
  'commissioner',
  'department_officer',
  'arbiter',
  'cabinet_office_staff',
  'cabinet_office_admin',
  'adviser',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
/** The history types the trends count (libs/pipeline/src/programme/trend-counts.ts). Must match it exactly. */
const TREND_TYPES = [
  'journey_created',
  'submit_expression_of_interest',
  'accept_expression_of_interest',
  'decline_expression_of_interest',
  'complete_transfer',
  'withdraw',
];

export class Support1765120000000 implements MigrationInterface {
  name = 'Support1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN (${list(KINDS)}))`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${list(ROLES)}))`);
    await q.query(`
      CREATE TABLE journey_advisers (
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        assigned_by_user_id uuid REFERENCES users (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (journey_id, organisation_id)
      )`);
    // An adviser's journey list: the journeys of their organisation.
    await q.query(`CREATE INDEX journey_advisers_organisation_idx ON journey_advisers (organisation_id, journey_id)`);
    await q.query(`
      CREATE TABLE support_awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        provider_organisation_id uuid NOT NULL REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind IN ('grant', 'advice', 'mentoring', 'training')),
        amount_gbp bigint NOT NULL CHECK (amount_gbp >= 0),
        matched_funding_gbp bigint NOT NULL DEFAULT 0 CHECK (matched_funding_gbp >= 0),
        awarded_on date NOT NULL,
        ends_on date CHECK (ends_on IS NULL OR ends_on >= awarded_on),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
        recorded_by_user_id uuid REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_awards_journey_idx ON support_awards (journey_id, awarded_on)`);
    await q.query(`CREATE INDEX support_awards_provider_idx ON support_awards (provider_organisation_id)`);
    // Trends: the counted events in a date range, index-only.
    await q.query(
      `CREATE INDEX journey_history_trends_idx ON journey_history (at) INCLUDE (journey_id, type) WHERE type IN (${list(TREND_TYPES)})`,
    );
    // Durations: each journey's state changes in order, index-only.
    await q.query(
      `CREATE INDEX journey_history_transitions_idx ON journey_history (journey_id, id) INCLUDE (at, to_state) WHERE to_state IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journey_history_transitions_idx`);
    await q.query(`DROP INDEX journey_history_trends_idx`);
    await q.query(`DROP TABLE support_awards`);
    await q.query(`DROP TABLE journey_advisers`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (${list(ROLES.filter((r) => r !== 'adviser'))}))`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN (${list(KINDS.filter((k) => k !== 'support_provider'))}))`,
    );
  }
}
