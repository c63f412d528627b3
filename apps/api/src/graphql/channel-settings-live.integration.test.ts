import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createBatch, UNMAPPED_DEMO_CATEGORY } from "@syncstore/db";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { createSyncHarness, waitUntil, type SyncHarness } from "@syncstore/worker/testing";
import type { SyncWorker } from "@syncstore/worker";
import { startApi, type ApiServer } from "../server";

/**
 * `updateChannel` while a worker runs: the worker was started with the old settings and is never
 * restarted, so every assertion here holds only if it picked the change up.
 */
let h: SyncHarness;
let worker: SyncWorker;
let api: ApiServer;
let redis: Redis;
let queues: SyncQueues;
let shopee: string;
let tiktok: string;
/** Products the demo mapping and the core rules accept, handed out a few per test. */
let pool: string[];

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function updateChannel(input: Record<string, unknown>): Promise<void> {
  const r = await gql<{ updateChannel: { userErrors: unknown[] } }>(
    `mutation($input: UpdateChannelInput!) { updateChannel(input: $input) { userErrors { field code message } } }`,
    { input },
  );
  expect(r.updateChannel.userErrors).toEqual([]);
}

async function sync(productIds: string[], platforms: string[]): Promise<string> {
  const r = await gql<{ startBatchSync: { batch: { id: string } | null; userErrors: unknown[] } }>(
    `mutation($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id } userErrors { code message } } }`,
    { input: { productIds, platforms } },
  );
  expect(r.startBatchSync.userErrors).toEqual([]);
  return r.startBatchSync.batch!.id;
}

async function items(batchId: string): Promise<{ status: string; attempts: number }[]> {
  return h.ds.query("SELECT status, attempts FROM sync_items WHERE batch_id = $1 ORDER BY id", [batchId]);
}

async function finished(batchId: string, timeoutMs = 30_000): Promise<void> {
  await waitUntil(
    async () => {
      const [b] = (await h.ds.query("SELECT status FROM sync_batches WHERE id = $1", [batchId])) as {
        status: string;
      }[];
      return ["COMPLETED", "COMPLETED_WITH_ERRORS"].includes(b!.status);
    },
    timeoutMs,
    async () => `batch ${batchId}: ${JSON.stringify(await items(batchId))}`,
  );
}

/** IDR rounds half-up to whole rupiah: exact integer arithmetic on the master price in cents. */
async function pricesMatch(productIds: string[], channelId: string, multiplierBasisPoints: bigint) {
  const rows: { price: string; master: string }[] = await h.ds.query(
    `SELECT l.price::text, p.price::text AS master FROM listings l JOIN products p ON p.id = l.product_id
     WHERE l.channel_id = $1 AND l.product_id = ANY($2::bigint[])`,
    [channelId, productIds],
  );
  expect(rows).toHaveLength(productIds.length);
  for (const r of rows) {
    const cents = BigInt(Math.round(Number(r.master) * 100));
    expect(BigInt(Math.round(Number(r.price)))).toBe((cents * multiplierBasisPoints + 500_000n) / 1_000_000n);
  }
}

const take = (n: number) => pool.splice(0, n);

beforeAll(async () => {
  h = await createSyncHarness({ products: 40 });
  // No slow retry round: a failure past the attempts dead-letters at once.
  await h.ds.query("UPDATE channels SET slow_retry_delays_ms = '{}'");
  const channels: { id: string; platform: string }[] = await h.ds.query(
    "SELECT id::text, platform FROM channels ORDER BY id",
  );
  shopee = channels.find((c) => c.platform === "SHOPEE")!.id;
  tiktok = channels.find((c) => c.platform === "TIKTOK_SHOP")!.id;
  // As the worker's BatchDriver picks them: only injected faults can fail these.
  pool = (
    (await h.ds.query(
      `SELECT id::text FROM products
       WHERE NOT (char_length(title) < 5 OR images = '[]'::jsonb OR stock < 0 OR char_length(sku) > 50 OR weight_grams IS NULL
                  OR char_length(title) > 255 OR category = $1 OR NOT attributes ? 'Material')
       ORDER BY id`,
      [UNMAPPED_DEMO_CATEGORY],
    )) as { id: string }[]
  ).map((r) => r.id);
  // A mapping read is kept a minute: only an announced change can make the worker read it sooner.
  worker = await h.startWorker({ concurrency: 16, mappingCacheMs: 60_000 });
  redis = createRedis(h.config.REDIS_URL);
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  api = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
});

afterAll(async () => {
  await api?.close();
  await queues?.close();
  await h?.close();
  redis?.disconnect();
});

describe("a running worker follows updateChannel", () => {
  it("prices the next items with the new multiplier", async () => {
    const before = take(2);
    await finished(await sync(before, ["SHOPEE"]));
    await pricesMatch(before, shopee, 11_500n);

    await updateChannel({ id: shopee, priceMultiplier: "1.3725" });
    const after = take(2);
    await finished(await sync(after, ["SHOPEE"]));
    await pricesMatch(after, shopee, 13_725n);
  });

  it("spaces the next calls by the new rate limit", async () => {
    const control = h.sims.shopee.control;
    // The shop allows 6 calls a second. Unlimited, the worker's 16 lanes overrun that at once (429s);
    // limited to 6, they queue behind one another and the marketplace never has to refuse.
    control.update({ qpsPerShop: 6 });
    try {
      await updateChannel({ id: shopee, rateLimitPerSecond: 6 });
      control.resetStats();
      const started = Date.now();
      await finished(await sync(take(4), ["SHOPEE"]));
      const elapsedMs = Date.now() - started;
      const calls = control.stats.totalCalls;
      expect(calls).toBeGreaterThanOrEqual(8);
      expect(control.stats.rateLimited).toBe(0);
      // Evenly spaced at just under 6 a second: n calls take at least n - 1 intervals.
      expect(elapsedMs).toBeGreaterThanOrEqual(((calls - 1) * 1000) / 6);
    } finally {
      control.update({ qpsPerShop: null });
      await updateChannel({ id: shopee, useDefaultRateLimit: true });
    }
  });

  it("gives the next items the new number of attempts", async () => {
    const control = h.sims.shopee.control;
    const addItem = "/api/v2/product/add_item";
    control.injectFault({ endpoint: addItem, outcome: "error", count: 1 });
    const retried = await sync(take(1), ["SHOPEE"]);
    await finished(retried);
    expect(await items(retried)).toEqual([{ status: "SUCCEEDED", attempts: 2 }]);

    await updateChannel({ id: shopee, maxAttempts: 1 });
    control.injectFault({ endpoint: addItem, outcome: "error", count: 1 });
    const once = await sync(take(1), ["SHOPEE"]);
    await finished(once);
    expect(await items(once)).toEqual([{ status: "DEAD_LETTERED", attempts: 1 }]);
    await updateChannel({ id: shopee, maxAttempts: 5 });
  });

  it("ships the next items from the new warehouse", async () => {
    const [jakarta, surabaya] = ["7068517275539719942", "7068517275539719943"];
    const warehousesSent = async (productId: string) =>
      (
        (await h.ds.query(
          "SELECT request::text AS body FROM sync_logs WHERE product_id = $1 AND channel_id = $2 AND method = 'POST'",
          [productId, tiktok],
        )) as { body: string }[]
      ).flatMap((r) => [...r.body.matchAll(/"warehouse_id":\s*"(\d+)"/g)].map((m) => m[1]));
    const [first, second] = take(2);
    await finished(await sync([first!], ["TIKTOK_SHOP"]));
    expect(new Set(await warehousesSent(first!))).toEqual(new Set([jakarta]));

    await updateChannel({ id: tiktok, shipping: { warehouseId: surabaya } });
    await finished(await sync([second!], ["TIKTOK_SHOP"]));
    expect(new Set(await warehousesSent(second!))).toEqual(new Set([surabaya]));
  });

  it("leaves a disabled channel's queue alone and works it again once enabled", async () => {
    await updateChannel({ id: tiktok, enabled: false });
    // The change travels over Redis: what the worker took before it arrived is not this test's point.
    await waitUntil(
      async () => !worker.channels.enabled.has(tiktok),
      5000,
      () => "still enabled",
    );
    // The API no longer offers the channel, so the items are queued the way older batches were.
    const products = take(2);
    const result = await h.ds.transaction((em) =>
      createBatch(em, {
        selection: { kind: "ids", productIds: products },
        channelIds: [tiktok],
        force: false,
      }),
    );
    if (!result.ok) throw new Error(result.message);
    await queues.enqueue(result.items.map((i) => ({ ...i, batchId: result.batch.id })));
    const calls = h.sims.tiktok.control.stats.totalCalls;
    // Long enough for an enabled channel to have taken them (the first test's items take a fraction of it).
    await new Promise((r) => setTimeout(r, 1500));
    expect(await items(result.batch.id)).toEqual([
      { status: "QUEUED", attempts: 0 },
      { status: "QUEUED", attempts: 0 },
    ]);
    expect(h.sims.tiktok.control.stats.totalCalls).toBe(calls);

    await updateChannel({ id: tiktok, enabled: true });
    await finished(result.batch.id);
    expect((await items(result.batch.id)).map((i) => i.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
  });
});
