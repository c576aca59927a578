import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { ROLE_ORGANISATION_KIND, ROLES, type Role } from '@pathway/domain/vocabulary';
import { EnvConfig } from '@pathway/platform/config/env';
import { BadRequestError, ConflictError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { AccountAudit } from './account-audit';
import { AccountMailer } from './account-mailer';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';
import { IdentityService } from './identity.service';
import { passwordProblem } from './password-policy';
import type { Principal } from './principal';
import { hashPassword, newApiToken, newCalendarKey } from './secrets';
import { UserSessions } from './user-sessions';

export type LinkPurpose = 'invitation' | 'password_reset';

/** How long a one-time link works (contract: invitations 72 hours, resets 1 hour). */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = { invitation: 72 * 3600_000, password_reset: 3600_000 };

export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  active: boolean;
  hasPassword: boolean;
  createdAt: Date;
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: string;
  activeUsers: number;
}

export interface UserChange {
  name?: string;
  role?: Role;
  active?: boolean;
}

/** A link's secret is 256 random bits, so a fast hash makes the stored value useless. */
const hashLinkToken = (token: string) => createHash('sha256').update(`account-link:${token}`).digest('hex');

/** Who a valid link belongs to, for the set-password page. */
export interface LinkHolder {
  linkId: string;
  purpose: LinkPurpose;
  userId: string;
  email: string;
  name: string;
  expiresAt: Date;
}

/**
 * The lifecycle of an account after it is created: changes of name and role, deactivation (a
 * leaver: tokens revoked, sessions ended, calendar feed gone, no notifications or email) and
 * reactivation, organisation names, invitations and password resets by one-time link, each in the
 * audit trail in the same transaction as the change.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identity: IdentityService,
    private readonly audit: AccountAudit,
    private readonly sessions: UserSessions,
    private readonly mailer: AccountMailer,
    private readonly config: EnvConfig,
  ) {}

  async updateUser(actor: Principal, id: string, change: UserChange): Promise<UserEntity> {
    const ended = await this.db.transaction(async (tx) => {
      const [user] = await tx.query(
        `SELECT u.*, o.kind AS organisation_kind FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 FOR UPDATE OF u`,
        [id],
      );
      if (!user) throw new NotFoundError('User');
      const record = (action: Parameters<AccountAudit['record']>[1]['action'], data: Record<string, unknown>) =>
        this.audit.record(tx, { actorUserId: actor.id, action, userId: id, organisationId: user.organisation_id, data });
      if (change.role !== undefined && change.role !== user.role) {
        if (!ROLES.includes(change.role)) throw new BadRequestError([`role must be one of: ${ROLES.join(', ')}`]);
        const kind = ROLE_ORGANISATION_KIND[change.role];
        if (kind !== user.organisation_kind)
          throw new BadRequestError([`role ${change.role} belongs to an organisation of kind ${kind}, not ${user.organisation_kind}`]);
        if (user.role === 'cabinet_office_admin') await this.assertAnotherAdmin(tx, id, 'change the role of');
        await tx.query(`UPDATE users SET role = $2 WHERE id = $1`, [id, change.role]);
        await record('user_role_changed', { from: user.role, to: change.role });
      }
      if (change.name !== undefined && change.name !== user.name) {
        await tx.query(`UPDATE users SET name = $2 WHERE id = $1`, [id, change.name]);
        await record('user_renamed', { from: user.name, to: change.name });
      }
      if (change.active === false && !user.deactivated_at) {
        if (id === actor.id) throw new ConflictError('You cannot deactivate your own account');
        if (user.role === 'cabinet_office_admin') await this.assertAnotherAdmin(tx, id, 'deactivate');
        // Revoked, not merely refused: reactivating a leaver must not bring their old tokens, feed or links back.
        const revoked = queryRows(
          await tx.query(
            `UPDATE api_tokens SET revoked_at = now(), revoked_reason = 'deactivated' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
            [id],
          ),
        ).length;
        await tx.query(`UPDATE account_links SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [id]);
        await tx.query(`UPDATE users SET deactivated_at = now(), calendar_key = $2 WHERE id = $1`, [id, newCalendarKey()]);
        // Email still waiting in the outbox for them is given up (the outbox also refuses deactivated users).
        await tx.query(
          `UPDATE notifications SET email_failed_at = now(), email_next_attempt_at = NULL, email_last_error = 'account deactivated'
            WHERE user_id = $1 AND emailed_at IS NULL AND email_failed_at IS NULL`,
          [id],
        );
        // Their open tasks go back to their organisation's queue (it still owns them): a leaver's name
        // must not sit on work nobody will do. Done tasks keep who did them.
        const unassigned = queryRows(
          await tx.query(
            `UPDATE journey_tasks SET assignee_user_id = NULL, updated_at = now()
              WHERE assignee_user_id = $1 AND status NOT IN ('completed', 'not_applicable') RETURNING id`,
            [id],
          ),
        ).length;
        await record('user_deactivated', { tokensRevoked: revoked, tasksUnassigned: unassigned });
        return true;
      }
      if (change.active === true && user.deactivated_at) {
        await tx.query(`UPDATE users SET deactivated_at = NULL WHERE id = $1`, [id]);
        await record('user_reactivated', {});
      }
      return false;
    });
    // After commit: the guards already refuse this user (Postgres); this also drops the sessions from Redis.
    if (ended) await this.sessions.endAll(id);
    return (await this.identity.getUser(id))!;
  }

  /** The central team must keep at least one active administrator. */
  private async assertAnotherAdmin(tx: EntityManager, exceptUserId: string, what: string): Promise<void> {
    const [{ n }] = await tx.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'cabinet_office_admin' AND deactivated_at IS NULL AND id <> $1`,
      [exceptUserId],
    );
    if (n === 0) throw new ConflictError(`You cannot ${what} the last active central team administrator`);
  }

  /** Users for the administration list: search by name or email (case-insensitive), organisation or status. */
  async searchUsers(
    filter: { q?: string; organisationId?: string; limit?: number; offset?: number } = {},
  ): Promise<{ items: DirectoryUser[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const q = filter.q?.trim();
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.name ILIKE $${params.length} OR u.email ILIKE $${params.length} OR o.name ILIKE $${params.length})`);
    }
    if (filter.organisationId) where.push(`u.organisation_id = $${params.push(filter.organisationId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM users u JOIN organisations o ON o.id = u.organisation_id ${clause}`,
      params,
    );
    const items: DirectoryUser[] = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.organisation_id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind",
              u.deactivated_at IS NULL AS active, u.password_hash IS NOT NULL AS "hasPassword", u.created_at AS "createdAt"
         FROM users u JOIN organisations o ON o.id = u.organisation_id ${clause}
        ORDER BY u.deactivated_at IS NOT NULL, lower(u.name), u.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit ?? 50, filter.offset ?? 0],
    );
    return { items, total };
  }

  /** Organisations for the administration list, with how many active users each has. */
  async searchOrganisations(
    filter: { q?: string; limit?: number; offset?: number } = {},
  ): Promise<{ items: DirectoryOrganisation[]; total: number }> {
    const params: unknown[] = [];
    const q = filter.q?.trim();
    const clause = q ? `WHERE o.name ILIKE $${params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}` : '';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM organisations o ${clause}`, params);
    const items: DirectoryOrganisation[] = await this.db.query(
      `SELECT o.id, o.name, o.kind, (SELECT count(*)::int FROM users u WHERE u.organisation_id = o.id AND u.deactivated_at IS NULL) AS "activeUsers"
         FROM organisations o ${clause}
        ORDER BY lower(o.name), o.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit ?? 50, filter.offset ?? 0],
    );
    return { items, total };
  }

  /** The central team's own organisation: the first of kind cabinet_office (see bootstrap-admin.ts). */
  async centralOrganisationId(tx: EntityManager | DataSource = this.db): Promise<string | null> {
    const [org] = await tx.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at, id LIMIT 1`);
    return org?.id ?? null;
  }

  /** A new one-time link for the user; earlier unused links of the same purpose stop working. Returns the secret once. */
  async createLink(
    tx: EntityManager | DataSource,
    userId: string,
    purpose: LinkPurpose,
    createdBy: string | null,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newApiToken().replace(/^pwt_/, '');
    await tx.query(`UPDATE account_links SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
    const [row] = await tx.query(
      `INSERT INTO account_links (user_id, purpose, token_hash, created_by_user_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + ($5 || ' milliseconds')::interval) RETURNING id, expires_at`,
      [userId, purpose, hashLinkToken(token), createdBy, String(LINK_LIFETIME_MS[purpose])],
    );
    return { id: row.id, token, expiresAt: row.expires_at };
  }

  /** The link's address people open: `${PUBLIC_URL or the request's origin}/account/set-password?token=...`. */
  linkUrl(token: string, origin?: string): string {
    const base = (this.config.PUBLIC_URL ?? origin ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
    return `${base}/account/set-password?token=${encodeURIComponent(token)}`;
  }

  /**
   * Invites a user to set a password (contract: `POST /api/users/:id/invitations`): a one-time link
   * valid 72 hours, emailed when a channel is configured. `link` is returned so an administrator can
   * pass it on when the email could not be sent (never stored).
   */
  async invite(
    actor: Principal | null,
    userId: string,
    origin?: string,
  ): Promise<{ emailed: boolean; link: string; expiresAt: Date; email: string }> {
    const user = await this.identity.getUser(userId);
    if (!user) throw new NotFoundError('User');
    if (user.deactivatedAt) throw new ConflictError('This account is deactivated: reactivate it before inviting');
    const created = await this.db.transaction(async (tx) => {
      const link = await this.createLink(tx, userId, 'invitation', actor?.id ?? null);
      await this.audit.record(tx, {
        actorUserId: actor?.id ?? null,
        action: 'invitation_sent',
        userId,
        organisationId: user.organisationId,
        data: { linkId: link.id, expiresAt: link.expiresAt },
      });
      return link;
    });
    const link = this.linkUrl(created.token, origin);
    const emailed = await this.mailer.send({
      to: user.email,
      toName: user.name,
      subject: 'You have been invited to Pathway',
      body: [
        `Dear ${user.name},`,
        '',
        'You have an account on Pathway, the service for public service mutual spin-outs. Open this link to set your password:',
        '',
        link,
        '',
        `The link works once, and until ${created.expiresAt.toUTCString()}. You will sign in with this email address (${user.email}).`,
        '',
        'If you did not expect this email, you can ignore it.',
      ].join('\n'),
      reference: created.id,
    });
    return { emailed, link, expiresAt: created.expiresAt, email: user.email };
  }

  /**
   * A password-reset request: the same answer whether or not the address belongs to anyone, so the
   * caller answers at once and this runs afterwards. An active user with the address gets a link
   * valid for an hour; nobody else gets anything (no account enumeration by email either).
   */
  async requestPasswordReset(email: string, origin?: string): Promise<void> {
    const [user] = await this.db.query(`SELECT id, email, name, organisation_id FROM users WHERE email = $1 AND deactivated_at IS NULL`, [
      email.trim().toLowerCase(),
    ]);
    if (!user) return;
    const created = await this.db.transaction(async (tx) => {
      const link = await this.createLink(tx, user.id, 'password_reset', null);
      await this.audit.record(tx, {
        actorUserId: null,
        action: 'password_reset_requested',
        userId: user.id,
        organisationId: user.organisation_id,
        data: { linkId: link.id },
      });
      return link;
    });
    const sent = await this.mailer.send({
      to: user.email,
      toName: user.name,
      subject: 'Reset your Pathway password',
      body: [
        `Dear ${user.name},`,
        '',
        'Someone asked to reset the password of your Pathway account. Open this link to choose a new password:',
        '',
        this.linkUrl(created.token, origin),
        '',
        'The link works once, within 1 hour. If you did not ask for this, you can ignore this email: your password has not changed.',
      ].join('\n'),
      reference: created.id,
    });
    if (!sent) this.logger.warn({ linkId: created.id }, 'password reset email not sent (no email channel, or it refused)');
  }

  /** The holder of a valid (unused, unexpired, active user) link, or null. */
  async linkHolder(token: string): Promise<LinkHolder | null> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const [row] = await this.db.query(
      `SELECT l.id AS "linkId", l.purpose, l.user_id AS "userId", u.email, u.name, l.expires_at AS "expiresAt"
         FROM account_links l JOIN users u ON u.id = l.user_id
        WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.deactivated_at IS NULL`,
      [hashLinkToken(token)],
    );
    return row ?? null;
  }

  /**
   * Sets the password through a link, once: the link is used up in the same transaction, every
   * session of the user ends, and the change is in the audit trail. Null when the link is not valid.
   */
  async setPasswordWithLink(token: string, password: string): Promise<LinkHolder | null> {
    const holder = await this.linkHolder(token);
    if (!holder) return null;
    const problem = passwordProblem(password, [holder.email, holder.name]);
    if (problem) throw new BadRequestError([problem]);
    const hash = await hashPassword(password, this.config.PASSWORD_SCRYPT_LOG2_N);
    const done = await this.db.transaction(async (tx) => {
      const used = queryRows(
        await tx.query(`UPDATE account_links SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`, [
          holder.linkId,
        ]),
      );
      if (used.length === 0) return false; // used by a concurrent request
      await tx.query(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1 AND deactivated_at IS NULL`, [
        holder.userId,
        hash,
      ]);
      // Other outstanding links (a reset asked for before an invitation was used, say) end too.
      await tx.query(`UPDATE account_links SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [holder.userId]);
      await this.audit.record(tx, {
        actorUserId: holder.userId,
        action: holder.purpose === 'invitation' ? 'password_set' : 'password_reset',
        userId: holder.userId,
        data: { linkId: holder.linkId },
      });
      return true;
    });
    if (!done) return null;
    await this.sessions.endAll(holder.userId);
    return holder;
  }
}
