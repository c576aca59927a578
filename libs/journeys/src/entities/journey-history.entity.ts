import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a database trigger refuses updates and deletes). */
@Entity({ name: 'journey_history' })
export class JourneyHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'from_phase', type: 'text', nullable: true }) fromPhase!: string | null;
  @Column({ name: 'from_state', type: 'text', nullable: true }) fromState!: string | null;
  @Column({ name: 'to_phase', type: 'text', nullable: true }) toPhase!: string | null;
  @Column({ name: 'to_state', type: 'text', nullable: true }) toState!: string | null;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
}
