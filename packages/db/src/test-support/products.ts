import type { DataSource } from "typeorm";
import { insertNewProducts, type NewProduct } from "../catalog/write-products";

/** A valid product for tests; override what the test is about. */
export function testProduct(sku: string, overrides: Partial<NewProduct> = {}): NewProduct {
  return {
    sku,
    title: `Produk ${sku}`,
    description: "Deskripsi produk",
    brand: "Acme",
    category: "Fashion",
    price: "15000.00",
    currency: "IDR",
    stock: 10,
    weightGrams: 250,
    lengthCm: 20,
    widthCm: 15,
    heightCm: 5,
    images: ["/media/demo/fashion-1.png"],
    attributes: { Material: "Katun" },
    ...overrides,
  };
}

/** Inserts products and returns their ids in the order given. */
export async function insertTestProducts(ds: DataSource, products: NewProduct[]): Promise<string[]> {
  const written = await ds.transaction((em) => insertNewProducts(em, products));
  const id = new Map(written.map((w) => [w.sku, w.id]));
  return products.map((p) => id.get(p.sku)!);
}

/** Inserts a channel and returns its id. */
export async function insertTestChannel(
  ds: DataSource,
  platform: "SHOPEE" | "TIKTOK_SHOP",
  shopId: string,
  enabled = true,
): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO channels (platform, shop_id, name, currency, price_multiplier, max_attempts, title_min_length, title_max_length, enabled)
     VALUES ($1, $2, $3, 'IDR', 1.15, 5, 5, 100, $4) RETURNING id::text`,
    [platform, shopId, `${platform} ${shopId}`, enabled],
  )) as [{ id: string }];
  return row.id;
}

export async function setListing(
  ds: DataSource,
  productId: string,
  channelId: string,
  status: string,
): Promise<void> {
  await ds.query(
    `INSERT INTO listings (product_id, channel_id, status) VALUES ($1, $2, $3)
     ON CONFLICT (product_id, channel_id) DO UPDATE SET status = EXCLUDED.status`,
    [productId, channelId, status],
  );
}
