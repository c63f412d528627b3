import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The products list can be ordered by SKU, title, price, stock or last update; each order pages on
 * (column, id), and these indexes let an unfiltered page read its rows in order instead of sorting
 * the catalog for every page. SKU has its unique index already.
 */
export class ProductOrderIndexes1765870000000 implements MigrationInterface {
  name = "ProductOrderIndexes1765870000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX products_title_id_idx ON products (title, id)");
    await q.query("CREATE INDEX products_price_id_idx ON products (price, id)");
    await q.query("CREATE INDEX products_stock_id_idx ON products (stock, id)");
    await q.query("CREATE INDEX products_updated_at_id_idx ON products (updated_at, id)");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ["title", "price", "stock", "updated_at"])
      await q.query(`DROP INDEX products_${name}_id_idx`);
  }
}
