import { Column, Entity, PrimaryColumn } from 'typeorm';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One period's figures for a journey: `baseline` (the last in-house year) or a financial year `YYYY-YY`. */
@Entity({ name: 'journey_results' })
export class JourneyResultEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn({ type: 'text' }) period!: string;
  @Column({ name: 'staff_turnover_pct', type: 'numeric', nullable: true, transformer: numeric }) staffTurnoverPct!: number | null;
  @Column({ name: 'sickness_days_per_fte', type: 'numeric', nullable: true, transformer: numeric }) sicknessDaysPerFte!: number | null;
  @Column({ name: 'staff_satisfaction_pct', type: 'numeric', nullable: true, transformer: numeric }) staffSatisfactionPct!: number | null;
  @Column({ name: 'service_user_satisfaction_pct', type: 'numeric', nullable: true, transformer: numeric }) serviceUserSatisfactionPct!:
    number | null;
  @Column({ name: 'staff_count', type: 'integer', nullable: true }) staffCount!: number | null;
  @Column({ name: 'income_gbp', type: 'numeric', nullable: true, transformer: numeric }) incomeGbp!: number | null;
  @Column({ name: 'staff_membership_pct', type: 'numeric', nullable: true, transformer: numeric }) staffMembershipPct!: number | null;
  @Column({ name: 'social_value', type: 'text', nullable: true }) socialValue!: string | null;
  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true }) recordedByUserId!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
