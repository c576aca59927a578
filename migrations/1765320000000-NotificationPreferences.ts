import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications people can live with (issue 18, item 5): each person chooses how routine notices
 * reach them by email (a daily digest by default, each as it happens, or none), and each
 * notification records its email route when written: `now` (the outbox sends it), `digest` (held
 * for the daily digest; `digest_id` names the digest row that carried it) or `none` (in-app only).
 * A digest is itself a notification row (type `email_digest`, dedupe key `digest-<date>`, unique
 * per person), so the outbox's retries and the dedupe index make it one email per person per day.
 */
export class NotificationPreferences1765320000000 implements MigrationInterface {
  name = 'NotificationPreferences1765320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        routine_emails text NOT NULL CHECK (routine_emails IN ('daily_digest', 'immediately', 'in_app_only')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Existing rows were written under "email everything at once": they keep `now`.
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN email_route text NOT NULL DEFAULT 'now' CHECK (email_route IN ('now', 'digest', 'none')),
        ADD COLUMN digest_id uuid REFERENCES notifications (id) ON DELETE SET NULL`);
    // The digest's scan: each person's notices held and not yet in a digest.
    await q.query(`
      CREATE INDEX notifications_digest_held_idx ON notifications (created_at, user_id)
        WHERE email_route = 'digest' AND digest_id IS NULL`);
    // The relay scans only emails to send now; held and in-app-only rows leave its index.
    await q.query(`DROP INDEX notifications_email_due_idx`);
    await q.query(`
      CREATE INDEX notifications_email_due_idx ON notifications (email_next_attempt_at, created_at)
        WHERE emailed_at IS NULL AND email_failed_at IS NULL AND email_route = 'now'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_email_due_idx`);
    await q.query(`
      CREATE INDEX notifications_email_due_idx ON notifications (email_next_attempt_at, created_at)
        WHERE emailed_at IS NULL AND email_failed_at IS NULL`);
    await q.query(`DROP INDEX notifications_digest_held_idx`);
    await q.query(`DELETE FROM notifications WHERE type = 'email_digest'`);
    await q.query(`ALTER TABLE notifications DROP COLUMN digest_id, DROP COLUMN email_route`);
    await q.query(`DROP TABLE notification_preferences`);
  }
}
