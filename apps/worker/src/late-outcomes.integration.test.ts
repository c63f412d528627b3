import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@syncstore/config";
import { cancelBatch } from "@syncstore/db";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { Reconciler } from "./reconciler";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";
import type { SyncWorker } from "./sync-worker";

/**
 * Finding 5 of the fault run: items whose marketplace write succeeded in their batch ended SKIPPED (or
 * never ended) because another actor moved them while the write was under way. Here the write is slowed
 * by the simulator's latency and the item is moved exactly then, as the reconciler and a cancel do.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
let worker: SyncWorker;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

beforeAll(async () => {
  h = await createSyncHarness({ products: 20 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  worker = await h.startWorker();
});

afterAll(async () => {
  await worker?.close();
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

async function items(batchId: string) {
  return (await h.ds.query("SELECT id::text, status FROM sync_items WHERE batch_id = $1 ORDER BY id", [
    batchId,
  ])) as { id: string; status: string }[];
}

async function waitRunning(batchId: string, n: number): Promise<void> {
  await waitUntil(
    async () => (await items(batchId)).filter((i) => i.status === "RUNNING").length === n,
    20_000,
    async () => `items ${JSON.stringify(await items(batchId))}`,
  );
}

function countersOf(batch: Record<string, unknown>) {
  return {
    QUEUED: batch.queued,
    RUNNING: batch.running,
    SUCCEEDED: batch.succeeded,
    SKIPPED: batch.skipped,
    FAILED: batch.failed,
    DEAD_LETTERED: batch.dead_lettered,
    CANCELLED: batch.cancelled,
  };
}

async function expectCountersToMatchItems(batchId: string): Promise<void> {
  const byStatus = await driver.itemCounts(batchId);
  const counters = countersOf(await driver.batch(batchId));
  for (const [status, n] of Object.entries(counters))
    expect([status, n]).toEqual([status, byStatus[status] ?? 0]);
}

describe("an item whose write went through while something else moved it", () => {
  it("released by the reconciler mid-write (its lock taken for dead) ends SUCCEEDED, not stuck or SKIPPED", async () => {
    const ids = await driver.validProductIds(2);
    h.sims.shopee.control.update({ latencyMs: 1500 });
    try {
      const batchId = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
      await waitRunning(batchId, ids.length);
      // What a worker that lost its Redis lease looks like to the reconciler: a lock in the past.
      await h.ds.query(
        "UPDATE sync_items SET locked_until = now() - interval '1 second' WHERE batch_id = $1",
        [batchId],
      );
      const reconciler = new Reconciler({
        ds: h.ds,
        redis,
        queues,
        publish: async () => undefined,
        logger: createLogger("reconciler-test", "error"),
        intervalMs: 60_000,
        graceMs: 0,
        leaseKey: `${h.namespace}:reconciler:lease`,
      });
      await reconciler.runOnce();
      expect((await items(batchId)).map((i) => i.status)).toEqual(ids.map(() => "QUEUED"));

      // The jobs were alive all along: their writes land, and the items say what the marketplace holds.
      const batch = await driver.waitFinal(batchId, 30_000);
      expect(batch).toMatchObject({ status: "COMPLETED", succeeded: ids.length, skipped: 0, queued: 0 });
      await expectCountersToMatchItems(batchId);
      const listings: { status: string; last_write: string }[] = await h.ds.query(
        `SELECT l.status, l.last_write_batch_id::text AS last_write FROM listings l JOIN channels c ON c.id = l.channel_id
         WHERE c.platform = 'SHOPEE' AND l.product_id = ANY($1::bigint[])`,
        [ids],
      );
      expect(listings).toHaveLength(ids.length);
      for (const l of listings) expect(l.last_write).toBe(batchId);
    } finally {
      h.sims.shopee.control.update({ latencyMs: 0 });
    }
  });

  it("cancelled after its claim still counts as SUCCEEDED, and the cancelled batch adds up", async () => {
    const ids = (await driver.validProductIds(6)).slice(2);
    h.sims.tiktok.control.update({ latencyMs: 1500 });
    try {
      const batchId = await driver.start({ kind: "ids", productIds: ids }, ["TIKTOK_SHOP"]);
      await waitRunning(batchId, ids.length);
      // A cancel stops queued items only. A job whose item it stopped while the write was under way
      // (the job loaded the item QUEUED and its claim, not awaited, lost the race) is made here by
      // releasing the claims first, as the reconciler does with an expired lock.
      await h.ds.query(
        "UPDATE sync_items SET locked_until = now() - interval '1 second' WHERE batch_id = $1",
        [batchId],
      );
      const reconciler = new Reconciler({
        ds: h.ds,
        redis,
        queues,
        publish: async () => undefined,
        logger: createLogger("reconciler-test", "error"),
        intervalMs: 60_000,
        graceMs: 60_000,
        leaseKey: `${h.namespace}:reconciler:lease`,
      });
      await reconciler.runOnce();
      const cancelled = await h.ds.transaction((em) => cancelBatch(em, batchId));
      expect(cancelled).toMatchObject({ ok: true, batch: { status: "CANCELLED", cancelled: ids.length } });

      await waitUntil(
        async () => (await driver.batch(batchId)).succeeded === ids.length,
        30_000,
        async () => `items ${JSON.stringify(await driver.itemCounts(batchId))}`,
      );
      expect(await driver.batch(batchId)).toMatchObject({ status: "CANCELLED", cancelled: 0, queued: 0 });
      await expectCountersToMatchItems(batchId);
    } finally {
      h.sims.tiktok.control.update({ latencyMs: 0 });
    }
  });
});
