import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A batch says what it holds and why: `scope` is the selection it was started with ({ kind, products,
 * search, listingStatus, listingPlatform }), `label` the name a person gave it. Batches from before
 * keep NULL and are described from their items.
 */
export class BatchOrigin1765871000000 implements MigrationInterface {
  name = "BatchOrigin1765871000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sync_batches
        ADD COLUMN label text CONSTRAINT sync_batches_label_check CHECK (char_length(label) BETWEEN 1 AND 200),
        ADD COLUMN scope jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_batches DROP COLUMN label, DROP COLUMN scope");
  }
}
