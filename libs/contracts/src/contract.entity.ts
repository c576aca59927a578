import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContractOutcome, ContractRoute } from '@pathway/domain/sustainability/contract-rules';

/** numeric columns come back from Postgres as strings: read them as numbers. */
const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'contracts' })
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'commissioner_id', type: 'uuid' }) commissionerId!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ name: 'awarded_on', type: 'date' }) awardedOn!: string;
  @Column({ name: 'annual_value_gbp', type: 'numeric', transformer: numeric }) annualValueGbp!: number;
  @Column({ type: 'text' }) route!: ContractRoute;
  @Column({ name: 'extension_months', type: 'integer', nullable: true }) extensionMonths!: number | null;
  @Column({ name: 'first_contract', type: 'boolean' }) firstContract!: boolean;
  @Column({ type: 'text', nullable: true }) outcome!: ContractOutcome | null;
  @Column({ name: 'outcome_note', type: 'text', nullable: true }) outcomeNote!: string | null;
  @Column({ name: 'outcome_recorded_at', type: 'timestamptz', nullable: true }) outcomeRecordedAt!: Date | null;
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true }) recordedByUserId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
