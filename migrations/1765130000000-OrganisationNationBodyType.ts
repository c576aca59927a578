import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations carry the UK nation they are in and, for parent bodies, the kind of public body. */
export class OrganisationNationBodyType1765130000000 implements MigrationInterface {
  name = 'OrganisationNationBodyType1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN nation text NOT NULL DEFAULT 'england'
          CONSTRAINT organisations_nation_check CHECK (nation IN ('england','wales','scotland','northern_ireland')),
        ADD COLUMN body_type text
          CONSTRAINT organisations_body_type_check CHECK (body_type IN ('local_authority','nhs_trust','nhs_foundation_trust',
            'integrated_care_board','central_government','fire_and_rescue','other_public_body')),
        ADD CONSTRAINT organisations_body_type_parent_only CHECK (body_type IS NULL OR kind = 'parent_body')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organisations DROP CONSTRAINT organisations_body_type_parent_only, DROP COLUMN body_type, DROP COLUMN nation`,
    );
  }
}
