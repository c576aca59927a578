import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff voice (issue 10): staff ballots as structured evidence, the central team's waiver of the
 * staff-support condition, and staff pulse surveys. Whether a ballot meets the threshold is the
 * domain's (libs/domain/src/staff-voice), computed from the counts and the journey's template, so
 * it is not stored. Counts are checked here too, in bigint so the sum cannot overflow.
 */
export class StaffVoice1765200000000 implements MigrationInterface {
  name = 'StaffVoice1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_ballots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
        held_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('secret_postal', 'secret_online', 'secret_in_person', 'show_of_hands')),
        eligible integer NOT NULL CHECK (eligible >= 1),
        votes_for integer NOT NULL CHECK (votes_for >= 0),
        votes_against integer NOT NULL CHECK (votes_against >= 0),
        abstentions integer NOT NULL DEFAULT 0 CHECK (abstentions >= 0),
        independent_scrutineer text CHECK (independent_scrutineer IS NULL OR length(independent_scrutineer) <= 200),
        recorded_by_user_id uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (votes_for::bigint + votes_against + abstentions <= eligible)
      )`);
    await q.query(`CREATE INDEX staff_ballots_latest_idx ON staff_ballots (journey_id, held_on DESC, recorded_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE staff_support_waivers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        waived_by_user_id uuid NOT NULL REFERENCES users (id),
        waived_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX staff_support_waivers_journey_idx ON staff_support_waivers (journey_id, waived_at DESC)`);
    await q.query(`
      CREATE TABLE staff_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        held_on date NOT NULL,
        respondents integer NOT NULL CHECK (respondents >= 1),
        eligible integer NOT NULL CHECK (eligible >= 1),
        understand_pension numeric(4, 3) NOT NULL CHECK (understand_pension BETWEEN 0 AND 1),
        support_spin_out numeric(4, 3) NOT NULL CHECK (support_spin_out BETWEEN 0 AND 1),
        morale_good numeric(4, 3) NOT NULL CHECK (morale_good BETWEEN 0 AND 1),
        recorded_by_user_id uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (respondents <= eligible)
      )`);
    await q.query(`CREATE INDEX staff_surveys_journey_idx ON staff_surveys (journey_id, held_on, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_surveys`);
    await q.query(`DROP TABLE staff_support_waivers`);
    await q.query(`DROP TABLE staff_ballots`);
  }
}
