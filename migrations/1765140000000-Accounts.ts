import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts (contract "Accounts"): deactivation, one-time links for invitations and password
 * resets, and an append-only audit trail of every change an administrator (or the system) makes
 * to organisations, users and tokens.
 */
export class Accounts1765140000000 implements MigrationInterface {
  name = 'Accounts1765140000000';

  async up(q: QueryRunner): Promise<void> {
    // Set: the user can do nothing (tokens 401, sessions ended, no feed, no notifications).
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
    await q.query(`UPDATE users SET password_changed_at = created_at WHERE password_hash IS NOT NULL`);
    // Why a token stopped: 'environment' (BOOTSTRAP_ADMIN_TOKEN unset or changed: setting it back
    // restores it) or a person revoking it (never restored by anything).
    await q.query(
      `ALTER TABLE api_tokens ADD COLUMN revoked_reason text CHECK (revoked_reason IN ('environment', 'revoked', 'deactivated'))`,
    );
    await q.query(`UPDATE api_tokens SET revoked_reason = 'revoked' WHERE revoked_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE account_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash text NOT NULL UNIQUE,
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX account_links_user_idx ON account_links (user_id, purpose) WHERE used_at IS NULL`);
    await q.query(`
      CREATE TABLE account_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        action text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX account_events_at_idx ON account_events (at DESC, id DESC)`);
    await q.query(`CREATE INDEX account_events_user_idx ON account_events (user_id, at DESC)`);
    await q.query(`CREATE INDEX account_events_organisation_idx ON account_events (organisation_id, at DESC)`);
    // The audit trail is append-only.
    await q.query(`
      CREATE FUNCTION account_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.data = OLD.data THEN
          RETURN NEW; -- ON DELETE SET NULL of an actor or subject
        END IF;
        RAISE EXCEPTION 'account_events is append-only';
      END $$`);
    await q.query(
      `CREATE TRIGGER account_events_append_only BEFORE UPDATE OR DELETE ON account_events FOR EACH ROW EXECUTE FUNCTION account_events_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_events`);
    await q.query(`DROP FUNCTION account_events_append_only()`);
    await q.query(`DROP TABLE account_links`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN revoked_reason`);
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
