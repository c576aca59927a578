import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A journey records the fit its checklist was planned for: the mutual's nation (whose bank
 * holidays count as working days, and whose law applies) and the parent body's type. Existing
 * journeys take their organisations' current values (England, type not stated). Tasks keep their
 * source's link beside its citation.
 */
export class JourneyPathwayFit1765130000001 implements MigrationInterface {
  name = 'JourneyPathwayFit1765130000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE journeys
        ADD COLUMN nation text NOT NULL DEFAULT 'england'
          CONSTRAINT journeys_nation_check CHECK (nation IN ('england','wales','scotland','northern_ireland')),
        ADD COLUMN parent_body_type text
          CONSTRAINT journeys_parent_body_type_check CHECK (parent_body_type IN ('local_authority','nhs_trust','nhs_foundation_trust',
            'integrated_care_board','central_government','fire_and_rescue','other_public_body'))`);
    await q.query(`
      UPDATE journeys j SET nation = m.nation, parent_body_type = p.body_type
        FROM organisations m, organisations p
       WHERE m.id = j.mutual_organisation_id AND p.id = j.parent_body_id`);
    await q.query(`ALTER TABLE journey_tasks ADD COLUMN source_url text CHECK (source_url ~ '^https://')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journey_tasks DROP COLUMN source_url`);
    await q.query(`ALTER TABLE journeys DROP COLUMN parent_body_type, DROP COLUMN nation`);
  }
}
