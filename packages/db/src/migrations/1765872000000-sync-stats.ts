import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * syncStats counts items by when they ended. finished_at grows with the table as sync_logs.created_at
 * does, so a BRIN index (a few pages for millions of rows) turns a month's range into a range scan.
 */
export class SyncStats1765872000000 implements MigrationInterface {
  name = "SyncStats1765872000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX sync_items_finished_at_brin ON sync_items USING brin (finished_at)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX sync_items_finished_at_brin");
  }
}
