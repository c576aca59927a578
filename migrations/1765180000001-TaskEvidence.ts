import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily work (issue 18): custom tasks, the work queue's assignee index, and evidence on tasks:
 * comments, and attachments (a link, or a file kept in object storage under `storage_key`).
 */
export class TaskEvidence1765180000001 implements MigrationInterface {
  name = 'TaskEvidence1765180000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN custom boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN created_by_user_id uuid REFERENCES users (id)`);
    // Work queue: "assigned to me" across journeys (open tasks only).
    await q.query(
      `CREATE INDEX journey_tasks_assignee_open_idx ON journey_tasks (assignee_user_id) WHERE assignee_user_id IS NOT NULL AND status NOT IN ('completed', 'not_applicable')`,
    );
    await q.query(`
      CREATE TABLE task_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES journey_tasks (id) ON DELETE CASCADE,
        author_user_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_comments_task_idx ON task_comments (task_id, created_at, id)`);
    await q.query(`
      CREATE TABLE task_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES journey_tasks (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('file', 'link')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        url text CHECK (url IS NULL OR length(url) <= 2000),
        storage_key text UNIQUE,
        file_name text,
        content_type text,
        size_bytes bigint CHECK (size_bytes IS NULL OR size_bytes >= 0),
        sha256 text,
        uploaded_by_user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'link' AND url IS NOT NULL AND storage_key IS NULL) OR (kind = 'file' AND storage_key IS NOT NULL AND url IS NULL))
      )`);
    await q.query(`CREATE INDEX task_attachments_task_idx ON task_attachments (task_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_attachments`);
    await q.query(`DROP TABLE task_comments`);
    await q.query(`DROP INDEX journey_tasks_assignee_open_idx`);
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN created_by_user_id`);
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN custom`);
  }
}
