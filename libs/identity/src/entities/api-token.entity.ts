import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'api_tokens' })
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** SHA-256 of the token (hex). The token itself is shown once and never stored. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** First characters of the token, so people can tell their tokens apart. */
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  /** True for the token that BOOTSTRAP_ADMIN_TOKEN provides. */
  @Column({ type: 'boolean', default: false })
  bootstrap!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Why it stopped: `environment` (BOOTSTRAP_ADMIN_TOKEN unset or changed), `revoked` by a person, or `deactivated` with its user. */
  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: 'environment' | 'revoked' | 'deactivated' | null;
}
