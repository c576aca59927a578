import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { EnvConfig } from '@pathway/platform/config/env';
import { AccountsService } from './accounts.service';
import { hashToken, newCalendarKey } from './secrets';

export const BOOTSTRAP_ADMIN_EMAIL = 'bootstrap-admin@pathway.invalid';

/** Not the migration lock: migrate() holds that on another connection while it calls this. */
const BOOTSTRAP_LOCK_ID = 7_261_002;

const audit = (tx: EntityManager, action: string, data: Record<string, unknown>, ids: { userId?: string; organisationId?: string } = {}) =>
  tx.query(`INSERT INTO account_events (actor_user_id, action, user_id, organisation_id, data) VALUES (NULL, $1, $2, $3, $4)`, [
    action,
    ids.userId ?? null,
    ids.organisationId ?? null,
    JSON.stringify(data),
  ]);

/**
 * The central team's organisation and BOOTSTRAP_ADMIN_TOKEN, applied from the environment by
 * `npm run migrate` and again at every API start (so a changed variable takes effect on restart
 * without migrating). Under an advisory lock, so processes starting together do not race.
 * - The first organisation of kind cabinet_office is the central team's; created on first start,
 *   its name follows CENTRAL_TEAM_NAME.
 * - The token belongs to a cabinet_office_admin "Bootstrap administrator", created when first needed.
 * - A bootstrap token that a person revoked (`DELETE /api/tokens/:id`, or deactivating its user)
 *   stays revoked: no start or migration brings it back; set a new value to get a working token.
 *   Unsetting the variable, or changing it, withdraws the old token; setting that value again
 *   restores it (only withdrawals by the environment are undone).
 */
export async function ensureBootstrapAdmin(db: DataSource, token: string | undefined, centralTeamName: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_ID]);
    let [org] = await tx.query(`SELECT id, name FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at, id LIMIT 1`);
    if (!org) {
      [org] = await tx.query(`INSERT INTO organisations (name, kind) VALUES ($1, 'cabinet_office') RETURNING id, name`, [centralTeamName]);
      await audit(
        tx,
        'organisation_created',
        { name: centralTeamName, kind: 'cabinet_office', by: 'CENTRAL_TEAM_NAME' },
        { organisationId: org.id },
      );
    } else if (org.name !== centralTeamName) {
      await tx.query(`UPDATE organisations SET name = $2 WHERE id = $1`, [org.id, centralTeamName]);
      await audit(tx, 'organisation_renamed', { from: org.name, to: centralTeamName, by: 'CENTRAL_TEAM_NAME' }, { organisationId: org.id });
    }
    const withdrawn = queryRows<{ id: string; user_id: string }>(
      await tx.query(
        `UPDATE api_tokens SET revoked_at = now(), revoked_reason = 'environment' WHERE bootstrap AND revoked_at IS NULL AND token_hash <> $1 RETURNING id, user_id`,
        [token ? hashToken(token) : ''],
      ),
    );
    for (const w of withdrawn) await audit(tx, 'bootstrap_token_withdrawn', { tokenId: w.id }, { userId: w.user_id });
    if (!token) return;
    const user = await bootstrapUser(tx, org.id);
    const inserted = queryRows<{ id: string }>(
      await tx.query(
        `INSERT INTO api_tokens (user_id, token_hash, prefix, label, bootstrap)
         VALUES ($1, $2, 'bootstrap', 'BOOTSTRAP_ADMIN_TOKEN', true)
         ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL, revoked_reason = NULL
           WHERE api_tokens.bootstrap AND api_tokens.revoked_reason = 'environment'
         RETURNING id`,
        [user, hashToken(token)],
      ),
    );
    if (inserted.length) await audit(tx, 'bootstrap_token_applied', { tokenId: inserted[0].id }, { userId: user });
  });
}

/** The bootstrap administrator's id, created in the central organisation when missing. */
async function bootstrapUser(tx: EntityManager, organisationId: string): Promise<string> {
  const [existing] = await tx.query(`SELECT id FROM users WHERE email = $1`, [BOOTSTRAP_ADMIN_EMAIL]);
  if (existing) return existing.id;
  const [user] = await tx.query(
    `INSERT INTO users (email, name, organisation_id, role, calendar_key) VALUES ($1, 'Bootstrap administrator', $2, 'cabinet_office_admin', $3) RETURNING id`,
    [BOOTSTRAP_ADMIN_EMAIL, organisationId, newCalendarKey()],
  );
  await audit(
    tx,
    'user_created',
    { email: BOOTSTRAP_ADMIN_EMAIL, role: 'cabinet_office_admin', by: 'bootstrap' },
    { userId: user.id, organisationId },
  );
  return user.id;
}

/** The same, as the API process applies it at start; and the first administrator's way in. */
@Injectable()
export class BootstrapAdmin {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
    private readonly accounts: AccountsService,
  ) {}

  apply(): Promise<void> {
    return ensureBootstrapAdmin(this.db, this.config.BOOTSTRAP_ADMIN_TOKEN, this.config.CENTRAL_TEAM_NAME);
  }

  /**
   * While no active administrator can sign in (a fresh install), a one-time link for the bootstrap
   * administrator to set a password, for the start command to print; null once one can. Each call
   * makes a new link and the previous one stops working.
   */
  async firstAdministratorLink(): Promise<{ link: string; email: string } | null> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'cabinet_office_admin' AND deactivated_at IS NULL AND password_hash IS NOT NULL`,
    );
    if (n > 0) return null;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_ID]);
      const [org] = await tx.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at, id LIMIT 1`);
      const userId = await bootstrapUser(tx, org.id);
      // A bootstrap administrator someone deactivated stays so: this is only for a fresh install.
      const [active] = await tx.query(`SELECT 1 FROM users WHERE id = $1 AND deactivated_at IS NULL AND role = 'cabinet_office_admin'`, [
        userId,
      ]);
      if (!active) return null;
      const created = await this.accounts.createLink(tx, userId, 'invitation', null);
      await audit(tx, 'invitation_sent', { linkId: created.id, by: 'first start' }, { userId, organisationId: org.id });
      return { link: this.accounts.linkUrl(created.token), email: BOOTSTRAP_ADMIN_EMAIL };
    });
  }
}
