import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBatch,
  demoMappingGap,
  generateDemoProduct,
  MappingRepository,
  UNMAPPED_DEMO_CATEGORY,
} from "@syncstore/db";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";

let h: SyncHarness;
let queues: SyncQueues;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

async function channelId(platform: string): Promise<string> {
  const [row] = (await h.ds.query("SELECT id::text FROM channels WHERE platform = $1", [platform])) as {
    id: string;
  }[];
  return row!.id;
}

/** Product ids by 0-based position in the demo catalog. */
async function productAt(index: number): Promise<string> {
  const sku = generateDemoProduct(index).sku;
  const [row] = (await h.ds.query("SELECT id::text FROM products WHERE sku = $1", [sku])) as { id: string }[];
  return row!.id;
}

async function sync(productIds: string[], platforms = ["SHOPEE", "TIKTOK_SHOP"]): Promise<string> {
  const channelIds = await Promise.all(platforms.map(channelId));
  const result = await h.ds.transaction((em) =>
    createBatch(em, { selection: { kind: "ids", productIds }, channelIds, force: false }),
  );
  if (!result.ok) throw new Error(result.message);
  await queues.enqueue(result.items.map((i) => ({ ...i, batchId: result.batch.id })));
  await waitUntil(
    async () => {
      const [b] = (await h.ds.query("SELECT status FROM sync_batches WHERE id = $1", [result.batch.id])) as {
        status: string;
      }[];
      return ["COMPLETED", "COMPLETED_WITH_ERRORS"].includes(b!.status);
    },
    60_000,
    () => `batch ${result.batch.id} did not finish`,
  );
  return result.batch.id;
}

async function deadLetters(batchId: string) {
  return (await h.ds.query(
    `SELECT d.product_id::text, c.platform, d.error_class, d.error_field, d.attempts,
            (SELECT count(*)::int FROM sync_logs l WHERE l.item_id = d.item_id) AS calls
     FROM dead_letters d JOIN channels c ON c.id = d.channel_id WHERE d.batch_id = $1
     ORDER BY d.product_id, c.platform`,
    [batchId],
  )) as {
    product_id: string;
    platform: string;
    error_class: string;
    error_field: string;
    attempts: number;
    calls: number;
  }[];
}

beforeAll(async () => {
  h = await createSyncHarness({ products: 110 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  // No mapping cache here: each test changes the mapping and expects the next item to see it.
  await h.startWorker({ mappingCacheMs: 0 });
});

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

describe("marketplace mapping in the worker", () => {
  it("dead-letters the demo catalog's mapping gaps as VALIDATION naming the marketplace field, never sending them", async () => {
    expect([demoMappingGap(56), demoMappingGap(104), demoMappingGap(0)]).toEqual([
      "MISSING_ATTRIBUTE",
      "UNMAPPED_CATEGORY",
      null,
    ]);
    const [missing, unmapped, valid] = await Promise.all([productAt(56), productAt(104), productAt(0)]);
    const batchId = await sync([missing, unmapped, valid]);
    const dead = await deadLetters(batchId);
    expect(dead).toEqual([
      {
        product_id: missing,
        platform: "SHOPEE",
        error_class: "VALIDATION",
        error_field: "attribute_list[Bahan]",
        attempts: 1,
        calls: 0,
      },
      {
        product_id: missing,
        platform: "TIKTOK_SHOP",
        error_class: "VALIDATION",
        error_field: "product_attributes[Bahan]",
        attempts: 1,
        calls: 0,
      },
      {
        product_id: unmapped,
        platform: "SHOPEE",
        error_class: "VALIDATION",
        error_field: "category_id",
        attempts: 1,
        calls: 0,
      },
      {
        product_id: unmapped,
        platform: "TIKTOK_SHOP",
        error_class: "VALIDATION",
        error_field: "category_id",
        attempts: 1,
        calls: 0,
      },
    ]);
    const [ok] = (await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_items WHERE batch_id = $1 AND product_id = $2 AND status = 'SUCCEEDED'",
      [batchId, valid],
    )) as { n: number }[];
    expect(ok!.n).toBe(2);
  });

  it("names the TikTok Shop warehouse when the channel has no shipping profile", async () => {
    const tiktok = await channelId("TIKTOK_SHOP");
    const [profile] = (await h.ds.query("SELECT shipping_profile FROM channels WHERE id = $1", [tiktok])) as {
      shipping_profile: unknown;
    }[];
    await h.ds.query("UPDATE channels SET shipping_profile = NULL WHERE id = $1", [tiktok]);
    try {
      const batchId = await sync([await productAt(1)], ["TIKTOK_SHOP"]);
      expect(await deadLetters(batchId)).toMatchObject([
        { error_class: "VALIDATION", error_field: "skus[].inventory[].warehouse_id", calls: 0 },
      ]);
    } finally {
      await h.ds.query("UPDATE channels SET shipping_profile = $2 WHERE id = $1", [
        tiktok,
        JSON.stringify(profile!.shipping_profile),
      ]);
    }
  });

  it("sends a product once its category is mapped, without a restart", async () => {
    const repo = new MappingRepository(h.ds);
    const fashion = (await repo.forChannel(await channelId("SHOPEE")))!.categories.get("Fashion")!;
    const r = await repo.setCategoryMapping(
      { platform: "SHOPEE", market: "ID", channelId: null },
      { ...fashion, masterCategory: UNMAPPED_DEMO_CATEGORY },
    );
    expect(r).toEqual({ ok: true });
    const batchId = await sync([await productAt(104)], ["SHOPEE"]);
    expect(await deadLetters(batchId)).toEqual([]);
    const [listing] = (await h.ds.query(
      "SELECT l.status FROM listings l JOIN channels c ON c.id = l.channel_id WHERE l.product_id = $1 AND c.platform = 'SHOPEE'",
      [await productAt(104)],
    )) as { status: string }[];
    expect(listing!.status).toBe("SYNCED");
  });
});
