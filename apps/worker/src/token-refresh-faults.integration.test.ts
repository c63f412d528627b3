import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { SHOPEE_PATHS } from "@syncstore/marketplaces";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, type SyncHarness } from "./testing/harness";
import { captureLogs } from "./testing/log-capture";

/**
 * Finding 1 of the fault run: one failed token refresh dead-lettered every job waiting on it. Here the
 * simulators' token endpoints fail, time out and throttle on purpose while every access token has
 * just expired.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const TIKTOK_REFRESH = "/api/v2/token/refresh";
const { logger, lines } = captureLogs();

beforeAll(async () => {
  h = await createSyncHarness({ products: 80 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  await h.startWorker({ logger });
});

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

async function expireAllTokens(): Promise<void> {
  for (const [sim, path] of [
    [h.sims.shopee, "/__sim/shopee/expire-tokens"],
    [h.sims.tiktok, "/__sim/tiktok/expire-tokens"],
  ] as const) {
    const res = await fetch(sim.url + path, { method: "POST" });
    expect(res.status).toBe(200);
  }
}

function refreshCalls(): { shopee: number; tiktok: number } {
  return {
    shopee: h.sims.shopee.control.stats.calls[SHOPEE_PATHS.refreshToken] ?? 0,
    tiktok: h.sims.tiktok.control.stats.calls[TIKTOK_REFRESH] ?? 0,
  };
}

describe("a token refresh that fails", () => {
  it("is tried again (5xx, timeout) or waited out (429) while every waiting job waits, none dead-lettered", async () => {
    const ids = await driver.validProductIds(80);
    const first = ids.slice(0, 30);
    await expireAllTokens();
    const before = refreshCalls();
    // Through the control API, as a benchmark or a person would inject them.
    const inject = async (url: string, endpoint: string, outcome: string, count: number) => {
      const res = await fetch(`${url}/__sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ endpoint, outcome, count }),
      });
      expect(res.status).toBe(200);
    };
    await inject(h.sims.shopee.url, SHOPEE_PATHS.refreshToken, "error", 2);
    await inject(h.sims.shopee.url, SHOPEE_PATHS.refreshToken, "rate_limited", 2);
    await inject(h.sims.tiktok.url, TIKTOK_REFRESH, "error", 1);
    await inject(h.sims.tiktok.url, TIKTOK_REFRESH, "timeout", 1);
    await inject(h.sims.tiktok.url, TIKTOK_REFRESH, "rate_limited", 1);

    const batchId = await driver.start({ kind: "ids", productIds: first });
    const batch = await driver.waitFinal(batchId);
    expect(await driver.deadLetters(batchId)).toEqual([]);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: 60, dead_lettered: 0 });
    expect(h.sims.shopee.control.pendingFaults).toEqual([]);
    expect(h.sims.tiktok.control.pendingFaults).toEqual([]);
    // One refresh per platform, tried until it went through: not one per waiting job.
    const after = refreshCalls();
    expect(after.shopee - before.shopee).toBe(5);
    expect(after.tiktok - before.tiktok).toBe(4);
    // Waiting for the token endpoint spent no job's attempt.
    const attempts: { attempts: number; n: number }[] = await h.ds.query(
      "SELECT attempts, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY attempts",
      [batchId],
    );
    expect(attempts).toEqual([{ attempts: 1, n: 60 }]);
  });

  it("that keeps failing past its own tries fails the jobs as SYSTEM, retried with backoff, not dead-lettered", async () => {
    const ids = (await driver.validProductIds(80)).slice(30, 50);
    await expireAllTokens();
    // More 5xx than one refresh's own tries: the waiting jobs see SYSTEM and come back later.
    h.sims.shopee.control.injectFault({ endpoint: SHOPEE_PATHS.refreshToken, outcome: "error", count: 8 });
    const batchId = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
    const batch = await driver.waitFinal(batchId, 90_000);
    expect(await driver.deadLetters(batchId)).toEqual([]);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: 20, dead_lettered: 0 });
    const failed: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_logs WHERE batch_id = $1 AND endpoint = $2 AND error_class = 'SYSTEM'",
      [batchId, SHOPEE_PATHS.refreshToken],
    );
    expect(failed[0]!.n).toBeGreaterThan(0);
    // Finding 6: the refresh's failures are in the log, the channel's and each waiting item's.
    const channelId = (await driver.channelIds(["SHOPEE"]))[0];
    expect(lines.find((l) => l.msg === "token refresh failed, giving up for now")).toMatchObject({
      channelId,
      platform: "SHOPEE",
      step: "token-refresh",
      errorClass: "SYSTEM",
    });
    const items = new Set(
      (
        (await h.ds.query("SELECT id::text FROM sync_items WHERE batch_id = $1", [batchId])) as {
          id: string;
        }[]
      ).map((r) => r.id),
    );
    const itemLines = lines.filter((l) => l.msg === "token refresh failed" && items.has(String(l.itemId)));
    expect(itemLines.length).toBeGreaterThan(0);
    expect(itemLines[0]).toMatchObject({ batchId, channelId, platform: "SHOPEE", errorClass: "SYSTEM" });
  });
});
