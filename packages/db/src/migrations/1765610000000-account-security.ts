import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Failed sign-ins of known accounts, so an admin sees an account under attack ("recent failed
 * sign-ins"). Only accounts that exist get rows; guesses at unknown emails leave nothing here.
 */
export class AccountSecurity1765610000000 implements MigrationInterface {
  name = "AccountSecurity1765610000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_failures (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT sign_in_failures_user_id_fkey REFERENCES users(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        client text
      )`);
    await q.query("CREATE INDEX sign_in_failures_user_at_idx ON sign_in_failures (user_id, at DESC)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP TABLE IF EXISTS sign_in_failures");
  }
}
