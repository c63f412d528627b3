import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Automatic sync on change (issue 18). An edit of a listed product leaves one row per product in
 * `auto_sync_pending`, written by triggers in the editing transaction itself: every write path —
 * `updateProduct`, catalog import, the CLI, one added later — is covered, an edit is never lost to a
 * restart (it commits with the product or not at all), and any number of API instances agree on one
 * row per product. Each further edit moves `last_changed_at` (the debounce: the latest edit wins, the
 * worker reads the product when it syncs) and adds what kind of change it was; a worker drains due
 * rows into an ordinary batch.
 */
export class AutoSync1765841000000 implements MigrationInterface {
  name = "AutoSync1765841000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channels
      ADD COLUMN auto_sync_stock boolean NOT NULL DEFAULT true,
      ADD COLUMN auto_sync_price boolean NOT NULL DEFAULT true,
      ADD COLUMN auto_sync_content boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE auto_sync_pending (
      product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
      stock_changed boolean NOT NULL DEFAULT false,
      price_changed boolean NOT NULL DEFAULT false,
      content_changed boolean NOT NULL DEFAULT false,
      first_changed_at timestamptz NOT NULL DEFAULT now(),
      last_changed_at timestamptz NOT NULL DEFAULT now())`);
    // A large import leaves many rows; each round takes the oldest first without sorting them all.
    await q.query(
      "CREATE INDEX auto_sync_pending_first_changed_at_idx ON auto_sync_pending (first_changed_at)",
    );
    await q.query(`CREATE FUNCTION auto_sync_note(pid bigint, s boolean, p boolean, c boolean) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO auto_sync_pending AS a (product_id, stock_changed, price_changed, content_changed)
        SELECT pid, s, p, c
        -- Only what is on a marketplace can be synced: a product never listed leaves nothing behind, and
        -- neither does one being deleted (its variants go by cascade after it).
        WHERE (s OR p OR c)
          AND EXISTS (SELECT 1 FROM listings l WHERE l.product_id = pid AND l.external_id IS NOT NULL)
          AND EXISTS (SELECT 1 FROM products WHERE id = pid)
        ON CONFLICT (product_id) DO UPDATE SET
          stock_changed = a.stock_changed OR EXCLUDED.stock_changed,
          price_changed = a.price_changed OR EXCLUDED.price_changed,
          content_changed = a.content_changed OR EXCLUDED.content_changed,
          last_changed_at = now()
      $$`);
    await q.query(`CREATE FUNCTION auto_sync_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM auto_sync_note(NEW.id,
          OLD.stock IS DISTINCT FROM NEW.stock,
          OLD.price IS DISTINCT FROM NEW.price,
          (OLD.sku, OLD.title, OLD.description, OLD.brand, OLD.category, OLD.currency, OLD.weight_grams,
           OLD.length_cm, OLD.width_cm, OLD.height_cm, OLD.images, OLD.attributes)
          IS DISTINCT FROM
          (NEW.sku, NEW.title, NEW.description, NEW.brand, NEW.category, NEW.currency, NEW.weight_grams,
           NEW.length_cm, NEW.width_cm, NEW.height_cm, NEW.images, NEW.attributes));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER products_auto_sync AFTER UPDATE ON products
      FOR EACH ROW EXECUTE FUNCTION auto_sync_product_changed()`);
    // A variant added, removed or moved is a change of the listing's structure: content.
    await q.query(`CREATE FUNCTION auto_sync_variant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.product_id = NEW.product_id THEN
          PERFORM auto_sync_note(NEW.product_id,
            OLD.stock IS DISTINCT FROM NEW.stock,
            OLD.price IS DISTINCT FROM NEW.price,
            (OLD.sku, OLD.options, OLD.image, OLD.position) IS DISTINCT FROM (NEW.sku, NEW.options, NEW.image, NEW.position));
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM auto_sync_note(OLD.product_id, false, false, true); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM auto_sync_note(NEW.product_id, false, false, true); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER product_variants_auto_sync AFTER INSERT OR UPDATE OR DELETE ON product_variants
      FOR EACH ROW EXECUTE FUNCTION auto_sync_variant_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP TRIGGER product_variants_auto_sync ON product_variants");
    await q.query("DROP TRIGGER products_auto_sync ON products");
    await q.query("DROP FUNCTION auto_sync_variant_changed()");
    await q.query("DROP FUNCTION auto_sync_product_changed()");
    await q.query("DROP FUNCTION auto_sync_note(bigint, boolean, boolean, boolean)");
    await q.query("DROP TABLE auto_sync_pending");
    await q.query(
      "ALTER TABLE channels DROP COLUMN auto_sync_content, DROP COLUMN auto_sync_price, DROP COLUMN auto_sync_stock",
    );
  }
}
