import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SupportAwardKind } from '@pathway/domain/vocabulary';

/** A support provider assigned to advise a journey (its advisers see the journey). */
@Entity({ name: 'journey_advisers' })
export class JourneyAdviserEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ name: 'assigned_by_user_id', type: 'uuid', nullable: true }) assignedByUserId!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
}

/** Support the programme gave a journey: a grant, advice, mentoring or training, in whole pounds. */
@Entity({ name: 'support_awards' })
export class SupportAwardEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ name: 'provider_organisation_id', type: 'uuid' }) providerOrganisationId!: string;
  @Column({ type: 'text' }) kind!: SupportAwardKind;
  @Column({ name: 'amount_gbp', type: 'bigint' }) amountGbp!: string;
  @Column({ name: 'matched_funding_gbp', type: 'bigint' }) matchedFundingGbp!: string;
  @Column({ name: 'awarded_on', type: 'date' }) awardedOn!: string;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn!: string | null;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true }) recordedByUserId!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
