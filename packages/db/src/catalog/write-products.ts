import type { EntityManager } from "typeorm";

/** A product as written to the catalog: already validated and normalized. */
export interface NewProduct {
  sku: string;
  title: string;
  description: string;
  brand: string | null;
  category: string | null;
  /** Decimal string, at most 2 decimals. */
  price: string;
  currency: string;
  stock: number;
  weightGrams: number | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  images: string[];
  attributes: Record<string, string>;
  /** Undefined on upsert: leave the stored variants alone. */
  variants?: NewVariant[];
}

export interface NewVariant {
  sku: string;
  options: Record<string, string>;
  price: string;
  stock: number;
  image: string | null;
  position: number;
}

export interface WrittenProduct {
  id: string;
  sku: string;
  inserted: boolean;
}

const PRODUCT_COLUMNS = `sku, title, description, brand, category, price, currency, stock, weight_grams,
  length_cm, width_cm, height_cm, images, attributes`;
const PRODUCT_UNNEST = `unnest($1::varchar[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::bpchar[],
  $8::int[], $9::int[], $10::numeric[], $11::numeric[], $12::numeric[], $13::jsonb[], $14::jsonb[])`;
const CONTENT = [
  "title",
  "description",
  "brand",
  "category",
  "price",
  "currency",
  "stock",
  "weight_grams",
  "length_cm",
  "width_cm",
  "height_cm",
  "images",
  "attributes",
];

function productParams(rows: readonly NewProduct[]): unknown[] {
  return [
    rows.map((r) => r.sku),
    rows.map((r) => r.title),
    rows.map((r) => r.description),
    rows.map((r) => r.brand),
    rows.map((r) => r.category),
    rows.map((r) => r.price),
    rows.map((r) => r.currency),
    rows.map((r) => r.stock),
    rows.map((r) => r.weightGrams),
    rows.map((r) => r.lengthCm),
    rows.map((r) => r.widthCm),
    rows.map((r) => r.heightCm),
    rows.map((r) => JSON.stringify(r.images)),
    rows.map((r) => JSON.stringify(r.attributes)),
  ];
}

/**
 * Inserts products whose SKU is new, in one statement (unnest arrays, not one row at a time), and
 * their variants. Existing SKUs are left untouched. Returns what was inserted.
 */
export async function insertNewProducts(
  em: EntityManager,
  rows: readonly NewProduct[],
): Promise<WrittenProduct[]> {
  if (rows.length === 0) return [];
  const written: { id: string; sku: string }[] = await em.query(
    `INSERT INTO products (${PRODUCT_COLUMNS}) SELECT * FROM ${PRODUCT_UNNEST}
     ON CONFLICT (sku) DO NOTHING RETURNING id::text, sku`,
    productParams(rows),
  );
  const idBySku = new Map(written.map((w) => [w.sku, w.id]));
  const variants = rows.flatMap((r) => {
    const id = idBySku.get(r.sku);
    return id ? (r.variants ?? []).map((v) => ({ productId: id, ...v })) : [];
  });
  await upsertVariants(em, variants);
  return written.map((w) => ({ ...w, inserted: true }));
}

/**
 * Inserts or updates products by SKU and returns those that were inserted or whose content
 * changed, plus — for rows that carry `variants` — those whose variants changed. Their SYNCED
 * listings become OUT_OF_DATE. Rows must have distinct SKUs.
 */
export async function upsertProducts(
  em: EntityManager,
  rows: readonly NewProduct[],
): Promise<{ written: WrittenProduct[]; outOfDate: number }> {
  if (rows.length === 0) return { written: [], outOfDate: 0 };
  const changed: { id: string; sku: string; inserted: boolean }[] = await em.query(
    `INSERT INTO products (${PRODUCT_COLUMNS}) SELECT * FROM ${PRODUCT_UNNEST}
     ON CONFLICT (sku) DO UPDATE SET ${CONTENT.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}, updated_at = now()
     WHERE (${CONTENT.map((c) => `products.${c}`).join(", ")}) IS DISTINCT FROM (${CONTENT.map((c) => `EXCLUDED.${c}`).join(", ")})
     RETURNING id::text, sku, (xmax = 0) AS inserted`,
    productParams(rows),
  );
  const withVariants = rows.filter((r) => r.variants !== undefined);
  const variantChanged = new Set<string>();
  if (withVariants.length) {
    const ids: { id: string; sku: string }[] = await em.query(
      "SELECT id::text, sku FROM products WHERE sku = ANY($1::varchar[])",
      [withVariants.map((r) => r.sku)],
    );
    const idBySku = new Map(ids.map((r) => [r.sku, r.id]));
    const variants = withVariants.flatMap((r) =>
      (r.variants ?? []).map((v) => ({ productId: idBySku.get(r.sku)!, ...v })),
    );
    const [deleted] = (await em.query(
      `DELETE FROM product_variants WHERE product_id = ANY($1::bigint[])
         AND (product_id, sku) NOT IN (SELECT * FROM unnest($2::bigint[], $3::varchar[]))
       RETURNING product_id::text`,
      [[...idBySku.values()], variants.map((v) => v.productId), variants.map((v) => v.sku)],
    )) as [{ product_id: string }[], number];
    for (const d of deleted) variantChanged.add(d.product_id);
    for (const id of await upsertVariants(em, variants)) variantChanged.add(id);
  }
  const changedIds = new Set(changed.map((c) => c.id));
  const skuById = new Map(
    (
      await idsToSkus(
        em,
        [...variantChanged].filter((id) => !changedIds.has(id)),
      )
    ).map((r) => [r.id, r.sku]),
  );
  const written = [...changed, ...[...skuById].map(([id, sku]) => ({ id, sku, inserted: false }))];
  const stale = written.filter((w) => !w.inserted).map((w) => w.id);
  const outOfDate = stale.length ? await markListingsOutOfDate(em, stale) : 0;
  return { written, outOfDate };
}

async function idsToSkus(em: EntityManager, ids: string[]): Promise<{ id: string; sku: string }[]> {
  if (ids.length === 0) return [];
  return em.query("SELECT id::text, sku FROM products WHERE id = ANY($1::bigint[])", [ids]);
}

/** Upserts variants by SKU; returns the product ids whose variants were inserted or changed. */
async function upsertVariants(
  em: EntityManager,
  rows: (NewVariant & { productId: string })[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const out: { product_id: string }[] = await em.query(
    `INSERT INTO product_variants (product_id, sku, options, price, stock, image, position)
     SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::jsonb[], $4::numeric[], $5::int[], $6::text[], $7::int[])
     ON CONFLICT (sku) DO UPDATE SET product_id = EXCLUDED.product_id, options = EXCLUDED.options, price = EXCLUDED.price,
       stock = EXCLUDED.stock, image = EXCLUDED.image, position = EXCLUDED.position
     WHERE (product_variants.product_id, product_variants.options, product_variants.price, product_variants.stock,
            product_variants.image, product_variants.position)
       IS DISTINCT FROM (EXCLUDED.product_id, EXCLUDED.options, EXCLUDED.price, EXCLUDED.stock, EXCLUDED.image, EXCLUDED.position)
     RETURNING product_id::text`,
    [
      rows.map((r) => r.productId),
      rows.map((r) => r.sku),
      rows.map((r) => JSON.stringify(r.options)),
      rows.map((r) => r.price),
      rows.map((r) => r.stock),
      rows.map((r) => r.image),
      rows.map((r) => r.position),
    ],
  );
  return [...new Set(out.map((o) => o.product_id))];
}

/** SYNCED listings of these products become OUT_OF_DATE; returns how many. */
export async function markListingsOutOfDate(
  em: EntityManager,
  productIds: readonly string[],
): Promise<number> {
  const [, count] = (await em.query(
    "UPDATE listings SET status = 'OUT_OF_DATE', updated_at = now() WHERE product_id = ANY($1::bigint[]) AND status = 'SYNCED'",
    [productIds],
  )) as [unknown[], number];
  return count;
}
