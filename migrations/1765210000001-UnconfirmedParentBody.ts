import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 item 8: a parent body named by a mutual lead is an unconfirmed party request until
 * that body answers it (or the central team names it); it can reject it as not theirs.
 * Journeys that exist already were named by whoever set them up: confirmed.
 */
export class UnconfirmedParentBody1765210000001 implements MigrationInterface {
  name = 'UnconfirmedParentBody1765210000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journeys ADD COLUMN parent_body_confirmed boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journeys DROP COLUMN parent_body_confirmed`);
  }
}
