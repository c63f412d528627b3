import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A retry is a batch of its own, so a finished batch's figures never change: the new batch names the
 * batch it retries, and each of its items the item it retries (items may come from several batches).
 * `kind` is the contract's BatchKind; every batch so far is a SYNC.
 */
export class RetryBatches1765752000000 implements MigrationInterface {
  name = "RetryBatches1765752000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sync_batches
        ADD COLUMN kind text NOT NULL DEFAULT 'SYNC'
          CONSTRAINT sync_batches_kind_check CHECK (kind IN ('SYNC', 'DRY_RUN', 'ROLLBACK', 'VALIDATION')),
        ADD COLUMN retry_of uuid CONSTRAINT sync_batches_retry_of_fkey REFERENCES sync_batches(id) ON DELETE SET NULL`);
    await q.query(
      "CREATE INDEX sync_batches_retry_of_idx ON sync_batches (retry_of) WHERE retry_of IS NOT NULL",
    );
    await q.query(`
      ALTER TABLE sync_items
        ADD COLUMN retry_of_item_id bigint CONSTRAINT sync_items_retry_of_item_id_fkey REFERENCES sync_items(id) ON DELETE SET NULL`);
    await q.query(
      "CREATE INDEX sync_items_retry_of_item_id_idx ON sync_items (retry_of_item_id) WHERE retry_of_item_id IS NOT NULL",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_items DROP COLUMN retry_of_item_id");
    await q.query("ALTER TABLE sync_batches DROP COLUMN retry_of, DROP COLUMN kind");
  }
}
