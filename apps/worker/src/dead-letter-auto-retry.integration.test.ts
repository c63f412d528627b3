import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTO_RETRY_REQUESTER, UNMAPPED_DEMO_CATEGORY } from "@syncstore/db";
import { TIKTOK_PATHS } from "@syncstore/marketplaces";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";
import { captureLogs } from "./testing/log-capture";
import type { SyncWorker } from "./sync-worker";

/**
 * Issue 14, findings 4 and 6: an outage that outlasts every attempt leaves transient dead letters,
 * which the worker retries on its own once the channel answers again; and what it did is in its log.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
let worker: SyncWorker | null = null;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const { logger, lines } = captureLogs("debug");

beforeAll(async () => {
  h = await createSyncHarness({ products: 40 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  for (const s of [h.sims.shopee, h.sims.tiktok]) s.control.update({ latencyMs: 5, reviewDelayMs: 300 });
}, 60_000);

afterAll(async () => {
  await worker?.close().catch(() => undefined);
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

/** Through the simulator's control API, as an operator or the benchmark would. */
async function simSettings(url: string, patch: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/__sim/settings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

async function tiktokChannelId(): Promise<string> {
  return (await driver.channelIds(["TIKTOK_SHOP"]))[0]!;
}

async function openDeadLetters(productIds: string[]) {
  return (await h.ds.query(
    `SELECT d.id::text, d.product_id::text, c.platform, d.error_class, d.auto_retries, d.batch_id::text
     FROM dead_letters d JOIN channels c ON c.id = d.channel_id
     WHERE d.resolved_at IS NULL AND d.product_id = ANY($1::bigint[]) ORDER BY d.product_id, c.platform`,
    [productIds],
  )) as {
    id: string;
    product_id: string;
    platform: string;
    error_class: string;
    auto_retries: number;
    batch_id: string;
  }[];
}

async function automaticBatches() {
  return (await h.ds.query(
    `SELECT id::text, kind, retry_of::text, status, total, succeeded, dead_lettered FROM sync_batches
     WHERE requested_by = $1 ORDER BY created_at`,
    [AUTO_RETRY_REQUESTER],
  )) as {
    id: string;
    kind: string;
    retry_of: string | null;
    status: string;
    total: number;
    succeeded: number;
    dead_lettered: number;
  }[];
}

/** Valid products without variants: one listing each, its price the product's own. */
async function simpleProducts(count: number, offset = 0): Promise<string[]> {
  const valid = await driver.validProductIds(40);
  const rows: { id: string }[] = await h.ds.query(
    `SELECT p.id::text FROM products p WHERE p.id = ANY($1::bigint[])
       AND NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id)
     ORDER BY p.id OFFSET $2 LIMIT $3`,
    [valid, offset, count],
  );
  expect(rows).toHaveLength(count);
  return rows.map((r) => r.id);
}

describe("transient dead letters retried automatically", () => {
  it("a channel down past every attempt heals, and its dead letters sync on their own; VALIDATION ones wait", async () => {
    // Two fast attempts and one short slow round (minutes by default).
    await h.ds.query(
      "UPDATE channels SET max_attempts = 2, slow_retry_delays_ms = '{200}' WHERE platform = 'TIKTOK_SHOP'",
    );
    worker = await h.startWorker({
      logger,
      deadLetterAutoRetry: { maxAutoRetries: 2, retryIntervalMs: 500, probeIntervalMs: 200 },
    });
    const valid = await simpleProducts(4);
    // Broken by the core rules, or by the demo mapping's deliberate gaps.
    const invalid: { id: string }[] = await h.ds.query(
      `SELECT id::text FROM products
       WHERE char_length(title) < 5 OR images = '[]'::jsonb OR stock < 0 OR char_length(sku) > 50 OR weight_grams IS NULL
             OR char_length(title) > 255 OR category = $1 OR NOT attributes ? 'Material'
       ORDER BY id LIMIT 1`,
      [UNMAPPED_DEMO_CATEGORY],
    );
    expect(invalid).toHaveLength(1);
    const ids = [...valid, invalid[0]!.id];
    await simSettings(h.sims.tiktok.url, { errorRate: 1 });
    const batchId = await driver.start({ kind: "ids", productIds: ids });
    const finished = await driver.waitFinal(batchId, 60_000);
    const before = await openDeadLetters(ids);
    const validation = before.filter((d) => d.error_class === "VALIDATION");
    // The invalid product fails on one platform's rules or on both.
    expect(validation.length).toBeGreaterThan(0);
    expect(validation.every((d) => d.product_id === invalid[0]!.id && d.auto_retries === 0)).toBe(true);
    expect(
      before
        .filter((d) => d.error_class !== "VALIDATION")
        .map((d) => [d.platform, d.error_class, d.auto_retries]),
    ).toEqual(Array(4).fill(["TIKTOK_SHOP", "SYSTEM", 0]));
    expect(finished).toMatchObject({
      status: "COMPLETED_WITH_ERRORS",
      succeeded: 10 - before.length,
      dead_lettered: before.length,
    });

    // Still down: the probes keep failing and nothing is retried.
    const probes = () => h.sims.tiktok.control.stats.calls[TIKTOK_PATHS.search] ?? 0;
    const probed = probes();
    await waitUntil(
      async () => probes() >= probed + 3,
      20_000,
      () => `probes: ${probes() - probed}`,
    );
    expect(await automaticBatches()).toEqual([]);
    expect(await openDeadLetters(ids)).toEqual(before);

    await simSettings(h.sims.tiktok.url, { errorRate: 0 });
    const synced = async () =>
      (
        (await h.ds.query(
          `SELECT count(*)::int AS n FROM listings l JOIN channels c ON c.id = l.channel_id
         WHERE c.platform = 'TIKTOK_SHOP' AND l.status = 'SYNCED' AND l.product_id = ANY($1::bigint[])`,
          [valid],
        )) as [{ n: number }]
      )[0].n;
    await waitUntil(
      async () => (await synced()) === 4,
      30_000,
      async () => `${await synced()} of 4 synced; batches ${JSON.stringify(await automaticBatches())}`,
    );

    // One retry batch of the worker's own, of the four transient dead letters only.
    const auto = await automaticBatches();
    expect(auto).toEqual([
      {
        id: auto[0]!.id,
        kind: "SYNC",
        retry_of: batchId,
        status: "COMPLETED",
        total: 4,
        succeeded: 4,
        dead_lettered: 0,
      },
    ]);
    const retried: { error_class: string; resolution: string; auto_retries: number }[] = await h.ds.query(
      "SELECT error_class, resolution, auto_retries FROM dead_letters WHERE batch_id = $1 AND error_class <> 'VALIDATION'",
      [batchId],
    );
    expect(retried).toEqual(Array(4).fill({ error_class: "SYSTEM", resolution: "RETRIED", auto_retries: 1 }));
    expect(await openDeadLetters(ids)).toEqual(validation);

    // The batch that dead-lettered them keeps the figures it finished with, and they still add up.
    expect(await driver.batch(batchId)).toEqual(finished);
    expect(await driver.itemCounts(batchId)).toEqual({
      SUCCEEDED: 10 - before.length,
      DEAD_LETTERED: before.length,
    });

    // Exact listings, and the marketplace holds each once: the probes created nothing.
    const listings: { external_id: string; price: string; master: string }[] = await h.ds.query(
      `SELECT l.external_id, l.price::text, p.price::text AS master
       FROM listings l JOIN channels c ON c.id = l.channel_id JOIN products p ON p.id = l.product_id
       WHERE c.platform = 'TIKTOK_SHOP' AND l.product_id = ANY($1::bigint[])`,
      [valid],
    );
    const adapter = worker.channels.get(await tiktokChannelId())!.adapter;
    for (const l of listings) {
      const cents = BigInt(Math.round(Number(l.master) * 100));
      const expected = Number((cents * 120n + 5000n) / 10000n);
      expect(Number(l.price)).toBe(expected);
      expect((await adapter.getListing(l.external_id))?.price).toBe(expected);
    }
    const held = (await (await fetch(`${h.sims.tiktok.url}/__sim/stats`)).json()) as { listings: number };
    expect(held.listings).toBe(4);

    // Finding 6: the log explains it — each dead letter, the slow round, the automatic retry.
    const deadLettered = lines.filter((l) => l.msg === "item dead-lettered" && l.errorClass === "SYSTEM");
    expect(deadLettered).toHaveLength(4);
    expect(deadLettered[0]).toMatchObject({
      itemId: expect.any(String),
      batchId,
      channelId: await tiktokChannelId(),
      platform: "TIKTOK_SHOP",
      errorClass: "SYSTEM",
      attempts: 3,
    });
    expect(lines.filter((l) => l.msg === "item dead-lettered" && l.errorClass === "VALIDATION")).toHaveLength(
      validation.length,
    );
    expect(
      lines.some((l) => String(l.msg).startsWith("fast attempts spent") && l.platform === "TIKTOK_SHOP"),
    ).toBe(true);
    const autoLines = lines.filter((l) => l.msg === "dead letter retried automatically");
    expect(autoLines).toHaveLength(4);
    expect(autoLines[0]).toMatchObject({
      batchId: auto[0]!.id,
      channelId: await tiktokChannelId(),
      platform: "TIKTOK_SHOP",
      errorClass: "SYSTEM",
      autoRetry: 1,
    });
    expect(lines.some((l) => String(l.msg).includes("channel unhealthy") && l.errorClass === "SYSTEM")).toBe(
      true,
    );
  }, 120_000);

  it("retries one dead letter at most DEAD_LETTER_AUTO_RETRIES times, counted across restarts, one round at a time", async () => {
    await worker?.close();
    await simSettings(h.sims.tiktok.url, { errorRate: 0 });
    await h.ds.query(
      "UPDATE channels SET max_attempts = 1, slow_retry_delays_ms = '{}' WHERE platform = 'TIKTOK_SHOP'",
    );
    // The loop is driven by hand here: its own timer would not tick within the test.
    const start = () =>
      h.startWorker({
        logger,
        deadLetterAutoRetry: { maxAutoRetries: 2, retryIntervalMs: 1, probeIntervalMs: 3_600_000 },
      });
    worker = await start();
    const [productId] = await simpleProducts(1, 4);
    // Creating fails, reading works: the probe says healthy, and every retry dead-letters again.
    h.sims.tiktok.control.injectFault({ endpoint: TIKTOK_PATHS.products, outcome: "error", count: 100 });
    const first = await driver.start({ kind: "ids", productIds: [productId!] }, ["TIKTOK_SHOP"]);
    await driver.waitFinal(first);
    expect((await openDeadLetters([productId!])).map((d) => d.auto_retries)).toEqual([0]);

    // Another worker holding the round: this one does not run one.
    const holder = h.ds.createQueryRunner();
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtext('syncstore:dead-letter-auto-retry'))");
    expect(await worker.deadLetterAutoRetry.runOnce()).toEqual({ ran: false, channels: [] });
    await holder.query("SELECT pg_advisory_unlock(hashtext('syncstore:dead-letter-auto-retry'))");
    await holder.release();

    const round = async () => {
      const r = await worker!.deadLetterAutoRetry.runOnce();
      expect(r.ran).toBe(true);
      for (const c of r.channels) if (c.batchId) await driver.waitFinal(c.batchId);
      return r.channels.map((c) => ({ probeError: c.probeError, retried: c.retried }));
    };
    expect(await round()).toEqual([{ probeError: null, retried: 1 }]);
    expect((await openDeadLetters([productId!])).map((d) => d.auto_retries)).toEqual([1]);
    // The count lives in PostgreSQL: a new worker process goes on from it.
    await worker.close();
    worker = await start();
    expect(await round()).toEqual([{ probeError: null, retried: 1 }]);
    const last = await openDeadLetters([productId!]);
    expect(last.map((d) => [d.error_class, d.auto_retries])).toEqual([["SYSTEM", 2]]);
    expect(await round()).toEqual([]);
    expect(await openDeadLetters([productId!])).toEqual(last);

    const auto = (await automaticBatches()).slice(-2);
    expect(auto.map((b) => [b.status, b.total, b.dead_lettered])).toEqual([
      ["COMPLETED_WITH_ERRORS", 1, 1],
      ["COMPLETED_WITH_ERRORS", 1, 1],
    ]);
    // Each round retries the batch before it.
    expect(auto.map((b) => b.retry_of)).toEqual([first, auto[0]!.id]);
    expect(last[0]!.batch_id).toBe(auto[1]!.id);
    h.sims.tiktok.control.resetStats();
  }, 90_000);
});
