import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 6 });
});
afterAll(async () => h?.close());

interface Log {
  id: string;
  sku: string | null;
  productTitle: string | null;
  channelId: string;
  platform: string;
  errorClass: string | null;
  batchId: string | null;
}

const LOGS = `query ($first: Int, $after: String, $search: String, $channelId: ID, $outcome: SyncCallOutcome,
                     $errorClass: SyncErrorClass, $batchId: ID, $from: DateTimeISO, $to: DateTimeISO) {
  syncLogs(first: $first, after: $after, search: $search, channelId: $channelId, outcome: $outcome,
           errorClass: $errorClass, batchId: $batchId, from: $from, to: $to) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id sku productTitle channelId platform errorClass batchId } }
  }
}`;

async function logs(vars: Record<string, unknown> = {}) {
  const r = await h.gql<{
    syncLogs: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Log }[];
    };
  }>(LOGS, { first: 100, ...vars });
  expect(r.errors).toBeUndefined();
  return r.data!.syncLogs;
}

let products: { id: string; sku: string; title: string }[];
let channels: { id: string; platform: string }[];
const batchId = "00000000-0000-4000-8000-000000000001";

describe("syncLogs filters", () => {
  beforeAll(async () => {
    products = await h.ds.query("SELECT id::text, sku, title FROM products ORDER BY id LIMIT 3");
    channels = await h.ds.query("SELECT id::text, platform FROM channels ORDER BY id");
    // Per product and channel: one call that succeeded an hour ago and one that failed just now
    // (the first product's Shopee failure a VALIDATION, every other one a NETWORK error, in batchId).
    for (const [n, p] of products.entries()) {
      for (const c of channels) {
        const failure = n === 0 && c.platform === "SHOPEE" ? "VALIDATION" : "NETWORK";
        await h.ds.query(
          `INSERT INTO sync_logs (batch_id, product_id, channel_id, platform, endpoint, method, duration_ms, attempt,
                                  error_class, created_at)
           VALUES (NULL, $1, $2, $3, '/add', 'POST', 10, 1, NULL, now() - interval '1 hour'),
                  ($4, $1, $2, $3, '/add', 'POST', 10, 2, $5, now())`,
          [p.id, c.id, c.platform, batchId, failure],
        );
      }
    }
  });

  it("puts the product's SKU and title on every row", async () => {
    const all = await logs();
    expect(all.totalCount).toBe(products.length * channels.length * 2);
    for (const { node } of all.edges) {
      const p = products.find((x) => x.sku === node.sku)!;
      expect(node.productTitle).toBe(p.title);
    }
  });

  it("finds a product's calls by its SKU, or by words of its title in any order", async () => {
    const [p] = products;
    const bySku = await logs({ search: p!.sku.toLowerCase() });
    expect(bySku.totalCount).toBe(channels.length * 2);
    expect(bySku.edges.every((e) => e.node.sku === p!.sku)).toBe(true);
    const words = p!.title.split(/\s+/).slice(0, 2).reverse().join(" ");
    const byTitle = await logs({ search: words });
    expect(byTitle.edges.map((e) => e.node.sku)).toContain(p!.sku);
    expect((await logs({ search: "zzzz-no-such-product" })).totalCount).toBe(0);
  });

  it("narrows by channel, outcome, error class, batch and time, all together", async () => {
    const shopee = channels.find((c) => c.platform === "SHOPEE")!;
    const byChannel = await logs({ channelId: shopee.id });
    expect(byChannel.totalCount).toBe(products.length * 2);
    expect(byChannel.edges.every((e) => e.node.channelId === shopee.id)).toBe(true);
    expect((await logs({ outcome: "SUCCEEDED" })).edges.every((e) => e.node.errorClass === null)).toBe(true);
    expect((await logs({ outcome: "FAILED" })).totalCount).toBe(products.length * channels.length);
    const validation = await logs({ errorClass: "VALIDATION" });
    expect(validation.edges.map((e) => [e.node.sku, e.node.platform])).toEqual([
      [products[0]!.sku, "SHOPEE"],
    ]);
    expect((await logs({ batchId })).totalCount).toBe(products.length * channels.length);
    const recent = await logs({ from: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect(recent.totalCount).toBe(products.length * channels.length);
    const older = await logs({ to: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect(older.edges.every((e) => e.node.errorClass === null)).toBe(true);
    const both = await logs({
      channelId: shopee.id,
      outcome: "FAILED",
      errorClass: "NETWORK",
      search: products[1]!.sku,
    });
    expect(both.edges.map((e) => e.node.sku)).toEqual([products[1]!.sku]);
  });

  it("pages a filtered log newest first without repeating a row", async () => {
    const first = await logs({ first: 2, outcome: "FAILED" });
    const rest = await logs({ first: 100, outcome: "FAILED", after: first.pageInfo.endCursor });
    const ids = [...first.edges, ...rest.edges].map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(first.totalCount);
  });

  it.each([
    ['{ syncLogs(channelId: "shopee") { totalCount } }', "channelId"],
    ['{ syncLogs(from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z") { totalCount } }', "from"],
  ])("refuses malformed arguments: %s", async (query, argument) => {
    const r = await h.gql(query);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});
