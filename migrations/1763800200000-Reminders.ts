import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders: one row per scheduled reminder of a task deadline. Postgres is the source of truth;
 * Redis only holds delayed jobs (`reminder-<id>`) for the rows due within the horizon.
 */
export class Reminders1763800200000 implements MigrationInterface {
  name = 'Reminders1763800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES journey_tasks (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('task_due_soon','task_overdue','escalate')),
        "offset" text NOT NULL,
        deadline timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        fire_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','cancelled','superseded')),
        status_reason text,
        enqueued_at timestamptz,
        delivered_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A reminder (kind, offset, policy time, deadline) is live at most once per task: never repeated.
    await q.query(`
      CREATE UNIQUE INDEX reminders_live_idx ON reminders (task_id, kind, "offset", remind_at, deadline)
        WHERE status IN ('pending','delivered')`);
    // The reconciler's scan: pending reminders by time.
    await q.query(`CREATE INDEX reminders_pending_fire_idx ON reminders (fire_at, id) WHERE status = 'pending'`);
    // Hold and withdrawal cancel a journey's pending reminders.
    await q.query(`CREATE INDEX reminders_pending_journey_idx ON reminders (journey_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX reminders_task_idx ON reminders (task_id)`);
    // The email reconciler's scan: recent notifications not yet emailed.
    await q.query(`CREATE INDEX notifications_unemailed_idx ON notifications (created_at) WHERE emailed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_unemailed_idx`);
    await q.query(`DROP TABLE reminders`);
  }
}
