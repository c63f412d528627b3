import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { UNMAPPED_DEMO_CATEGORY } from "@syncstore/db";
import { createRedis } from "@syncstore/queue";
import { createSyncHarness, waitUntil, type SyncHarness } from "@syncstore/worker/testing";
import type { SyncWorker } from "@syncstore/worker";
import { startApi, type ApiServer } from "../server";

/**
 * `rollbackBatch` end to end: the API writes the ROLLBACK batch, a real worker runs it through the
 * clients against both simulators, and what the simulators hold afterwards is read back from them.
 */
let h: SyncHarness;
let worker: SyncWorker;
let api: ApiServer;
let redis: Redis;
let pool: string[];

interface UserError {
  field: string[] | null;
  code: string;
  message: string;
}
interface Preview {
  restore: number;
  delist: number;
  laterChanged: number;
  unrecorded: number;
  items: { productId: string; platform: string; action: string; laterBatchId: string | null }[];
}
interface RollbackResult {
  batch: {
    id: string;
    kind: string;
    status: string;
    total: number;
    rollbackOf: { id: string } | null;
  } | null;
  preview: Preview | null;
  userErrors: UserError[];
}
interface SimListing {
  externalId: string;
  sellerSku: string;
  status: string;
  price: number | null;
  variants: { sellerSku: string; price: number }[];
}

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

async function sync(productIds: string[], platforms: string[]): Promise<string> {
  const r = await gql<{ startBatchSync: { batch: { id: string } | null; userErrors: unknown[] } }>(
    `mutation($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id } userErrors { code message } } }`,
    { input: { productIds, platforms } },
  );
  expect(r.startBatchSync.userErrors).toEqual([]);
  return r.startBatchSync.batch!.id;
}

async function rollback(input: Record<string, unknown>): Promise<RollbackResult> {
  const r = await gql<{ rollbackBatch: RollbackResult }>(
    `mutation($input: RollbackBatchInput!) {
       rollbackBatch(input: $input) {
         batch { id kind status total rollbackOf { id } }
         preview { restore delist laterChanged unrecorded items { productId platform action laterBatchId } }
         userErrors { field code message }
       }
     }`,
    { input },
  );
  return r.rollbackBatch;
}

async function itemCounts(batchId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await h.ds.query(
    "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
    [batchId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function finished(batchId: string, timeoutMs = 60_000): Promise<string> {
  let status = "";
  await waitUntil(
    async () => {
      const [b] = (await h.ds.query("SELECT status FROM sync_batches WHERE id = $1", [batchId])) as {
        status: string;
      }[];
      status = b!.status;
      return ["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"].includes(status);
    },
    timeoutMs,
    async () => `batch ${batchId}: ${JSON.stringify(await itemCounts(batchId))}`,
  );
  return status;
}

async function simListings(platform: "shopee" | "tiktok"): Promise<Map<string, SimListing>> {
  const res = await fetch(`${h.sims[platform].url}/__sim/listings`);
  const body = (await res.json()) as { listings: SimListing[] };
  return new Map(body.listings.map((l) => [l.externalId, l]));
}

/** The simulator's listing of each product on a platform, by product id, through the ledger's external id. */
async function heldFor(productIds: string[], platform: "SHOPEE" | "TIKTOK_SHOP") {
  const rows: { product_id: string; external_id: string }[] = await h.ds.query(
    `SELECT l.product_id::text, l.external_id FROM listings l JOIN channels c ON c.id = l.channel_id
     WHERE c.platform = $1 AND l.product_id = ANY($2::bigint[]) AND l.external_id IS NOT NULL`,
    [platform, productIds],
  );
  const sim = await simListings(platform === "SHOPEE" ? "shopee" : "tiktok");
  return new Map(rows.map((r) => [r.product_id, sim.get(r.external_id)!]));
}

/** Every price the simulator holds for a listing: the item's own and each variant's. */
const prices = (l: SimListing) => ({
  price: l.price,
  variants: l.variants.map((v) => [v.sellerSku, v.price]),
});

function pricesOf(held: Map<string, SimListing>) {
  return new Map([...held].map(([id, l]) => [id, prices(l)]));
}

const take = (n: number) => pool.splice(0, n);

beforeAll(async () => {
  h = await createSyncHarness({ products: 90 });
  await h.ds.query("UPDATE channels SET slow_retry_delays_ms = '{}'");
  pool = (
    (await h.ds.query(
      `SELECT id::text FROM products
       WHERE NOT (char_length(title) < 5 OR images = '[]'::jsonb OR stock < 0 OR char_length(sku) > 50 OR weight_grams IS NULL
                  OR char_length(title) > 255 OR category = $1 OR NOT attributes ? 'Material')
       ORDER BY id`,
      [UNMAPPED_DEMO_CATEGORY],
    )) as { id: string }[]
  ).map((r) => r.id);
  worker = await h.startWorker({ concurrency: 16 });
  redis = createRedis(h.config.REDIS_URL);
  api = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
}, 120_000);

afterAll(async () => {
  await api?.close();
  await worker?.close();
  await h?.close();
  redis?.disconnect();
});

describe("rollbackBatch", () => {
  let fifty: string[];
  let created: string;
  let updated: string;
  let rolledBack: string;
  let pricesBefore: Map<string, ReturnType<typeof prices>>;
  let pricesAfter: Map<string, ReturnType<typeof prices>>;

  it("restores all 50 prices a batch updated, on the simulator", async () => {
    fifty = take(50);
    expect(fifty).toHaveLength(50);
    created = await sync(fifty, ["SHOPEE"]);
    expect(await finished(created)).toBe("COMPLETED");
    pricesBefore = pricesOf(await heldFor(fifty, "SHOPEE"));
    expect(pricesBefore.size).toBe(50);

    await h.ds.query("UPDATE products SET price = round(price * 1.1, 2) WHERE id = ANY($1::bigint[])", [
      fifty,
    ]);
    await h.ds.query(
      "UPDATE product_variants SET price = round(price * 1.1, 2) WHERE product_id = ANY($1::bigint[]) AND price IS NOT NULL",
      [fifty],
    );
    updated = await sync(fifty, ["SHOPEE"]);
    expect(await finished(updated)).toBe("COMPLETED");
    expect(await itemCounts(updated)).toEqual({ SUCCEEDED: 50 });
    pricesAfter = pricesOf(await heldFor(fifty, "SHOPEE"));
    for (const id of fifty) expect(pricesAfter.get(id)).not.toEqual(pricesBefore.get(id));

    const preview = await rollback({ batchId: updated, dryRun: true });
    expect(preview.userErrors).toEqual([]);
    expect(preview.batch).toBeNull();
    expect(preview.preview).toMatchObject({ restore: 50, delist: 0, laterChanged: 0, unrecorded: 0 });
    const [{ n }] = (await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_batches WHERE kind = 'ROLLBACK'",
    )) as [{ n: number }];
    expect(n).toBe(0);

    const r = await rollback({ batchId: updated });
    expect(r.userErrors).toEqual([]);
    expect(r.batch).toMatchObject({ kind: "ROLLBACK", total: 50, rollbackOf: { id: updated } });
    rolledBack = r.batch!.id;
    expect(await finished(rolledBack)).toBe("COMPLETED");
    expect(await itemCounts(rolledBack)).toEqual({ SUCCEEDED: 50 });
    expect(pricesOf(await heldFor(fifty, "SHOPEE"))).toEqual(pricesBefore);
  }, 180_000);

  it("rolling back the rollback re-applies the batch", async () => {
    const r = await rollback({ batchId: rolledBack });
    expect(r.userErrors).toEqual([]);
    expect(r.batch).toMatchObject({ kind: "ROLLBACK", total: 50, rollbackOf: { id: rolledBack } });
    expect(await finished(r.batch!.id)).toBe("COMPLETED");
    expect(pricesOf(await heldFor(fifty, "SHOPEE"))).toEqual(pricesAfter);
  }, 120_000);

  it("refuses listings a later batch changed, unless told to skip them or force", async () => {
    const refused = await rollback({ batchId: created, dryRun: true });
    expect(refused.batch).toBeNull();
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: "LATER_CHANGES", field: ["input", "onLaterChanges"] }),
    ]);
    const skip = await rollback({ batchId: created, dryRun: true, onLaterChanges: "SKIP" });
    expect(skip.userErrors).toEqual([]);
    expect(skip.preview).toMatchObject({ restore: 0, delist: 0, laterChanged: 50, items: [] });
    const force = await rollback({ batchId: created, dryRun: true, onLaterChanges: "FORCE" });
    expect(force.preview).toMatchObject({ restore: 0, delist: 50, laterChanged: 50 });
    expect(force.preview!.items.every((i) => i.action === "DELIST" && i.laterBatchId !== null)).toBe(true);
  });

  it("delists what a batch created on both marketplaces, and relists it when that is rolled back", async () => {
    const three = take(3);
    const batch = await sync(three, ["SHOPEE", "TIKTOK_SHOP"]);
    expect(await finished(batch)).toBe("COMPLETED");
    const preview = await rollback({ batchId: batch, dryRun: true });
    expect(preview.preview).toMatchObject({ restore: 0, delist: 6 });

    const r = await rollback({ batchId: batch });
    expect(r.userErrors).toEqual([]);
    expect(await finished(r.batch!.id)).toBe("COMPLETED");
    const shopee = await heldFor(three, "SHOPEE");
    const tiktok = await heldFor(three, "TIKTOK_SHOP");
    expect([...shopee.values()].map((l) => l.status)).toEqual(["UNLIST", "UNLIST", "UNLIST"]);
    expect([...tiktok.values()].map((l) => l.status)).toEqual([
      "SELLER_DEACTIVATED",
      "SELLER_DEACTIVATED",
      "SELLER_DEACTIVATED",
    ]);
    const statuses: { status: string }[] = await h.ds.query(
      "SELECT status FROM listings WHERE product_id = ANY($1::bigint[])",
      [three],
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(6).fill("NOT_LISTED"));

    const again = await rollback({ batchId: r.batch!.id });
    expect(again.preview).toMatchObject({ restore: 6, delist: 0 });
    expect(await finished(again.batch!.id)).toBe("COMPLETED");
    expect([...(await heldFor(three, "SHOPEE")).values()].map((l) => l.status)).toEqual([
      "NORMAL",
      "NORMAL",
      "NORMAL",
    ]);
    // Activated again, the product goes back through TikTok Shop's review.
    for (const l of (await heldFor(three, "TIKTOK_SHOP")).values())
      expect(["PENDING", "ACTIVATE"]).toContain(l.status);
  }, 120_000);

  it("a rollback item that dead-letters is retried as a restore, not as a sync of the master", async () => {
    const two = take(2);
    expect(await finished(await sync(two, ["SHOPEE"]))).toBe("COMPLETED");
    const before = pricesOf(await heldFor(two, "SHOPEE"));
    await h.ds.query("UPDATE products SET price = round(price * 1.2, 2) WHERE id = ANY($1::bigint[])", [two]);
    await h.ds.query(
      "UPDATE product_variants SET price = round(price * 1.2, 2) WHERE product_id = ANY($1::bigint[])",
      [two],
    );
    const raised = await sync(two, ["SHOPEE"]);
    expect(await finished(raised)).toBe("COMPLETED");
    const after = pricesOf(await heldFor(two, "SHOPEE"));

    // A worker reads its channels' settings when it starts: one attempt, so a 5xx dead-letters at once.
    const restartWith = async (maxAttempts: number) => {
      await worker.close();
      await h.ds.query("UPDATE channels SET max_attempts = $1 WHERE platform = 'SHOPEE'", [maxAttempts]);
      worker = await h.startWorker({ concurrency: 16 });
    };
    await restartWith(1);
    const fault = await fetch(`${h.sims.shopee.url}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: "/api/v2/product/get_item_base_info", outcome: "error", count: 2 }),
    });
    expect(fault.ok).toBe(true);
    const r = await rollback({ batchId: raised });
    expect(await finished(r.batch!.id)).toBe("COMPLETED_WITH_ERRORS");
    expect(await itemCounts(r.batch!.id)).toEqual({ DEAD_LETTERED: 2 });
    expect(pricesOf(await heldFor(two, "SHOPEE"))).toEqual(after);
    await restartWith(5);

    const letters: { id: string }[] = await h.ds.query(
      "SELECT id::text FROM dead_letters WHERE batch_id = $1 AND resolved_at IS NULL",
      [r.batch!.id],
    );
    const retried = await gql<{ retryDeadLetters: { batch: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($ids: [ID!]!) { retryDeadLetters(ids: $ids) { batch { id } userErrors { message } } }`,
      { ids: letters.map((l) => l.id) },
    );
    expect(retried.retryDeadLetters.userErrors).toEqual([]);
    expect(await finished(retried.retryDeadLetters.batch!.id)).toBe("COMPLETED");
    expect(pricesOf(await heldFor(two, "SHOPEE"))).toEqual(before);
  }, 120_000);

  it("a batch that changed nothing gives an empty ROLLBACK batch, complete at once", async () => {
    const unchanged = await sync(fifty.slice(0, 5), ["SHOPEE"]);
    expect(await finished(unchanged)).toBe("COMPLETED");
    expect(await itemCounts(unchanged)).toEqual({ SKIPPED: 5 });
    const r = await rollback({ batchId: unchanged });
    expect(r.userErrors).toEqual([]);
    expect(r.batch).toMatchObject({ kind: "ROLLBACK", status: "COMPLETED", total: 0 });
  });

  it("answers an unknown batch and a running one with userErrors", async () => {
    const unknown = await rollback({ batchId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.userErrors).toEqual([
      expect.objectContaining({ code: "NOT_FOUND", field: ["input", "batchId"] }),
    ]);
    const malformed = await rollback({ batchId: "not-a-batch" });
    expect(malformed.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND" })]);

    const [{ id }] = (await h.ds.query(
      "INSERT INTO sync_batches (id, status, kind) VALUES (gen_random_uuid(), 'RUNNING', 'SYNC') RETURNING id::text",
    )) as [{ id: string }];
    const running = await rollback({ batchId: id });
    expect(running.batch).toBeNull();
    expect(running.userErrors).toEqual([expect.objectContaining({ code: "BATCH_RUNNING" })]);
  });
});
