import type { ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelPrice, FINAL_ITEM_STATUSES } from "@syncstore/core";
import type { SimListingView } from "@syncstore/marketplace-sim";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";
import {
  freePort,
  startOwnPostgres,
  startOwnRedis,
  type OwnPostgres,
  type OwnRedis,
} from "./testing/own-services";
import { buildWorker, killProcess, startWorkerProcess } from "./testing/worker-process";

/**
 * The fault run of #14 in the suite: one batch of 500+ items against simulators that answer 15% of
 * calls with 5xx, hold 1% until they time out, throttle each shop below the worker's own limit (429s)
 * and issue 20-second tokens — and, spaced over the batch, a worker SIGKILL, a Redis SIGKILL replaced
 * by an empty Redis, and a PostgreSQL `restart -m immediate`. At 15% per call an attempt of four or
 * five calls fails half the time, so a few items exhaust even the slow round: the worker's automatic
 * retry of transient dead letters (its intervals shortened here) must carry them home, as it would an
 * outage of a few minutes, with nobody pressing a button.
 */
const PRODUCTS = 260;
let pg: OwnPostgres;
let ownRedis: OwnRedis;
let h: SyncHarness;
let redis: ReturnType<typeof createRedis>;
let queues: SyncQueues;
let driver: BatchDriver;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  buildWorker();
  [pg, ownRedis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  h = await createSyncHarness({
    products: PRODUCTS,
    databaseServerUrl: pg.serverUrl,
    redisUrl: ownRedis.url,
  });
  redis = createRedis(ownRedis.url);
  // This test kills its Redis on purpose; the client reconnects to the new one.
  redis.on("error", () => undefined);
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  // Fast attempts, then a slow round seconds apart (minutes by default); the worker's own limit is
  // above the simulators', so 429s come from the marketplace, as in the field.
  await h.ds.query(
    "UPDATE channels SET max_attempts = 3, slow_retry_delays_ms = '{500,1000,2000,3000}', rate_limit_per_second = 120",
  );
  for (const s of [h.sims.shopee, h.sims.tiktok])
    s.control.update({
      latencyMs: 5,
      jitterMs: 10,
      errorRate: 0.15,
      timeoutRate: 0.01,
      qpsPerShop: 80,
      accessTokenTtlSec: 20,
    });
}, 120_000);

afterAll(async () => {
  for (const w of workers) await killProcess(w);
  await queues?.close().catch(() => undefined);
  redis?.disconnect();
  await h?.close().catch(() => undefined);
  await Promise.all([pg?.close(), ownRedis?.close()]);
});

async function worker(): Promise<void> {
  workers.push(
    startWorkerProcess(
      h.config,
      {
        WORKER_PORT: String(await freePort()),
        SYNC_CONCURRENCY: "24",
        MARKETPLACE_TIMEOUT_MS: "1500",
        RECONCILE_INTERVAL_MS: "500",
        RECONCILE_GRACE_MS: "1000",
        JOB_LOCK_MS: "3000",
        DEAD_LETTER_AUTO_RETRY_INTERVAL_MS: "1000",
        DEAD_LETTER_PROBE_INTERVAL_MS: "500",
        LOG_LEVEL: process.env.FAULT_TEST_LOG ? "info" : "error",
      },
      process.env.FAULT_TEST_LOG
        ? openSync(`${process.env.FAULT_TEST_LOG}.${workers.length}`, "w")
        : "ignore",
    ),
  );
}

async function finished(batchId: string): Promise<number> {
  const c = await driver.itemCounts(batchId);
  return FINAL_ITEM_STATUSES.reduce((n, s) => n + (c[s] ?? 0), 0);
}

async function untilFinished(batchId: string, share: number, total: number): Promise<void> {
  await waitUntil(
    async () => (await finished(batchId)) >= Math.ceil(total * share),
    120_000,
    async () => JSON.stringify(await driver.itemCounts(batchId)),
  );
}

async function simListings(url: string): Promise<SimListingView[]> {
  const res = await fetch(`${url}/__sim/listings`);
  return ((await res.json()) as { listings: SimListingView[] }).listings;
}

describe("a batch through marketplace errors, timeouts, 429s, short tokens and three process faults", () => {
  it("ends with every item final, only VALIDATION dead letters, no duplicate or orphan, exact prices", async () => {
    await worker();
    const batchId = await driver.start({ kind: "search", search: "" });
    const { total } = (await driver.batch(batchId)) as { total: number };
    expect(total).toBeGreaterThanOrEqual(500);

    await untilFinished(batchId, 0.15, total);
    await killProcess(workers[0]!);
    await worker();

    await untilFinished(batchId, 0.35, total);
    await ownRedis.kill();
    await ownRedis.start();

    await untilFinished(batchId, 0.55, total);
    await pg.restart();
    const lastFault = Date.now();

    const batch = await driver.waitFinal(batchId, 150_000);
    // Transient dead letters are retried in batches of their own; the run is over when none is open.
    const openTransient = async () =>
      (
        (await h.ds.query(
          "SELECT count(*)::int AS n FROM dead_letters WHERE resolved_at IS NULL AND error_class <> 'VALIDATION'",
        )) as { n: number }[]
      )[0]!.n;
    await waitUntil(
      async () => (await openTransient()) === 0,
      120_000,
      async () =>
        JSON.stringify(
          await h.ds.query(
            `SELECT d.error_class, d.error_message, d.auto_retries, d.created_at, d.batch_id, d.attempts FROM dead_letters d
             WHERE d.resolved_at IS NULL AND d.error_class <> 'VALIDATION'`,
          ),
        ),
    );
    const settled: { at: Date }[] = await h.ds.query(
      "SELECT max(finished_at) AS at FROM sync_batches WHERE created_at >= (SELECT created_at FROM sync_batches WHERE id = $1)",
      [batchId],
    );
    const afterLastFaultMs = settled[0]!.at.getTime() - lastFault;

    // Every item final, and the counters are the items' own statuses.
    const counts = await driver.itemCounts(batchId);
    expect(Object.keys(counts).filter((s) => !FINAL_ITEM_STATUSES.includes(s as never))).toEqual([]);
    expect(batch).toMatchObject({
      queued: 0,
      running: 0,
      failed: 0,
      succeeded: counts.SUCCEEDED ?? 0,
      skipped: counts.SKIPPED ?? 0,
      dead_lettered: counts.DEAD_LETTERED ?? 0,
    });
    // A never-synced catalog: nothing can be unchanged, whatever ran twice.
    expect(counts.SKIPPED ?? 0).toBe(0);

    // Open dead letters are the catalog's own invalid products only; every transient one the batch
    // ended with was retried automatically and its listing synced.
    const transient: { product_id: string; channel_id: string }[] = await h.ds.query(
      `SELECT product_id::text, channel_id::text FROM sync_items
       WHERE batch_id = $1 AND status = 'DEAD_LETTERED' AND error_class <> 'VALIDATION'`,
      [batchId],
    );
    const open: { error_class: string }[] = await h.ds.query(
      "SELECT DISTINCT error_class FROM dead_letters WHERE resolved_at IS NULL",
    );
    expect(open.map((d) => d.error_class).filter((c) => c !== "VALIDATION")).toEqual([]);
    // An automatic retry can fail again and be retried in its turn (each retry batch is retryOf the
    // one before), so any later batch that synced the product on that channel counts.
    const retried: { product_id: string; channel_id: string }[] = await h.ds.query(
      `SELECT i.product_id::text, i.channel_id::text FROM sync_items i JOIN sync_batches b ON b.id = i.batch_id
       WHERE i.status = 'SUCCEEDED' AND b.created_at > (SELECT created_at FROM sync_batches WHERE id = $1)`,
      [batchId],
    );
    const key = (r: { product_id: string; channel_id: string }) => `${r.product_id}:${r.channel_id}`;
    expect(transient.map(key).filter((k) => !retried.map(key).includes(k))).toEqual([]);

    // The marketplaces hold exactly the recorded listings: none twice, none unrecorded, none half-made.
    const recorded: {
      platform: string;
      external_id: string | null;
      incomplete: boolean;
      status: string;
      multiplier: string;
      currency: string;
      sku: string;
    }[] = await h.ds.query(
      `SELECT c.platform, l.external_id, l.incomplete, l.status, c.price_multiplier::text AS multiplier,
              c.currency, p.sku
       FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id`,
    );
    const prices = new Map<string, string>();
    for (const r of (await h.ds.query(
      "SELECT sku, price::text AS price FROM products UNION ALL SELECT sku, price::text FROM product_variants",
    )) as { sku: string; price: string }[])
      prices.set(r.sku, r.price);
    const succeeded = (counts.SUCCEEDED ?? 0) + transient.length;
    for (const [platform, sim] of [
      ["SHOPEE", h.sims.shopee],
      ["TIKTOK_SHOP", h.sims.tiktok],
    ] as const) {
      const held = await simListings(sim.url);
      const mine = recorded.filter((r) => r.platform === platform && r.external_id !== null);
      expect(new Set(held.map((l) => l.sellerSku)).size).toBe(held.length);
      expect(held.map((l) => l.externalId).sort()).toEqual(mine.map((r) => r.external_id).sort());
      expect(mine.filter((r) => r.incomplete)).toEqual([]);
      const channel = mine[0]!;
      for (const listing of held) {
        const expected = (sku: string) =>
          channelPrice(prices.get(sku)!, channel.multiplier, channel.currency);
        if (listing.price !== null)
          expect([listing.sellerSku, listing.price]).toEqual([
            listing.sellerSku,
            expected(listing.sellerSku),
          ]);
        for (const v of listing.variants)
          expect([v.sellerSku, v.price]).toEqual([v.sellerSku, expected(v.sellerSku)]);
      }
    }
    // Each succeeded item's listing is recorded as the marketplace took it (a review may since have
    // decided otherwise, which the review follow-up records).
    const outcome: { item: string; listing: string | null; external: boolean }[] = await h.ds.query(
      `SELECT i.status AS item, l.status AS listing, l.external_id IS NOT NULL AS external
       FROM sync_items i LEFT JOIN listings l ON l.product_id = i.product_id AND l.channel_id = i.channel_id
       JOIN sync_batches b ON b.id = i.batch_id
       WHERE b.created_at >= (SELECT created_at FROM sync_batches WHERE id = $1) AND i.status = 'SUCCEEDED'`,
      [batchId],
    );
    expect(outcome).toHaveLength(succeeded);
    expect(
      outcome.filter((o) => !o.external || !["SYNCED", "IN_REVIEW", "REJECTED"].includes(o.listing ?? "")),
    ).toEqual([]);

    // Every attempt the ledger counts reached the marketplace under its own number, none twice.
    const attempts: { attempts: number; logged: number; last: number }[] = await h.ds.query(
      `SELECT i.attempts, count(DISTINCT l.attempt)::int AS logged, COALESCE(max(l.attempt), 0)::int AS last
       FROM sync_items i LEFT JOIN sync_logs l ON l.item_id = i.id
       WHERE i.batch_id = $1 AND i.error_class IS DISTINCT FROM 'VALIDATION' GROUP BY i.id`,
      [batchId],
    );
    for (const a of attempts) expect(a.last).toBe(a.attempts);
    expect(attempts.filter((a) => a.logged > a.attempts)).toEqual([]);

    // The faults really happened: errors, timeouts and 429s were served, tokens were refreshed.
    const stats = (await Promise.all(
      [h.sims.shopee, h.sims.tiktok].map(async (s) => (await fetch(`${s.url}/__sim/stats`)).json()),
    )) as { errors: number; timeouts: number; rateLimited: number }[];
    for (const s of stats) {
      expect(s.errors).toBeGreaterThan(50);
      expect(s.timeouts).toBeGreaterThan(0);
    }
    expect(stats[0]!.rateLimited + stats[1]!.rateLimited).toBeGreaterThan(0);
    expect(afterLastFaultMs).toBeLessThan(60_000);
  }, 300_000);
});
