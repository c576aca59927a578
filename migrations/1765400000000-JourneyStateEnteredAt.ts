import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a journey entered its current state (issue 18, item 7: the pipeline's "days in status"
 * column, sortable). Kept by a trigger, so no path that changes a journey's state can forget it:
 * `BEFORE UPDATE OF state`, when the state really changes, sets it to the transaction's time (the
 * time its history row and `last_activity_at` get). A new journey gets the default, now().
 */
export class JourneyStateEnteredAt1765400000000 implements MigrationInterface {
  name = 'JourneyStateEnteredAt1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journeys ADD COLUMN state_entered_at timestamptz`);
    await q.query(BACKFILL_STATE_ENTERED_AT);
    await q.query(`ALTER TABLE journeys ALTER COLUMN state_entered_at SET DEFAULT now(), ALTER COLUMN state_entered_at SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION journeys_state_entered_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.state_entered_at := now();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journeys_state_entered_at BEFORE UPDATE OF state ON journeys
      FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION journeys_state_entered_at()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER journeys_state_entered_at ON journeys`);
    await q.query(`DROP FUNCTION journeys_state_entered_at()`);
    await q.query(`ALTER TABLE journeys DROP COLUMN state_entered_at`);
  }
}

/**
 * From the history: the latest row that moved the journey into the state it is in now (a journey
 * that went A, B, A entered A at the second visit), else its creation. Exported for its test.
 */
export const BACKFILL_STATE_ENTERED_AT = `
  UPDATE journeys j SET state_entered_at = coalesce(
    (SELECT h.at FROM journey_history h WHERE h.journey_id = j.id AND h.to_state = j.state ORDER BY h.id DESC LIMIT 1),
    j.created_at)`;
