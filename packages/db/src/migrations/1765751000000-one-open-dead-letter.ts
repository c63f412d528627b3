import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A dead letter stands for a listing that is stuck, not for one attempt: at most one is open per
 * product × channel (the latest cause supersedes the earlier ones), and it closes by itself once that
 * listing syncs. History is kept: older entries stay, resolved as SUPERSEDED or SYNCED.
 */
export class OneOpenDeadLetter1765751000000 implements MigrationInterface {
  name = "OneOpenDeadLetter1765751000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE dead_letters DROP CONSTRAINT dead_letters_resolution_check");
    await q.query(`
      ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_resolution_check
        CHECK (resolution IN ('RETRIED', 'DISCARDED', 'SUPERSEDED', 'SYNCED'))`);
    await q.query(`
      UPDATE dead_letters d SET resolved_at = now(), resolution = 'SUPERSEDED'
      WHERE d.resolved_at IS NULL AND EXISTS (
        SELECT 1 FROM dead_letters n
        WHERE n.resolved_at IS NULL AND n.product_id = d.product_id AND n.channel_id = d.channel_id
          AND (n.created_at, n.id) > (d.created_at, d.id))`);
    // A listing that synced after its dead letter was written no longer needs anyone.
    await q.query(`
      UPDATE dead_letters d SET resolved_at = now(), resolution = 'SYNCED'
      FROM listings l
      WHERE d.resolved_at IS NULL AND l.product_id = d.product_id AND l.channel_id = d.channel_id
        AND l.status IN ('SYNCED', 'IN_REVIEW') AND l.synced_at > d.created_at`);
    await q.query(
      "CREATE UNIQUE INDEX dead_letters_open_listing_key ON dead_letters (product_id, channel_id) WHERE resolved_at IS NULL",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX dead_letters_open_listing_key");
    await q.query(
      "UPDATE dead_letters SET resolution = 'DISCARDED' WHERE resolution IN ('SUPERSEDED', 'SYNCED')",
    );
    await q.query("ALTER TABLE dead_letters DROP CONSTRAINT dead_letters_resolution_check");
    await q.query(
      "ALTER TABLE dead_letters ADD CONSTRAINT dead_letters_resolution_check CHECK (resolution IN ('RETRIED', 'DISCARDED'))",
    );
  }
}
