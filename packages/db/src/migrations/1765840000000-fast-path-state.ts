import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the stock and price fast path needs to decide without asking the marketplace (issue 18):
 * `fields_hash`, the hash of the payload last sent with prices and stock left out, and `sent_levels`,
 * the price and stock last sent per seller SKU. Null until a full write records them.
 */
export class FastPathState1765840000000 implements MigrationInterface {
  name = "FastPathState1765840000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE listings ADD COLUMN fields_hash text, ADD COLUMN sent_levels jsonb");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE listings DROP COLUMN sent_levels, DROP COLUMN fields_hash");
  }
}
