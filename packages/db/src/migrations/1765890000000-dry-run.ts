import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A DRY_RUN item writes nothing to the marketplace or to the listing; what it found is its plan
 * (`{ action, changes, payload }`), kept on the item so the batch page can show it page by page.
 */
export class DryRun1765890000000 implements MigrationInterface {
  name = "DryRun1765890000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_items ADD COLUMN plan jsonb");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_items DROP COLUMN plan");
  }
}
