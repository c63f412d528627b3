import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rollback restores a listing to what it was before a batch touched it, so the ledger must know the
 * whole of what was on the marketplace, not only price and title: `listings.last_payload` is the
 * payload last written (title, description, images, price, stock, variants), and an item's
 * `before_state` (the listing row at its first claim) carries it. A ROLLBACK batch names the batch it
 * undoes, and each of its items the item whose before-state it restores.
 */
export class Rollback1765830000000 implements MigrationInterface {
  name = "Rollback1765830000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE listings ADD COLUMN last_payload jsonb");
    await q.query(`
      ALTER TABLE sync_batches
        ADD COLUMN rollback_of uuid CONSTRAINT sync_batches_rollback_of_fkey REFERENCES sync_batches(id) ON DELETE SET NULL`);
    await q.query(
      "CREATE INDEX sync_batches_rollback_of_idx ON sync_batches (rollback_of) WHERE rollback_of IS NOT NULL",
    );
    await q.query(`
      ALTER TABLE sync_items
        ADD COLUMN restore_item_id bigint CONSTRAINT sync_items_restore_item_id_fkey REFERENCES sync_items(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_items DROP COLUMN restore_item_id");
    await q.query("ALTER TABLE sync_batches DROP COLUMN rollback_of");
    await q.query("ALTER TABLE listings DROP COLUMN last_payload");
  }
}
