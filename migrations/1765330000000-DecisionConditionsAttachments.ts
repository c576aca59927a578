import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions carry conditions and an attachment (issue 18, item 2). The parent body's decisions on
 * the expression of interest and the business case keep their conditions in the history row's
 * payload, like their reasons; an escalation's resolution (an appeal decided, a concern answered)
 * keeps them on the escalation. A decision's file is stored like a task's evidence (the same
 * store, the same checks) and recorded here, with the journey it belongs to (whose parties alone
 * may download it) and, for a resolution, its escalation.
 */
export class DecisionConditionsAttachments1765330000000 implements MigrationInterface {
  name = 'DecisionConditionsAttachments1765330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalations ADD COLUMN conditions text CHECK (conditions IS NULL OR length(conditions) BETWEEN 1 AND 5000)`);
    await q.query(`
      CREATE TABLE decision_attachments (
        id uuid PRIMARY KEY,
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        escalation_id uuid REFERENCES escalations (id) ON DELETE CASCADE,
        decision text NOT NULL CHECK (length(decision) BETWEEN 1 AND 100),
        storage_key text NOT NULL UNIQUE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        uploaded_by_user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decision_attachments_journey_idx ON decision_attachments (journey_id, created_at)`);
    await q.query(
      `CREATE UNIQUE INDEX decision_attachments_escalation_idx ON decision_attachments (escalation_id) WHERE escalation_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_attachments`);
    await q.query(`ALTER TABLE escalations DROP COLUMN conditions`);
  }
}
