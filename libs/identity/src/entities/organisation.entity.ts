import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BodyType, Nation, OrganisationKind } from '@pathway/domain/vocabulary';

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Column({ type: 'text', default: 'england' })
  nation!: Nation;

  /** Parent bodies only (a check constraint enforces it); null: not stated. */
  @Column({ name: 'body_type', type: 'text', nullable: true })
  bodyType!: BodyType | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
