import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'journey_id', type: 'uuid', nullable: true }) journeyId!: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId!: string | null;
  @Column({ name: 'escalation_id', type: 'uuid', nullable: true }) escalationId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** Unique per user when set: a reminder reaches each person at most once. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true }) dedupeKey!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true }) emailedAt!: Date | null;
  /** The email outbox (libs/notifications/src/email/email-outbox.ts): attempts so far, next try, why it failed. */
  @Column({ name: 'email_attempts', type: 'integer', default: 0 }) emailAttempts!: number;
  @Column({ name: 'email_next_attempt_at', type: 'timestamptz', nullable: true }) emailNextAttemptAt!: Date | null;
  @Column({ name: 'email_last_error', type: 'text', nullable: true }) emailLastError!: string | null;
  @Column({ name: 'email_failed_at', type: 'timestamptz', nullable: true }) emailFailedAt!: Date | null;
  /** Its email: `now` (the outbox sends it), `digest` (held for the daily digest), `none` (in-app only). */
  @Column({ name: 'email_route', type: 'text', default: 'now' }) emailRoute!: 'now' | 'digest' | 'none';
  /** The digest (a notification of type `email_digest`) that carried it, once sent in one. */
  @Column({ name: 'digest_id', type: 'uuid', nullable: true }) digestId!: string | null;
}
