import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each batch's counters per channel, moved by the ledger in the same transaction as the batch's own,
 * so a progress event can say how far each shop is without the page tallying a partial item feed.
 * Existing batches get theirs from their items.
 */
export class BatchChannelCounters1765750000000 implements MigrationInterface {
  name = "BatchChannelCounters1765750000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sync_batch_channels (
        batch_id uuid NOT NULL CONSTRAINT sync_batch_channels_batch_id_fkey REFERENCES sync_batches(id) ON DELETE CASCADE,
        channel_id bigint NOT NULL CONSTRAINT sync_batch_channels_channel_id_fkey REFERENCES channels(id) ON DELETE CASCADE,
        platform text NOT NULL,
        total int NOT NULL DEFAULT 0,
        queued int NOT NULL DEFAULT 0,
        running int NOT NULL DEFAULT 0,
        succeeded int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        dead_lettered int NOT NULL DEFAULT 0,
        cancelled int NOT NULL DEFAULT 0,
        CONSTRAINT sync_batch_channels_pkey PRIMARY KEY (batch_id, channel_id)
      )`);
    await q.query(`
      INSERT INTO sync_batch_channels (batch_id, channel_id, platform, total, queued, running, succeeded, failed, skipped, dead_lettered, cancelled)
      SELECT i.batch_id, i.channel_id, c.platform, count(*),
             count(*) FILTER (WHERE i.status = 'QUEUED'), count(*) FILTER (WHERE i.status = 'RUNNING'),
             count(*) FILTER (WHERE i.status = 'SUCCEEDED'), count(*) FILTER (WHERE i.status = 'FAILED'),
             count(*) FILTER (WHERE i.status = 'SKIPPED'), count(*) FILTER (WHERE i.status = 'DEAD_LETTERED'),
             count(*) FILTER (WHERE i.status = 'CANCELLED')
      FROM sync_items i JOIN channels c ON c.id = i.channel_id
      GROUP BY i.batch_id, i.channel_id, c.platform`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP TABLE sync_batch_channels");
  }
}
