import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 2 });
});
afterAll(async () => h?.close());

const SLOWEST = `query ($from: DateTimeISO!, $to: DateTimeISO!, $channelId: ID, $first: Int) {
  slowestEndpoints(from: $from, to: $to, channelId: $channelId, first: $first) {
    platform endpoint method calls failed p50Ms p95Ms maxMs
  }
}`;

interface Row {
  platform: string;
  endpoint: string;
  method: string;
  calls: number;
  failed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

describe("slowestEndpoints", () => {
  it("ranks endpoints by p95 over the range, per channel, out of range calls left out", async () => {
    const started = await h.gql<{ startBatchSync: { batch: { id: string } } }>(
      `mutation { startBatchSync(input: { platforms: [SHOPEE, TIKTOK_SHOP] }) { batch { id } } }`,
    );
    const batchId = started.data!.startBatchSync.batch.id;
    const items: { id: string; channel_id: string; product_id: string; platform: string }[] =
      await h.ds.query(
        `SELECT i.id::text, i.channel_id::text, i.product_id::text, c.platform FROM sync_items i
         JOIN channels c ON c.id = i.channel_id WHERE i.batch_id = $1 ORDER BY c.platform, i.id`,
        [batchId],
      );
    const shopee = items.find((i) => i.platform === "SHOPEE")!;
    const tiktok = items.find((i) => i.platform === "TIKTOK_SHOP")!;
    const call = (
      item: typeof shopee,
      endpoint: string,
      ms: number,
      error: string | null = null,
      at = "now()",
    ) =>
      h.ds.query(
        `INSERT INTO sync_logs (batch_id, item_id, product_id, channel_id, platform, endpoint, method, http_status,
                                duration_ms, attempt, error_class, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'POST', 200, $7, 1, $8, ${at})`,
        [batchId, item.id, item.product_id, item.channel_id, item.platform, endpoint, ms, error],
      );
    // Shopee's update: 10 calls of 10…100 ms, one failed; TikTok's: 2 slow calls; Shopee's add: 1 fast
    // call now and 1 very slow one two hours ago, outside the range.
    for (let n = 1; n <= 10; n++)
      await call(shopee, "/api/v2/product/update_item", n * 10, n === 3 ? "SYSTEM" : null);
    await call(tiktok, "/product/202309/products", 400);
    await call(tiktok, "/product/202309/products", 500);
    await call(shopee, "/api/v2/product/add_item", 5);
    // Reads of two products by id are one endpoint.
    await call(tiktok, "/product/202309/products/1729000000000000104", 2);
    await call(tiktok, "/product/202309/products/1729000000000000110", 3);
    await call(shopee, "/api/v2/product/add_item", 9000, null, "now() - interval '2 hours'");

    const from = new Date(Date.now() - 60 * 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const r = await h.gql<{ slowestEndpoints: Row[] }>(SLOWEST, { from, to });
    expect(r.errors).toBeUndefined();
    expect(r.data!.slowestEndpoints).toEqual([
      {
        platform: "TIKTOK_SHOP",
        endpoint: "/product/202309/products",
        method: "POST",
        calls: 2,
        failed: 0,
        p50Ms: 400,
        p95Ms: 500,
        maxMs: 500,
      },
      {
        platform: "SHOPEE",
        endpoint: "/api/v2/product/update_item",
        method: "POST",
        calls: 10,
        failed: 1,
        p50Ms: 50,
        p95Ms: 100,
        maxMs: 100,
      },
      {
        platform: "SHOPEE",
        endpoint: "/api/v2/product/add_item",
        method: "POST",
        calls: 1,
        failed: 0,
        p50Ms: 5,
        p95Ms: 5,
        maxMs: 5,
      },
      {
        platform: "TIKTOK_SHOP",
        endpoint: "/product/202309/products/{id}",
        method: "POST",
        calls: 2,
        failed: 0,
        p50Ms: 2,
        p95Ms: 3,
        maxMs: 3,
      },
    ]);

    const one = await h.gql<{ slowestEndpoints: Row[] }>(SLOWEST, {
      from,
      to,
      channelId: shopee.channel_id,
      first: 1,
    });
    expect(one.data!.slowestEndpoints.map((e) => e.endpoint)).toEqual(["/api/v2/product/update_item"]);
  });

  it.each([
    [
      "to before from",
      { from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" },
      /from must be before to/,
    ],
    ["a range over 92 days", { from: "2026-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z" }, /92 days/],
    [
      "a bad channel id",
      { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z", channelId: "x1" },
      /channelId/,
    ],
    ["first of 0", { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z", first: 0 }, /first/],
    ["first of 51", { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z", first: 51 }, /first/],
  ])("refuses %s as BAD_USER_INPUT", async (_name, variables, message) => {
    const r = await h.gql(SLOWEST, variables);
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(message);
  });
});
