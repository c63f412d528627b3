import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@syncstore/config";
import { applyTransitions } from "@syncstore/db";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { Reconciler } from "./reconciler";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, type SyncHarness } from "./testing/harness";
import type { SyncWorker } from "./sync-worker";

/**
 * `pnpm bench faults`: after Redis lost its data, the items that were running sat idle ~40 s — their
 * lock expired, one reconciler pass put them back to QUEUED (which made them "just changed"), and only
 * a grace period later did another pass see that their jobs were gone. A released item's job was
 * enqueued long ago, so the pass that releases it also re-enqueues it when Redis no longer has it.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
let worker: SyncWorker | undefined;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

beforeAll(async () => {
  h = await createSyncHarness({ products: 12 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
});

afterAll(async () => {
  await worker?.close();
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

describe("the reconciler after Redis lost the jobs of running items", () => {
  it("re-enqueues the items it releases from an expired lock in the same pass, and they finish", async () => {
    const ids = await driver.validProductIds(3);
    const [channelId] = await driver.channelIds(["SHOPEE"]);
    const batchId = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
    const items: { id: string }[] = await h.ds.query(
      "SELECT id::text FROM sync_items WHERE batch_id = $1 ORDER BY id",
      [batchId],
    );
    // What a Redis loss leaves behind: items claimed by a worker (their lock now lapsed), no jobs.
    await h.ds.transaction((em) =>
      applyTransitions(
        em,
        items.map((i) => ({
          itemId: i.id,
          to: "RUNNING" as const,
          lockedUntil: new Date(Date.now() - 1000),
        })),
      ),
    );
    await queues.queue(channelId!).obliterate({ force: true });
    const gone = await queues.counts(channelId!);
    expect(gone.waiting + gone.prioritized + gone.delayed).toBe(0);

    const reconciler = new Reconciler({
      ds: h.ds,
      redis,
      queues,
      publish: async () => undefined,
      logger: createLogger("reconciler-test", "error"),
      intervalMs: 60_000,
      // Far longer than the test: only the released items may be re-enqueued in this pass.
      graceMs: 60_000,
      leaseKey: `${h.namespace}:reconciler:lease`,
    });
    expect(await reconciler.runOnce()).toBe(items.length);
    const statuses: { status: string }[] = await h.ds.query(
      "SELECT status FROM sync_items WHERE batch_id = $1",
      [batchId],
    );
    expect(statuses.map((s) => s.status)).toEqual(items.map(() => "QUEUED"));
    const queued = await queues.counts(channelId!);
    expect(queued.waiting + queued.prioritized + queued.delayed).toBe(items.length);

    worker = await h.startWorker();
    expect(await driver.waitFinal(batchId, 30_000)).toMatchObject({
      status: "COMPLETED",
      succeeded: items.length,
      queued: 0,
      running: 0,
    });
  });
});
