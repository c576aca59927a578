import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 7: a concern raised confidentially to the central team. The raiser is kept
 * (the central team and the raiser see who it was); every other party sees it anonymised.
 * Each raiser may hold one confidential concern open per journey and task beside the open
 * ordinary one, so raising confidentially never tells anyone that another concern exists.
 */
export class ConfidentialConcerns1765210000000 implements MigrationInterface {
  name = 'ConfidentialConcerns1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalations ADD COLUMN confidential boolean NOT NULL DEFAULT false`);
    await q.query(`DROP INDEX escalations_one_open_idx`);
    await q.query(`
      CREATE UNIQUE INDEX escalations_one_open_idx ON escalations
        (journey_id, COALESCE(task_id, '00000000-0000-0000-0000-000000000000'::uuid), trigger,
         COALESCE(CASE WHEN confidential THEN opened_by_user_id END, '00000000-0000-0000-0000-000000000000'::uuid))
        WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalations_one_open_idx`);
    await q.query(`DELETE FROM escalations WHERE confidential`);
    await q.query(`
      CREATE UNIQUE INDEX escalations_one_open_idx ON escalations
        (journey_id, COALESCE(task_id, '00000000-0000-0000-0000-000000000000'::uuid), trigger) WHERE status = 'open'`);
    await q.query(`ALTER TABLE escalations DROP COLUMN confidential`);
  }
}
