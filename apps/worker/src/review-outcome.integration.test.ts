import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";

/**
 * A marketplace review that refuses a listing: TikTok Shop fails the product after PENDING, Shopee
 * bans the item it held in REVIEWING. The worker's follow-up reads the decision and records the
 * listing REJECTED with the marketplace's own reason, while an approved product next to it is SYNCED.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

async function rule(url: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/__sim/review/rules`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function listings(productIds: string[]) {
  return (await h.ds.query(
    `SELECT l.product_id::text, c.platform, l.status, l.reject_reason
     FROM listings l JOIN channels c ON c.id = l.channel_id
     WHERE l.product_id = ANY($1::bigint[]) ORDER BY l.product_id, c.platform`,
    [productIds],
  )) as { product_id: string; platform: string; status: string; reject_reason: string | null }[];
}

beforeAll(async () => {
  h = await createSyncHarness({ products: 60 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  for (const s of [h.sims.shopee, h.sims.tiktok]) s.control.update({ reviewDelayMs: 200, autoReview: true });
  await h.startWorker();
});

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

describe("a review that rejects", () => {
  it("ends the listing REJECTED with the marketplace's reason; the approved one is SYNCED", async () => {
    const [refused, approved] = await driver.validProductIds(2);
    const [{ sku }] = (await h.ds.query("SELECT sku FROM products WHERE id = $1", [refused])) as [
      { sku: string },
    ];
    await rule(h.sims.tiktok.url, { sku, result: "REJECT", reason: "Gambar produk buram" });
    await rule(h.sims.shopee.url, { sku, result: "REJECT", reason: "Produk terlarang" });

    const batchId = await driver.start({ kind: "ids", productIds: [refused!, approved!] });
    // The writes themselves went through: the refusal comes from the review afterwards.
    expect(await driver.waitFinal(batchId)).toMatchObject({ status: "COMPLETED", succeeded: 4 });
    await waitUntil(
      async () => (await listings([refused!, approved!])).every((l) => l.status !== "IN_REVIEW"),
      20_000,
      async () => JSON.stringify(await listings([refused!, approved!])),
    );
    expect(await listings([refused!, approved!])).toEqual([
      { product_id: refused, platform: "SHOPEE", status: "REJECTED", reject_reason: "Produk terlarang" },
      {
        product_id: refused,
        platform: "TIKTOK_SHOP",
        status: "REJECTED",
        reject_reason: "Gambar produk buram",
      },
      { product_id: approved, platform: "SHOPEE", status: "SYNCED", reject_reason: null },
      { product_id: approved, platform: "TIKTOK_SHOP", status: "SYNCED", reject_reason: null },
    ]);
  });
});

describe("a review decided after the access token expired", () => {
  it("is still read: the check refreshes the token instead of failing until the next sync", async () => {
    const [, , product] = await driver.validProductIds(3);
    h.sims.tiktok.control.update({ autoReview: false });
    try {
      const batchId = await driver.start({ kind: "ids", productIds: [product!] }, ["TIKTOK_SHOP"]);
      expect(await driver.waitFinal(batchId)).toMatchObject({ status: "COMPLETED", succeeded: 1 });
      expect((await listings([product!]))[0]).toMatchObject({ status: "IN_REVIEW" });
      // The batch is over, so no job will refresh the token for the follow-up.
      const expired = await fetch(`${h.sims.tiktok.url}/__sim/tiktok/expire-tokens`, { method: "POST" });
      expect(expired.status).toBe(200);
      const [{ externalId }] = (await h.ds.query(
        'SELECT external_id AS "externalId" FROM listings WHERE product_id = $1',
        [product],
      )) as [{ externalId: string }];
      const decided = await fetch(`${h.sims.tiktok.url}/__sim/review`, {
        method: "POST",
        body: JSON.stringify({ externalId, result: "APPROVE" }),
      });
      expect(decided.status).toBe(200);
      await waitUntil(
        async () => (await listings([product!]))[0]?.status === "SYNCED",
        20_000,
        async () => JSON.stringify(await listings([product!])),
      );
    } finally {
      h.sims.tiktok.control.update({ autoReview: true });
    }
  });
});
