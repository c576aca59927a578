import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OwnerParty, Phase, TaskStatus, Workstream } from '@pathway/domain/vocabulary';

@Entity({ name: 'journey_tasks' })
export class JourneyTaskEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) phase!: Phase;
  @Column({ name: 'gate_state', type: 'text', nullable: true }) gateState!: string | null;
  @Column({ type: 'text' }) workstream!: Workstream;
  @Column({ name: 'owner_party', type: 'text' }) ownerParty!: OwnerParty;
  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true }) ownerOrganisationId!: string | null;
  @Column({ type: 'text' }) status!: TaskStatus;
  @Column({ type: 'boolean' }) mandatory!: boolean;
  @Column({ type: 'boolean' }) statutory!: boolean;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'due_set_by_hand', type: 'boolean' }) dueSetByHand!: boolean;
  @Column({ name: 'depends_on', type: 'text', array: true }) dependsOn!: string[];
  @Column({ type: 'text' }) guidance!: string;
  @Column({ type: 'text' }) source!: string;
  /** The source's link (legislation.gov.uk, GOV.UK); null for version 1 tasks and custom tasks. */
  @Column({ name: 'source_url', type: 'text', nullable: true }) sourceUrl!: string | null;
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true }) assigneeUserId!: string | null;
  @Column({ name: 'not_applicable_reason', type: 'text', nullable: true }) notApplicableReason!: string | null;
  /** The contract this task belongs to (renewal tasks; the first contract's award and signing). */
  @Column({ name: 'contract_id', type: 'uuid', nullable: true }) contractId!: string | null;
  /** Added by people on the journey (POST /api/journeys/:id/tasks), not from the template. */
  @Column({ type: 'boolean', default: false }) custom!: boolean;
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true }) createdByUserId!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /** iCalendar SEQUENCE of the task's deadline event: bumped by a trigger (migration CalendarSequence), never written here. */
  @Column({ name: 'calendar_sequence', type: 'integer', insert: false, update: false, default: 0 }) calendarSequence!: number;
}
