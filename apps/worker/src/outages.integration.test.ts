import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, waitUntil, type SyncHarness } from "./testing/harness";
import { captureLogs } from "./testing/log-capture";
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from "./testing/own-services";
import type { SyncWorker } from "./sync-worker";

/**
 * Findings 2 and 4 of the fault run: a PostgreSQL restart spent marketplace attempts, and a Redis
 * that lost its data reset every retry budget. This file owns its PostgreSQL cluster and its
 * redis-server, so it can restart and kill them.
 */
let pg: OwnPostgres;
let ownRedis: OwnRedis;
let h: SyncHarness;
let redis: ReturnType<typeof createRedis>;
let queues: SyncQueues;
let driver: BatchDriver;
let worker: SyncWorker | null = null;
/** The worker's log lines (finding 6: an outage of either store is told, and so is its end). */
const { logger, lines } = captureLogs();
const told = (store: string) =>
  lines.filter((l) => l.msg.startsWith(`${store} unavailable`) || l.msg.startsWith(`${store} back`));

beforeAll(async () => {
  [pg, ownRedis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  h = await createSyncHarness({ products: 120, databaseServerUrl: pg.serverUrl, redisUrl: ownRedis.url });
  redis = createRedis(ownRedis.url);
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  for (const s of [h.sims.shopee, h.sims.tiktok]) s.control.update({ latencyMs: 10 });
}, 60_000);

afterAll(async () => {
  await worker?.close().catch(() => undefined);
  await queues?.close().catch(() => undefined);
  redis?.disconnect();
  await h?.close().catch(() => undefined);
  await Promise.all([pg?.close(), ownRedis?.close()]);
});

async function done(batchId: string): Promise<number> {
  const c = await driver.itemCounts(batchId);
  return (c.SUCCEEDED ?? 0) + (c.SKIPPED ?? 0) + (c.DEAD_LETTERED ?? 0);
}

/** Per item: the attempts the ledger counts, and the attempt numbers its logged marketplace calls carry. */
async function attemptsVsLogs(batchId: string) {
  return (await h.ds.query(
    `SELECT i.id::text, i.attempts, count(DISTINCT l.attempt)::int AS logged, COALESCE(max(l.attempt), 0)::int AS last
     FROM sync_items i LEFT JOIN sync_logs l ON l.item_id = i.id
     WHERE i.batch_id = $1 GROUP BY i.id ORDER BY i.id`,
    [batchId],
  )) as { id: string; attempts: number; logged: number; last: number }[];
}

describe("outages of the ledger and the queue", () => {
  it("a PostgreSQL restart mid-batch spends no marketplace attempt and leaves nothing RUNNING", async () => {
    worker = await h.startWorker({ logger });
    const ids = await driver.validProductIds(60);
    const batchId = await driver.start({ kind: "ids", productIds: ids });
    await waitUntil(
      async () => (await done(batchId)) >= 30,
      60_000,
      async () => JSON.stringify(await driver.itemCounts(batchId)),
    );
    await pg.restart();
    const batch = await driver.waitFinal(batchId, 90_000);
    const pgLines = told("PostgreSQL").map((l) => l.msg.split(":")[0]!.replace(/ after \d+ ms/, ""));
    expect(pgLines[0]).toBe("PostgreSQL unavailable");
    expect(pgLines.at(-1)).toBe("PostgreSQL back");
    expect(await driver.deadLetters(batchId)).toEqual([]);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: 120, running: 0, queued: 0, failed: 0 });
    // Nothing was injected at the marketplaces: every item needed exactly its first attempt.
    for (const row of await attemptsVsLogs(batchId))
      expect(row).toMatchObject({ attempts: 1, logged: 1, last: 1 });
    const listed: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM listings WHERE external_id IS NOT NULL",
    );
    // No duplicate: the marketplaces hold exactly the listings the ledger recorded.
    const stats = await Promise.all(
      [h.sims.shopee, h.sims.tiktok].map(
        async (s) => ((await (await fetch(`${s.url}/__sim/stats`)).json()) as { listings: number }).listings,
      ),
    );
    expect(stats[0]! + stats[1]!).toBe(listed[0]!.n);
  }, 120_000);

  it("after Redis loses everything, retries go on counting from PostgreSQL, through the slow round, to success", async () => {
    await worker?.close();
    // Two fast attempts, then a slow round (short here, minutes by default).
    await h.ds.query(
      "UPDATE channels SET max_attempts = 2, slow_retry_delays_ms = '{300,300,300,300,300,300}' WHERE platform = 'TIKTOK_SHOP'",
    );
    worker = await h.startWorker({ logger });
    const ids = (await driver.validProductIds(120)).slice(60, 80);
    // 30 failures over 20 items: by pigeonhole some item fails twice, past its fast attempts.
    h.sims.tiktok.control.injectFault({ endpoint: "/product/202309/products", outcome: "error", count: 30 });
    const batchId = await driver.start({ kind: "ids", productIds: ids }, ["TIKTOK_SHOP"]);
    await waitUntil(
      async () => h.sims.tiktok.control.pendingFaults.length === 0 || (await done(batchId)) >= 10,
      60_000,
      async () => JSON.stringify(await driver.itemCounts(batchId)),
    );
    await ownRedis.kill();
    await ownRedis.start();
    const batch = await driver.waitFinal(batchId, 90_000);
    // Each of the worker's connections says once that Redis went, and once that it is back.
    for (const connection of ["syncstore-worker", "syncstore-worker-bull"])
      expect(
        told("Redis")
          .filter((l) => l.connection === connection)
          .map((l) => l.msg.split(":")[0]!.replace(/ after \d+ ms/, "")),
      ).toEqual(["Redis unavailable", "Redis back"]);
    expect(await driver.deadLetters(batchId)).toEqual([]);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: 20 });
    const rows = await attemptsVsLogs(batchId);
    // Every attempt the ledger counts reached the marketplace, under its own number, none twice.
    for (const row of rows) expect(row.logged).toBe(row.attempts);
    for (const row of rows) expect(row.last).toBe(row.attempts);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThan(2);
    const failedCalls: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_logs WHERE batch_id = $1 AND error_class = 'SYSTEM'",
      [batchId],
    );
    expect(failedCalls[0]!.n).toBe(30);
  }, 120_000);
});
