import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppealOutcome, EscalationStatus, EscalationTrigger } from '@pathway/domain/vocabulary';

@Entity({ name: 'escalations' })
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId!: string | null;
  @Column({ type: 'text' }) trigger!: EscalationTrigger;
  @Column({ type: 'integer' }) level!: number;
  @Column({ name: 'assigned_organisation_id', type: 'uuid' }) assignedOrganisationId!: string;
  @Column({ type: 'text' }) status!: EscalationStatus;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'conflict_of_interest', type: 'boolean' }) conflictOfInterest!: boolean;
  /** Raised confidentially to the central team: the raiser is shown only to the central team and themselves. */
  @Column({ type: 'boolean', default: false }) confidential!: boolean;
  @Column({ name: 'opened_by_user_id', type: 'uuid', nullable: true }) openedByUserId!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  /** When it reached its current level: an escalation idle at a level for escalateAfter rises. */
  @Column({ name: 'level_since', type: 'timestamptz' }) levelSince!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'resolved_by_user_id', type: 'uuid', nullable: true }) resolvedByUserId!: string | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: AppealOutcome | null;
  /** Conditions the resolution carries (what it depends on, or what must happen next). */
  @Column({ type: 'text', nullable: true }) conditions!: string | null;
}
