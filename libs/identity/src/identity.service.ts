import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { preparedQuery } from '@pathway/database/prepared';
import { queryRows } from '@pathway/database/query-rows';
import { organisationProfile, organisationProfileProblems } from '@pathway/domain/organisations/organisation-profile';
import { ROLE_ORGANISATION_KIND, type BodyType, type Nation, type Role } from '@pathway/domain/vocabulary';
import { BadRequestError, ConflictError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { ApiTokenEntity } from './entities/api-token.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';
import { AccountAudit } from './account-audit';
import { passwordProblem } from './password-policy';
import type { Principal } from './principal';
import { EnvConfig } from '@pathway/platform/config/env';
import { hashPassword, hashToken, newApiToken, newCalendarKey, verifyPassword } from './secrets';

export interface NewUser {
  email: string;
  name: string;
  organisationId: string;
  role: Role;
  password?: string;
}

type PrincipalRow = {
  id: string;
  email: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: Principal['organisationKind'];
  role: Role;
  token_id?: string;
  last_used_at?: Date | null;
};

const toPrincipal = (r: PrincipalRow): Principal => ({
  id: r.id,
  email: r.email,
  name: r.name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  organisationKind: r.organisation_kind,
  role: r.role,
  ...(r.token_id ? { tokenId: r.token_id } : {}),
});

/**
 * A short fingerprint of the stored password hash, kept in a web session at sign-in: when the
 * password changes, the fingerprint no longer matches and the session has ended (whatever the clocks).
 */
export const credentialStamp = (passwordHash: string | null): string =>
  createHash('sha256')
    .update(passwordHash ?? '')
    .digest('hex')
    .slice(0, 24);

const PRINCIPAL_COLUMNS = `u.id, u.email, u.name, u.organisation_id, o.name AS organisation_name,
  o.kind AS organisation_kind, u.role`;

/** Organisations, users, API tokens and sign-in. Access decisions are the callers' (AccessPolicy). */
@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAudit,
    private readonly config: EnvConfig,
  ) {}

  /** 400 naming the field for an unknown nation or body type, or a body type on anything but a parent body. */
  async createOrganisation(
    name: string,
    kind: OrganisationEntity['kind'],
    profile: { nation?: Nation; bodyType?: BodyType | null } = {},
    actor?: Principal,
  ): Promise<OrganisationEntity> {
    const problems = organisationProfileProblems({ kind, ...profile });
    if (problems.length) throw new BadRequestError(problems);
    const { nation, bodyType } = organisationProfile({ kind, ...profile });
    return this.db.transaction(async (tx) => {
      const org = await tx.getRepository(OrganisationEntity).save({ name, kind, nation, bodyType });
      await this.audit.record(tx, {
        actorUserId: actor?.id ?? null,
        action: 'organisation_created',
        organisationId: org.id,
        data: { name, kind, nation, bodyType },
      });
      return org;
    });
  }

  /**
   * Renames an organisation or changes its nation or body type. Journeys keep the checklist they
   * were planned with: the central team re-plans each through the preview-and-confirm step. The
   * central team's own name comes from CENTRAL_TEAM_NAME (409 here). Each change is in the audit trail.
   */
  async updateOrganisation(
    id: string,
    changes: { name?: string; nation?: Nation; bodyType?: BodyType | null },
    actor?: Principal,
  ): Promise<OrganisationEntity> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(OrganisationEntity);
      const org = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new NotFoundError('Organisation');
      const problems = organisationProfileProblems({ kind: org.kind, nation: changes.nation, bodyType: changes.bodyType });
      if (problems.length) throw new BadRequestError(problems);
      const next = {
        name: changes.name ?? org.name,
        nation: changes.nation ?? org.nation,
        bodyType: changes.bodyType === undefined ? org.bodyType : changes.bodyType,
      };
      if (next.name !== org.name) {
        const [central] = await tx.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at, id LIMIT 1`);
        if (central?.id === id)
          throw new ConflictError('The central team’s name comes from the CENTRAL_TEAM_NAME setting: change it there and restart');
      }
      const changed = Object.fromEntries(
        (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== org[k]).map((k) => [k, { from: org[k], to: next[k] }]),
      );
      await repo.update({ id }, next);
      if (Object.keys(changed).length) {
        await this.audit.record(tx, {
          actorUserId: actor?.id ?? null,
          action: changed.name ? 'organisation_renamed' : 'organisation_changed',
          organisationId: id,
          data: changed,
        });
      }
      return Object.assign(org, next);
    });
  }

  async getOrganisation(id: string): Promise<OrganisationEntity | null> {
    return this.db.getRepository(OrganisationEntity).findOneBy({ id });
  }

  async listOrganisations(filter: { ids?: string[]; kind?: string } = {}): Promise<OrganisationEntity[]> {
    const qb = this.db.getRepository(OrganisationEntity).createQueryBuilder('o').orderBy('o.name');
    if (filter.ids) qb.andWhere('o.id = ANY(:ids)', { ids: filter.ids });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    return qb.getMany();
  }

  async createUser(input: NewUser, actor?: Principal): Promise<UserEntity> {
    const org = await this.getOrganisation(input.organisationId);
    if (!org) throw new BadRequestError(['organisationId does not name an existing organisation']);
    const expectedKind = ROLE_ORGANISATION_KIND[input.role];
    if (org.kind !== expectedKind) {
      throw new BadRequestError([`role ${input.role} belongs to an organisation of kind ${expectedKind}, not ${org.kind}`]);
    }
    if (input.password) {
      const problem = passwordProblem(input.password, [input.email, input.name]);
      if (problem) throw new BadRequestError([problem.replace(/^Password/, 'password')]);
    }
    const passwordHash = input.password ? await hashPassword(input.password, this.config.PASSWORD_SCRYPT_LOG2_N) : null;
    const id = await this.db.transaction(async (tx) => {
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (email, name, organisation_id, role, password_hash, password_changed_at, calendar_key)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END, $6) ON CONFLICT (email) DO NOTHING RETURNING id`,
        [input.email.toLowerCase(), input.name, input.organisationId, input.role, passwordHash, newCalendarKey()],
      );
      if (rows.length === 0) throw new ConflictError(`A user with email ${input.email} already exists`);
      await this.audit.record(tx, {
        actorUserId: actor?.id ?? null,
        action: 'user_created',
        userId: rows[0].id,
        organisationId: input.organisationId,
        data: { email: input.email.toLowerCase(), name: input.name, role: input.role, withPassword: !!passwordHash },
      });
      return rows[0].id;
    });
    return (await this.getUser(id))!;
  }

  async getUser(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  async listUsers(filter: { organisationId?: string } = {}): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).find({
      where: filter.organisationId ? { organisationId: filter.organisationId } : {},
      order: { name: 'ASC' },
    });
  }

  async usersOfOrganisations(organisationIds: string[]): Promise<UserEntity[]> {
    if (organisationIds.length === 0) return [];
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.organisation_id = ANY(:ids)', { ids: organisationIds })
      .getMany();
  }

  /** Issues a token for a user; the plain token is returned once and never stored. */
  async issueToken(userId: string, label?: string, actor?: Principal): Promise<{ id: string; token: string }> {
    const user = await this.getUser(userId);
    if (!user) throw new NotFoundError('User');
    if (user.deactivatedAt) throw new ConflictError('This account is deactivated: reactivate it before issuing a token');
    const token = newApiToken();
    const saved = await this.db.transaction(async (tx) => {
      const row = await tx.getRepository(ApiTokenEntity).save({
        userId,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        label: label ?? null,
        bootstrap: false,
      });
      await this.audit.record(tx, {
        actorUserId: actor?.id ?? null,
        action: 'token_issued',
        userId,
        organisationId: user.organisationId,
        data: { tokenId: row.id, prefix: row.prefix, label: row.label },
      });
      return row;
    });
    return { id: saved.id, token };
  }

  async listTokens(userId: string): Promise<ApiTokenEntity[]> {
    return this.db.getRepository(ApiTokenEntity).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  async getToken(id: string): Promise<ApiTokenEntity | null> {
    return this.db.getRepository(ApiTokenEntity).findOneBy({ id });
  }

  async revokeToken(id: string, actor?: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [row] = queryRows<{ user_id: string; prefix: string }>(
        await tx.query(
          `UPDATE api_tokens SET revoked_at = now(), revoked_reason = 'revoked' WHERE id = $1 AND revoked_at IS NULL RETURNING user_id, prefix`,
          [id],
        ),
      );
      if (row)
        await this.audit.record(tx, {
          actorUserId: actor?.id ?? null,
          action: 'token_revoked',
          userId: row.user_id,
          data: { tokenId: id, prefix: row.prefix },
        });
    });
  }

  /** Resolves a bearer token to its user, or null when unknown, revoked or its user deactivated. */
  async principalForToken(token: string): Promise<Principal | null> {
    // Every API request runs this: a named prepared statement, parsed once per connection. Still
    // one read of the token's row each time, so a revoked token or deactivated user stops at once.
    const { rows } = await preparedQuery<PrincipalRow>(
      this.db.manager,
      `SELECT ${PRINCIPAL_COLUMNS}, t.id AS token_id, t.last_used_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    // Record use at most once a minute, so reads do not each cost a write.
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.token_id]);
    }
    return toPrincipal(row);
  }

  /**
   * The active user behind a web session, or null when the user is gone or deactivated, or (with
   * `credential`, the session's `credentialStamp`) when their password has changed since that
   * sign-in: every such session has ended.
   */
  async principalForUser(userId: string, credential?: string): Promise<Principal | null> {
    const rows: Array<PrincipalRow & { password_hash: string | null }> = await this.db.query(
      `SELECT ${PRINCIPAL_COLUMNS}, u.password_hash FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1 AND u.deactivated_at IS NULL`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    if (credential !== undefined && credential !== credentialStamp(row.password_hash)) return null;
    return toPrincipal(row);
  }

  /** Web sign-in. Same work whether or not the email exists, so timing does not reveal accounts. */
  async verifyCredentials(email: string, password: string): Promise<{ principal: Principal; credential: string } | null> {
    const rows: Array<PrincipalRow & { password_hash: string | null }> = await this.db.query(
      `SELECT ${PRINCIPAL_COLUMNS}, u.password_hash FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.email = $1 AND u.deactivated_at IS NULL`,
      [email.trim().toLowerCase()],
    );
    const row = rows[0];
    const ok = await verifyPassword(password, row?.password_hash, this.config.PASSWORD_SCRYPT_LOG2_N);
    return ok && row ? { principal: toPrincipal(row), credential: credentialStamp(row.password_hash) } : null;
  }

  async userByCalendarKey(key: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ calendarKey: key, deactivatedAt: IsNull() });
  }
}
