import type { MigrationInterface, QueryRunner } from "typeorm";

const ROLE_CHECK = "role IN ('ADMIN', 'OPERATOR', 'VIEWER')";
const SCOPES_CHECK = "scopes <@ ARRAY['read', 'sync', 'admin']::text[] AND cardinality(scopes) > 0";

/**
 * Users, sign-in sessions and partner API keys. Only hashes of secrets are stored: a session
 * token or API key is shown once and can never be read back from the database.
 */
export class Auth1764100000000 implements MigrationInterface {
  name = "Auth1764100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CONSTRAINT users_role_check CHECK (${ROLE_CHECK}),
        name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    // Case-insensitive uniqueness: Alice@Example.com and alice@example.com are one person.
    await q.query("CREATE UNIQUE INDEX users_email_key ON users (lower(email))");
    await q.query("CREATE INDEX users_created_at_idx ON users (created_at, id)");

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query("CREATE INDEX sessions_user_id_idx ON sessions (user_id)");
    await q.query("CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)");

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix varchar(32) NOT NULL CONSTRAINT api_keys_prefix_key UNIQUE,
        key_hash char(64) NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE,
        scopes text[] NOT NULL CONSTRAINT api_keys_scopes_check CHECK (${SCOPES_CHECK}),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query("CREATE INDEX api_keys_created_at_idx ON api_keys (created_at, id)");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["api_keys", "sessions", "users"]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
