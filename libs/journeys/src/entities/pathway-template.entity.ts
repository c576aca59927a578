import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every published version of the pathway template; a journey keeps the version it started with. */
@Entity({ name: 'pathway_templates' })
export class PathwayTemplateEntity {
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) definition!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true }) createdByUserId!: string | null;
}
