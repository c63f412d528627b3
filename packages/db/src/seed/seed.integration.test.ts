import { SecretsBox, channelTokenAad } from "@syncstore/config";
import { loadConfig } from "@syncstore/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { generateDemoProducts } from "./generate";
import { resetCatalog, seedDemoCatalog, seedIfEmpty } from "./seed";

let db: TestDatabase;
const config = loadConfig({});

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const skusAndPrices = async () =>
  (await db.dataSource.query("SELECT sku, price::text FROM products ORDER BY sku")) as {
    sku: string;
    price: string;
  }[];

describe("seedIfEmpty", () => {
  it("creates both channels from config and 4,147 products once, even when called concurrently", async () => {
    const results = await Promise.all([
      seedIfEmpty(db.dataSource, config),
      seedIfEmpty(db.dataSource, config),
    ]);
    expect(results.map((r) => r.channels).sort()).toEqual([0, 2]);
    expect(results.map((r) => r.products).sort((a, b) => a - b)).toEqual([0, 4147]);
    const [{ n }] = (await db.dataSource.query("SELECT count(*)::int AS n FROM products")) as [{ n: number }];
    expect(n).toBe(4147);
    const [{ v }] = (await db.dataSource.query("SELECT count(*)::int AS v FROM product_variants")) as [
      { v: number },
    ];
    expect(v).toBe(results.reduce((s, r) => s + r.variants, 0));
    expect(v).toBe(generateDemoProducts(0, 4147).reduce((s, p) => s + (p.variants?.length ?? 0), 0));

    const rows: Record<string, string>[] = await db.dataSource.query(
      `SELECT platform, shop_id, currency, price_multiplier::text, max_attempts, title_min_length, title_max_length,
              access_token, refresh_token, enabled FROM channels ORDER BY platform`,
    );
    // Tokens are stored sealed and bound to their channel; open them to compare.
    const box = SecretsBox.fromConfig(config);
    const channels = rows.map((r) => ({
      ...r,
      access_token: box.decrypt(r.access_token!, channelTokenAad(r.platform!, r.shop_id!, "access_token")),
      refresh_token: box.decrypt(r.refresh_token!, channelTokenAad(r.platform!, r.shop_id!, "refresh_token")),
    }));
    for (const r of rows) expect(r.access_token).toMatch(/^v1:/);
    expect(channels).toEqual([
      {
        platform: "SHOPEE",
        shop_id: String(config.SHOPEE_SHOP_ID),
        currency: "IDR",
        price_multiplier: "1.1500",
        max_attempts: 5,
        title_min_length: 5,
        title_max_length: 100,
        access_token: config.SHOPEE_ACCESS_TOKEN,
        refresh_token: config.SHOPEE_REFRESH_TOKEN,
        enabled: true,
      },
      {
        platform: "TIKTOK_SHOP",
        shop_id: config.TIKTOK_SHOP_CIPHER,
        currency: "IDR",
        price_multiplier: "1.2000",
        max_attempts: 3,
        title_min_length: 25,
        title_max_length: 255,
        access_token: config.TIKTOK_ACCESS_TOKEN,
        refresh_token: config.TIKTOK_REFRESH_TOKEN,
        enabled: true,
      },
    ]);
  });

  it("leaves a non-empty catalog and refreshed tokens alone", async () => {
    await db.dataSource.query("UPDATE channels SET access_token = 'refreshed' WHERE platform = 'SHOPEE'");
    expect(await seedIfEmpty(db.dataSource, config)).toEqual({ products: 0, variants: 0, channels: 0 });
    const [row] = (await db.dataSource.query(
      "SELECT access_token FROM channels WHERE platform = 'SHOPEE'",
    )) as [{ access_token: string }];
    expect(row.access_token).toBe("refreshed");
  });
});

describe("seedDemoCatalog", () => {
  it("stores about 2% invalid products, spread over every kind", async () => {
    const [kinds] = (await db.dataSource.query(`
      SELECT count(*) FILTER (WHERE char_length(title) < 5)::int AS short_title,
             count(*) FILTER (WHERE char_length(title) > 255)::int AS long_title,
             count(*) FILTER (WHERE images = '[]'::jsonb)::int AS no_image,
             count(*) FILTER (WHERE stock < 0)::int AS negative_stock,
             count(*) FILTER (WHERE char_length(sku) > 50)::int AS long_sku,
             count(*) FILTER (WHERE weight_grams IS NULL)::int AS missing_weight
      FROM products`)) as [Record<string, number>];
    const values = Object.values(kinds);
    for (const n of values) expect(n).toBeGreaterThanOrEqual(13);
    const total = values.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(Math.floor(4147 * 0.018));
    expect(total).toBeLessThanOrEqual(Math.ceil(4147 * 0.022));
  });

  it("is deterministic: the same SKUs and prices after a reset and a second run", async () => {
    const first = await skusAndPrices();
    expect(await seedDemoCatalog(db.dataSource)).toEqual({ products: 0, variants: 0 });
    await resetCatalog(db.dataSource);
    expect(await skusAndPrices()).toEqual([]);
    const progress: number[] = [];
    const again = await seedDemoCatalog(db.dataSource, {
      chunkSize: 1000,
      onProgress: (done) => progress.push(done),
    });
    expect(again.products).toBe(4147);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 4147]);
    expect(await skusAndPrices()).toEqual(first);
  });

  it("extends an existing catalog without duplicating it", async () => {
    const more = await seedDemoCatalog(db.dataSource, { count: 4200 });
    expect(more.products).toBe(53);
    const [{ n }] = (await db.dataSource.query("SELECT count(*)::int AS n FROM products")) as [{ n: number }];
    expect(n).toBe(4200);
  });

  it("rejects a bad count", async () => {
    await expect(seedDemoCatalog(db.dataSource, { count: -1 })).rejects.toThrow(
      /count: must be a whole number/,
    );
  });
});
