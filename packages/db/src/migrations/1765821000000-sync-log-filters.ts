import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The sync log is filtered by channel, by failure (and its class) and by time, newest first by id.
 * Each filter gets an index that keeps that keyset walk short; time gets a BRIN index, which an
 * append-only table whose rows arrive in time order keeps nearly for free on its hot insert path.
 */
export class SyncLogFilters1765821000000 implements MigrationInterface {
  name = "SyncLogFilters1765821000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX sync_logs_channel_id_id_idx ON sync_logs (channel_id, id DESC)");
    await q.query(
      "CREATE INDEX sync_logs_failed_idx ON sync_logs (error_class, id DESC) WHERE error_class IS NOT NULL",
    );
    await q.query("CREATE INDEX sync_logs_created_at_brin ON sync_logs USING brin (created_at)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX sync_logs_created_at_brin");
    await q.query("DROP INDEX sync_logs_failed_idx");
    await q.query("DROP INDEX sync_logs_channel_id_id_idx");
  }
}
