import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** What the audit trail records: every change to organisations, users, tokens and passwords. */
export const ACCOUNT_ACTIONS = [
  'organisation_created',
  'organisation_renamed',
  'organisation_changed',
  'user_created',
  'user_renamed',
  'user_role_changed',
  'user_deactivated',
  'user_reactivated',
  'token_issued',
  'token_revoked',
  'invitation_sent',
  'password_set',
  'password_reset_requested',
  'password_reset',
  'bootstrap_token_applied',
  'bootstrap_token_withdrawn',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface AccountEventInput {
  /** Who did it; null for the system (the bootstrap at start) or the person themselves signed out (a reset). */
  actorUserId: string | null;
  action: AccountAction;
  userId?: string | null;
  organisationId?: string | null;
  /** What changed (from/to), never a secret. */
  data?: Record<string, unknown>;
}

export interface AccountEventRow {
  id: string;
  at: Date;
  action: AccountAction;
  actorUserId: string | null;
  actorName: string | null;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  organisationId: string | null;
  organisationName: string | null;
  data: Record<string, unknown>;
}

/** The append-only audit trail of account changes (table `account_events`, append-only by trigger). */
@Injectable()
export class AccountAudit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records one change, in the caller's transaction when given (so the change and its record commit together). */
  async record(tx: EntityManager | DataSource | null, e: AccountEventInput): Promise<void> {
    await (tx ?? this.db).query(
      `INSERT INTO account_events (actor_user_id, action, user_id, organisation_id, data) VALUES ($1, $2, $3, $4, $5)`,
      [e.actorUserId, e.action, e.userId ?? null, e.organisationId ?? null, JSON.stringify(e.data ?? {})],
    );
  }

  /** Newest first; optionally about one user or one organisation. */
  async list(
    filter: { userId?: string; organisationId?: string; limit?: number; offset?: number } = {},
  ): Promise<{ items: AccountEventRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.userId) where.push(`e.user_id = $${params.push(filter.userId)}`);
    if (filter.organisationId) where.push(`e.organisation_id = $${params.push(filter.organisationId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM account_events e ${clause}`, params);
    const items: AccountEventRow[] = await this.db.query(
      `SELECT e.id::text, e.at, e.action, e.actor_user_id AS "actorUserId", a.name AS "actorName", e.user_id AS "userId", u.name AS "userName",
              u.email AS "userEmail", e.organisation_id AS "organisationId", o.name AS "organisationName", e.data
         FROM account_events e
         LEFT JOIN users a ON a.id = e.actor_user_id
         LEFT JOIN users u ON u.id = e.user_id
         LEFT JOIN organisations o ON o.id = e.organisation_id
         ${clause}
        ORDER BY e.at DESC, e.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit ?? 50, filter.offset ?? 0],
    );
    return { items, total };
  }
}
