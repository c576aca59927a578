import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BodyType, Nation, Phase, Region, ServiceArea } from '@pathway/domain/vocabulary';

export interface StoredReminderPolicy {
  remindBefore: string[];
  escalateAfter: string;
  escalateAfterWorkingDays: boolean;
}

@Entity({ name: 'journeys' })
export class JourneyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'mutual_organisation_id', type: 'uuid' }) mutualOrganisationId!: string;
  @Column({ name: 'parent_body_id', type: 'uuid' }) parentBodyId!: string;
  /** False while a parent body named by a mutual lead has not answered (it may reject it as not theirs). */
  @Column({ name: 'parent_body_confirmed', type: 'boolean', default: true }) parentBodyConfirmed!: boolean;
  @Column({ name: 'commissioner_id', type: 'uuid', nullable: true }) commissionerId!: string | null;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId!: string | null;
  @Column({ name: 'arbiter_id', type: 'uuid', nullable: true }) arbiterId!: string | null;
  @Column({ name: 'service_area', type: 'text' }) serviceArea!: ServiceArea;
  @Column({ type: 'text' }) region!: Region;
  @Column({ name: 'staff_count', type: 'integer' }) staffCount!: number;
  /** YYYY-MM-DD (Europe/London calendar date). */
  @Column({ name: 'planned_transfer_date', type: 'date' }) plannedTransferDate!: string;
  @Column({ type: 'text' }) phase!: Phase;
  @Column({ type: 'text' }) state!: string;
  /** XState persisted snapshot of the current phase's machine (keeps hold/resume history). */
  @Column({ name: 'machine_snapshot', type: 'jsonb' }) machineSnapshot!: unknown;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'template_version', type: 'integer' }) templateVersion!: number;
  /** The fit the checklist was planned for: the mutual's nation (working days, law) ... */
  @Column({ type: 'text', default: 'england' }) nation!: Nation;
  /** ... and the parent body's type (null: not stated). Changed only by the central team's re-plan. */
  @Column({ name: 'parent_body_type', type: 'text', nullable: true }) parentBodyType!: BodyType | null;
  @Column({ name: 'legal_form', type: 'text', nullable: true }) legalForm!: string | null;
  @Column({ name: 'reminder_policy', type: 'jsonb' }) reminderPolicy!: StoredReminderPolicy;
  /** Event type → the London date it first happened: anchors for event-relative due dates. */
  @Column({ name: 'event_dates', type: 'jsonb' }) eventDates!: Record<string, string>;
  @Column({ name: 'proposal_summary', type: 'text', nullable: true }) proposalSummary!: string | null;
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true }) createdByUserId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'last_activity_at', type: 'timestamptz' }) lastActivityAt!: Date;
}
