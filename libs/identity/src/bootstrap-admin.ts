import { DataSource } from 'typeorm';
import { hashToken, newCalendarKey } from './secrets';

export const BOOTSTRAP_ADMIN_EMAIL = 'bootstrap-admin@pathway.invalid';

/**
 * Makes BOOTSTRAP_ADMIN_TOKEN a bearer token of a cabinet_office_admin in the central team's
 * organisation, creating both on first start. Idempotent, and safe when processes start together
 * (run under the migration advisory lock). A changed token replaces the previous bootstrap token.
 */
export async function ensureBootstrapAdmin(db: DataSource, token: string | undefined, centralTeamName: string): Promise<void> {
  await db.transaction(async (tx) => {
    let [org] = await tx.query(`SELECT id FROM organisations WHERE kind = 'cabinet_office' ORDER BY created_at LIMIT 1`);
    if (!org) {
      [org] = await tx.query(`INSERT INTO organisations (name, kind) VALUES ($1, 'cabinet_office') RETURNING id`, [centralTeamName]);
    }
    if (!token) {
      // Unsetting the variable withdraws the token it gave.
      await tx.query(`UPDATE api_tokens SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL`);
      return;
    }
    const [user] = await tx.query(
      `INSERT INTO users (email, name, organisation_id, role, calendar_key)
       VALUES ($1, 'Bootstrap administrator', $2, 'cabinet_office_admin', $3)
       ON CONFLICT (email) DO UPDATE SET role = 'cabinet_office_admin' RETURNING id`,
      [BOOTSTRAP_ADMIN_EMAIL, org.id, newCalendarKey()],
    );
    const hash = hashToken(token);
    await tx.query(`UPDATE api_tokens SET revoked_at = now() WHERE bootstrap AND token_hash <> $1 AND revoked_at IS NULL`, [hash]);
    await tx.query(
      `INSERT INTO api_tokens (user_id, token_hash, prefix, label, bootstrap)
       VALUES ($1, $2, 'bootstrap', 'BOOTSTRAP_ADMIN_TOKEN', true)
       ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL, user_id = EXCLUDED.user_id`,
      [user.id, hash],
    );
  });
}
