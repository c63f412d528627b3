import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { SHOPEE_PATHS } from "@syncstore/marketplaces";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, type SyncHarness } from "./testing/harness";
import type { SyncWorker } from "./sync-worker";

/**
 * Finding 3 of the fault run: `add_item` succeeded, `init_tier_variation` failed, and the item was
 * left on Shopee without its variants while SyncStore recorded no id for it. Here the simulator's
 * control API fails exactly that follow-up call.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
let worker: SyncWorker;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

beforeAll(async () => {
  h = await createSyncHarness({ products: 80 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  worker = await h.startWorker();
});

/** A worker reads its channels' settings when it starts. */
async function restartWorkerWith(settings: string): Promise<void> {
  await worker.close();
  await h.ds.query(`UPDATE channels SET ${settings} WHERE platform = 'SHOPEE'`);
  worker = await h.startWorker();
}

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

beforeEach(() => h.sims.shopee.control.resetStats());

/** Valid products with variants: on Shopee each needs `init_tier_variation` after `add_item`. */
async function withVariants(offset: number, count: number): Promise<{ ids: string[]; variants: number }> {
  const valid = await driver.validProductIds(80);
  const rows: { id: string; n: number }[] = await h.ds.query(
    `SELECT p.id::text, count(v.id)::int AS n FROM products p JOIN product_variants v ON v.product_id = p.id
     WHERE p.id = ANY($1::bigint[]) GROUP BY p.id ORDER BY p.id OFFSET $2 LIMIT $3`,
    [valid, offset, count],
  );
  expect(rows).toHaveLength(count);
  return { ids: rows.map((r) => r.id), variants: rows.reduce((s, r) => s + r.n, 0) };
}

async function shopeeHolds(): Promise<{ listings: number; models: number }> {
  const res = await fetch(`${h.sims.shopee.url}/__sim/stats`);
  return (await res.json()) as { listings: number; models: number };
}

async function listings(ids: string[]) {
  return (await h.ds.query(
    `SELECT l.external_id, l.status, l.incomplete, l.last_error_class, l.created_by_batch_id::text AS created_by,
            (SELECT count(*)::int FROM jsonb_object_keys(l.variant_ids)) AS variant_ids
     FROM listings l JOIN channels c ON c.id = l.channel_id
     WHERE c.platform = 'SHOPEE' AND l.product_id = ANY($1::bigint[]) ORDER BY l.product_id`,
    [ids],
  )) as {
    external_id: string | null;
    status: string;
    incomplete: boolean;
    last_error_class: string | null;
    created_by: string | null;
    variant_ids: number;
  }[];
}

/** Calls per endpoint the batch logged, per item. */
async function callsPerItem(batchId: string, endpoint: string): Promise<number[]> {
  const rows: { n: number }[] = await h.ds.query(
    `SELECT count(l.id)::int AS n FROM sync_items i LEFT JOIN sync_logs l ON l.item_id = i.id AND l.endpoint = $2
     WHERE i.batch_id = $1 GROUP BY i.id ORDER BY i.id`,
    [batchId, endpoint],
  );
  return rows.map((r) => r.n);
}

describe("a listing created but not finished", () => {
  it("is resumed by its id after a 429 on init_tier_variation: no search, no second add_item, no duplicate", async () => {
    const { ids, variants } = await withVariants(0, 6);
    const before = await shopeeHolds();
    h.sims.shopee.control.injectFault({
      endpoint: SHOPEE_PATHS.initTierVariation,
      outcome: "rate_limited",
      count: ids.length,
    });
    const batchId = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
    const batch = await driver.waitFinal(batchId);
    expect(await driver.deadLetters(batchId)).toEqual([]);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: ids.length });
    expect(h.sims.shopee.control.pendingFaults).toEqual([]);

    // Each item was created once and looked up only before it existed; the retry went by the id.
    expect(await callsPerItem(batchId, SHOPEE_PATHS.addItem)).toEqual(ids.map(() => 1));
    expect(await callsPerItem(batchId, SHOPEE_PATHS.searchItem)).toEqual(ids.map(() => 1));
    const inits = await callsPerItem(batchId, SHOPEE_PATHS.initTierVariation);
    expect(inits.reduce((s, n) => s + n, 0)).toBe(2 * ids.length);

    const after = await shopeeHolds();
    expect(after.listings - before.listings).toBe(ids.length);
    expect(after.models - before.models).toBe(variants);
    const rows = await listings(ids);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(ids.length);
    for (const row of rows) {
      expect(row.external_id).toMatch(/^\d+$/);
      expect(row).toMatchObject({ incomplete: false, last_error_class: null, created_by: batchId });
      expect(["SYNCED", "IN_REVIEW"]).toContain(row.status);
    }
    expect(rows.reduce((s, r) => s + r.variant_ids, 0)).toBe(variants);
  });

  it("that dead-letters on a 500 is recorded with its id, shown incomplete, and completed by the next sync", async () => {
    // One attempt and no slow round, so the failed follow-up ends the item at once.
    const [saved] = (await h.ds.query(
      "SELECT max_attempts, slow_retry_delays_ms::text AS slow FROM channels WHERE platform = 'SHOPEE'",
    )) as { max_attempts: number; slow: string }[];
    await restartWorkerWith("max_attempts = 1, slow_retry_delays_ms = '{}'");
    try {
      const { ids, variants } = await withVariants(6, 4);
      const before = await shopeeHolds();
      h.sims.shopee.control.injectFault({
        endpoint: SHOPEE_PATHS.initTierVariation,
        outcome: "error",
        count: ids.length,
      });
      const first = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
      expect(await driver.waitFinal(first)).toMatchObject({
        status: "COMPLETED_WITH_ERRORS",
        dead_lettered: ids.length,
      });
      expect((await driver.deadLetters(first)).map((d) => d.error_class)).toEqual(ids.map(() => "SYSTEM"));

      // Shopee holds the items without variants, and the ledger knows each one and what it lacks.
      const halfway = await shopeeHolds();
      expect(halfway.listings - before.listings).toBe(ids.length);
      expect(halfway.models - before.models).toBe(0);
      const recorded = await listings(ids);
      for (const row of recorded) {
        expect(row.external_id).toMatch(/^\d+$/);
        expect(row).toMatchObject({
          status: "FAILED",
          incomplete: true,
          last_error_class: "SYSTEM",
          created_by: first,
        });
      }

      const second = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
      expect(await driver.waitFinal(second)).toMatchObject({ status: "COMPLETED", succeeded: ids.length });
      // The next sync went straight to the recorded items: nothing created, nothing searched.
      expect(await callsPerItem(second, SHOPEE_PATHS.addItem)).toEqual(ids.map(() => 0));
      expect(await callsPerItem(second, SHOPEE_PATHS.searchItem)).toEqual(ids.map(() => 0));
      expect(await callsPerItem(second, SHOPEE_PATHS.initTierVariation)).toEqual(ids.map(() => 1));

      const done = await shopeeHolds();
      expect(done.listings - before.listings).toBe(ids.length);
      expect(done.models - before.models).toBe(variants);
      const completed = await listings(ids);
      expect(completed.map((r) => r.external_id)).toEqual(recorded.map((r) => r.external_id));
      for (const row of completed) {
        // Still the first batch's creation: rolling that batch back delists these items.
        expect(row).toMatchObject({ incomplete: false, last_error_class: null, created_by: first });
        expect(["SYNCED", "IN_REVIEW"]).toContain(row.status);
      }
      expect(completed.reduce((s, r) => s + r.variant_ids, 0)).toBe(variants);
    } finally {
      await restartWorkerWith(
        `max_attempts = ${saved!.max_attempts}, slow_retry_delays_ms = '${saved!.slow}'`,
      );
    }
  });
});
