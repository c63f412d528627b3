import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTransitions } from "@syncstore/db";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 6 });
});
afterAll(async () => h?.close());

const STATS = `query ($from: DateTimeISO!, $to: DateTimeISO!, $bucket: StatsBucket, $channelId: ID) {
  syncStats(from: $from, to: $to, bucket: $bucket, channelId: $channelId) {
    at succeeded failed skipped deadLettered calls p50Ms p95Ms errorsByClass { errorClass count }
  }
}`;

interface Bucket {
  at: string;
  succeeded: number;
  failed: number;
  skipped: number;
  deadLettered: number;
  calls: number;
  p50Ms: number | null;
  p95Ms: number | null;
  errorsByClass: { errorClass: string; count: number }[];
}

describe("syncStats", () => {
  it("counts items by how and when they ended and calls by latency and error class, per bucket, gaps included", async () => {
    const started = await h.gql<{ startBatchSync: { batch: { id: string } } }>(
      `mutation { startBatchSync(input: { platforms: [SHOPEE, TIKTOK_SHOP] }) { batch { id } } }`,
    );
    const batchId = started.data!.startBatchSync.batch.id;
    const items: { id: string; channel_id: string; product_id: string; platform: string }[] =
      await h.ds.query(
        `SELECT i.id::text, i.channel_id::text, i.product_id::text, c.platform FROM sync_items i
       JOIN channels c ON c.id = i.channel_id WHERE i.batch_id = $1 ORDER BY i.id`,
        [batchId],
      );
    expect(items).toHaveLength(12);
    const [a, b, c, d, ...rest] = items;
    await h.ds.transaction((em) =>
      applyTransitions(em, [
        ...items.map((i) => ({ itemId: i.id, to: "RUNNING" as const })),
        { itemId: a!.id, to: "SKIPPED" as const },
        { itemId: b!.id, to: "DEAD_LETTERED" as const, errorClass: "VALIDATION" },
        { itemId: c!.id, to: "FAILED" as const, errorClass: "SYSTEM" },
        ...[d!, ...rest].map((i) => ({ itemId: i.id, to: "SUCCEEDED" as const })),
      ]),
    );
    // Twenty calls of 10, 20, … 200 ms; the failed item's first attempt answered 500 twice and 429 once.
    for (let n = 1; n <= 20; n++) {
      const item = items[n % items.length]!;
      const error = n === 1 || n === 2 ? "SYSTEM" : n === 3 ? "RATE_LIMIT" : null;
      await h.ds.query(
        `INSERT INTO sync_logs (batch_id, item_id, product_id, channel_id, platform, endpoint, method, http_status,
                                duration_ms, attempt, error_class, created_at)
         VALUES ($1, $2, $3, $4, $5, '/x', 'POST', 200, $6, 1, $7, now())`,
        [batchId, error ? c!.id : item.id, item.product_id, item.channel_id, item.platform, n * 10, error],
      );
    }
    const now = Date.now();
    const from = new Date(now - 3 * 60_000).toISOString();
    const to = new Date(now + 3 * 60_000).toISOString();
    const r = await h.gql<{ syncStats: Bucket[] }>(STATS, { from, to, bucket: "MINUTE" });
    expect(r.errors).toBeUndefined();
    const buckets = r.data!.syncStats;
    expect(buckets.length).toBeGreaterThanOrEqual(6);
    expect(buckets.length).toBeLessThanOrEqual(7);
    const busy = buckets.filter((x) => x.calls > 0 || x.succeeded > 0);
    // Everything happened within a second or two: one bucket, or two across a minute boundary.
    const sum = (k: "succeeded" | "skipped" | "deadLettered" | "failed" | "calls") =>
      busy.reduce((s, x) => s + x[k], 0);
    expect({ succeeded: sum("succeeded"), skipped: sum("skipped"), dead: sum("deadLettered") }).toEqual({
      succeeded: 9,
      skipped: 1,
      dead: 1,
    });
    expect(sum("calls")).toBe(20);
    expect(sum("failed")).toBe(1); // three failed calls, one item's one attempt
    const quiet = buckets.filter((x) => !busy.includes(x));
    for (const x of quiet)
      expect(x).toMatchObject({ calls: 0, succeeded: 0, p50Ms: null, errorsByClass: [] });
    if (busy.length === 1) {
      expect(busy[0]).toMatchObject({
        p50Ms: 100,
        p95Ms: 190,
        errorsByClass: [
          { errorClass: "SYSTEM", count: 2 },
          { errorClass: "RATE_LIMIT", count: 1 },
        ],
      });
    }
    // Buckets start on the minute, in order.
    for (const x of buckets) expect(new Date(x.at).getUTCSeconds()).toBe(0);
    expect([...buckets].sort((p, q) => p.at.localeCompare(q.at))).toEqual(buckets);

    const shopee: { id: string }[] = await h.ds.query(
      "SELECT id::text FROM channels WHERE platform = 'SHOPEE'",
    );
    const one = await h.gql<{ syncStats: Bucket[] }>(STATS, {
      from,
      to,
      bucket: "HOUR",
      channelId: shopee[0]!.id,
    });
    const shopeeItems = items.filter((i) => i.platform === "SHOPEE");
    const expectedDone = shopeeItems.filter((i) => i.id !== c!.id).length;
    const totals = one.data!.syncStats.reduce((s, x) => s + x.succeeded + x.skipped + x.deadLettered, 0);
    expect(totals).toBe(expectedDone);
  });

  it.each([
    [
      "to before from",
      { from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" },
      /from must be before to/,
    ],
    [
      "too many buckets",
      { from: "2026-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z", bucket: "MINUTE" },
      /at most 2000/,
    ],
    [
      "a bad channel id",
      { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z", channelId: "x1" },
      /channelId/,
    ],
  ])("refuses %s as BAD_USER_INPUT", async (_name, variables, message) => {
    const r = await h.gql(STATS, variables);
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it("answers a 30-day hourly range as 720 buckets", async () => {
    const to = new Date("2026-12-01T00:00:00Z");
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const r = await h.gql<{ syncStats: Bucket[] }>(STATS, { from: from.toISOString(), to: to.toISOString() });
    expect(r.errors).toBeUndefined();
    expect(r.data!.syncStats).toHaveLength(720);
    expect(r.data!.syncStats[0]!.at).toBe(from.toISOString());
  });
});
