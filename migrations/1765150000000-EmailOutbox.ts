import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email delivery state on each notification, which is the outbox row (its message is the
 * notification; `emailed_at` already records delivery). The worker claims due rows with one
 * UPDATE (no transaction held while sending), sends with a timeout, and records the outcome:
 * delivered, refused for good (`email_failed_at` with the reason), or retried at
 * `email_next_attempt_at` with capped exponential backoff for EMAIL_RETRY_FOR_HOURS (72 by default).
 */
export class EmailOutbox1765150000000 implements MigrationInterface {
  name = 'EmailOutbox1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN email_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN email_next_attempt_at timestamptz,
        ADD COLUMN email_last_error text,
        ADD COLUMN email_failed_at timestamptz`);
    // The relay's scan: emails still to send, by when they are next due.
    await q.query(`
      CREATE INDEX notifications_email_due_idx ON notifications (email_next_attempt_at, created_at)
        WHERE emailed_at IS NULL AND email_failed_at IS NULL`);
    // The admins' list of emails refused for good.
    await q.query(`CREATE INDEX notifications_email_failed_idx ON notifications (email_failed_at DESC) WHERE email_failed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_email_failed_idx`);
    await q.query(`DROP INDEX notifications_email_due_idx`);
    await q.query(`
      ALTER TABLE notifications
        DROP COLUMN email_failed_at, DROP COLUMN email_last_error, DROP COLUMN email_next_attempt_at, DROP COLUMN email_attempts`);
  }
}
