import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 40, env: { SYNC_MAX_BATCH_ITEMS: "50" } });
});
afterAll(async () => h?.close());

const START = `mutation S($input: StartBatchSyncInput!) {
  startBatchSync(input: $input) { batch { id status total queued platforms } userErrors { field code message } }
}`;

interface StartResult {
  startBatchSync: {
    batch: { id: string; status: string; total: number; queued: number; platforms: string[] } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

async function jobsInRedis(): Promise<number> {
  return (await h.redis.keys(`{${h.namespace}}:sync-channel-*:i*-b*`)).length;
}

async function someIds(n: number): Promise<string[]> {
  const rows: { id: string }[] = await h.ds.query("SELECT id::text FROM products ORDER BY id LIMIT $1", [n]);
  return rows.map((r) => r.id);
}

describe("startBatchSync and syncProduct", () => {
  it("writes the batch and its items, then enqueues one job per item", async () => {
    const ids = await someIds(3);
    const r = await h.gql<StartResult>(START, {
      input: { productIds: ids, platforms: ["SHOPEE", "TIKTOK_SHOP"] },
    });
    expect(r.data!.startBatchSync.userErrors).toEqual([]);
    expect(r.data!.startBatchSync.batch).toMatchObject({
      status: "QUEUED",
      total: 6,
      queued: 6,
      platforms: ["SHOPEE", "TIKTOK_SHOP"],
    });
    const items: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_items WHERE batch_id = $1",
      [r.data!.startBatchSync.batch!.id],
    );
    expect(items[0]!.n).toBe(6);
    expect(await jobsInRedis()).toBe(6);
  });

  it.each([
    ["an empty platform list", { productIds: ["1"], platforms: [] }, "EMPTY_PLATFORMS", "input.platforms"],
    [
      "both ids and a search",
      { productIds: ["1"], search: "x", platforms: ["SHOPEE"] },
      "CONFLICTING_SELECTION",
      "input.search",
    ],
    ["an empty id list", { productIds: [], platforms: ["SHOPEE"] }, "EMPTY_SELECTION", "input.productIds"],
    [
      "unknown product ids",
      { productIds: ["1", "987654321", "abc"], platforms: ["SHOPEE"] },
      "UNKNOWN_PRODUCTS",
      "input.productIds",
    ],
    [
      "a search matching nothing",
      { search: "zzzz-no-such-product", platforms: ["SHOPEE"] },
      "EMPTY_SELECTION",
      "input.search",
    ],
    ["a batch over the size limit", { platforms: ["SHOPEE", "TIKTOK_SHOP"] }, "BATCH_TOO_LARGE", "input"],
  ])("refuses %s with a userError and enqueues nothing", async (_name, input, code, field) => {
    const jobs = await jobsInRedis();
    const batches: { n: number }[] = await h.ds.query("SELECT count(*)::int AS n FROM sync_batches");
    const r = await h.gql<StartResult>(START, { input });
    expect(r.errors).toBeUndefined();
    expect(r.data!.startBatchSync.batch).toBeNull();
    expect(r.data!.startBatchSync.userErrors[0]).toMatchObject({ code, field: field.split(".") });
    expect(await jobsInRedis()).toBe(jobs);
    const after: { n: number }[] = await h.ds.query("SELECT count(*)::int AS n FROM sync_batches");
    expect(after[0]!.n).toBe(batches[0]!.n);
  });

  it("names the unknown ids", async () => {
    const r = await h.gql<StartResult>(START, {
      input: { productIds: ["987654321"], platforms: ["SHOPEE"] },
    });
    expect(r.data!.startBatchSync.userErrors[0]!.message).toContain("987654321");
  });

  it("refuses an unknown platform value before running anything", async () => {
    const r = await h.gql(START, { input: { productIds: ["1"], platforms: ["AMAZON"] } });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("syncs one product as a batch of one per platform", async () => {
    const [id] = await someIds(1);
    const r = await h.gql<{
      syncProduct: { batch: { total: number; platforms: string[] }; userErrors: unknown[] };
    }>(
      `mutation { syncProduct(input: { productId: "${id}", platforms: [TIKTOK_SHOP] }) { batch { total platforms } userErrors { code } } }`,
    );
    expect(r.data!.syncProduct).toEqual({ batch: { total: 1, platforms: ["TIKTOK_SHOP"] }, userErrors: [] });
  });
});

describe("batches, cancel and dead letters", () => {
  it("cancels a queued batch and removes its jobs", async () => {
    const ids = await someIds(2);
    const r = await h.gql<StartResult>(START, { input: { productIds: ids, platforms: ["SHOPEE"] } });
    const id = r.data!.startBatchSync.batch!.id;
    const c = await h.gql<{
      cancelBatch: { batch: { status: string; cancelled: number }; userErrors: unknown[] };
    }>(`mutation { cancelBatch(id: "${id}") { batch { status cancelled } userErrors { code } } }`);
    expect(c.data!.cancelBatch).toEqual({ batch: { status: "CANCELLED", cancelled: 2 }, userErrors: [] });
    const again = await h.gql<{ cancelBatch: { userErrors: { code: string }[] } }>(
      `mutation { cancelBatch(id: "${id}") { userErrors { code } } }`,
    );
    expect(again.data!.cancelBatch.userErrors[0]!.code).toBe("ALREADY_FINISHED");
  });

  it("serves each channel's counters with the batch, adding up to the batch's own", async () => {
    const ids = await someIds(3);
    const r = await h.gql<StartResult>(START, {
      input: { productIds: ids, platforms: ["SHOPEE", "TIKTOK_SHOP"] },
    });
    const id = r.data!.startBatchSync.batch!.id;
    const FIELDS = "total queued cancelled channels { channelId platform total queued cancelled percent }";
    interface Shape {
      total: number;
      queued: number;
      cancelled: number;
      channels: { platform: string; total: number; queued: number; cancelled: number; percent: number }[];
    }
    const read = await h.gql<{ batch: Shape }>(`{ batch(id: "${id}") { ${FIELDS} } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.batch.channels.map((c) => [c.platform, c.total, c.queued, c.percent])).toEqual([
      ["SHOPEE", 3, 3, 0],
      ["TIKTOK_SHOP", 3, 3, 0],
    ]);
    const c = await h.gql<{ cancelBatch: { batch: Shape } }>(
      `mutation { cancelBatch(id: "${id}") { batch { ${FIELDS} } } }`,
    );
    const cancelled = c.data!.cancelBatch.batch;
    expect(cancelled.channels.map((ch) => [ch.platform, ch.cancelled, ch.queued, ch.percent])).toEqual([
      ["SHOPEE", 3, 0, 100],
      ["TIKTOK_SHOP", 3, 0, 100],
    ]);
    expect(cancelled.channels.reduce((n, ch) => n + ch.cancelled, 0)).toBe(cancelled.cancelled);
    const listed = await h.gql<{ batches: { edges: { node: { id: string } & Shape }[] } }>(
      `{ batches(first: 5) { edges { node { id ${FIELDS} } } } }`,
    );
    expect(listed.data!.batches.edges.find((e) => e.node.id === id)!.node.channels).toEqual(
      cancelled.channels,
    );
  });

  it("answers retryDeadLetter for a dead letter that does not exist with a userError", async () => {
    const r = await h.gql<{
      retryDeadLetter: { batch: unknown; userErrors: { code: string; field: string[] }[] };
    }>(`mutation { retryDeadLetter(id: "424242") { batch { id } userErrors { code field } } }`);
    expect(r.data!.retryDeadLetter).toEqual({
      batch: null,
      userErrors: [{ code: "NOT_FOUND", field: ["id"] }],
    });
  });

  it("pages batches newest first and exposes their items", async () => {
    const r = await h.gql<{
      batches: {
        totalCount: number;
        edges: { node: { id: string; items: { totalCount: number } } }[];
        pageInfo: { endCursor: string };
      };
    }>(
      "{ batches(first: 2) { totalCount edges { node { id createdAt items(first: 5) { totalCount edges { node { sku platform status } } } } } pageInfo { hasNextPage endCursor } } }",
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.batches.edges).toHaveLength(2);
    const next = await h.gql<{ batches: { edges: { node: { id: string } }[] } }>(
      `{ batches(first: 100, after: "${r.data!.batches.pageInfo.endCursor}") { edges { node { id } } } }`,
    );
    const firstIds = r.data!.batches.edges.map((e) => e.node.id);
    const rest = next.data!.batches.edges.map((e) => e.node.id);
    expect(rest.some((id) => firstIds.includes(id))).toBe(false);
    expect(firstIds.length + rest.length).toBe(r.data!.batches.totalCount);
  });

  it("reports queue health per channel", async () => {
    const r = await h.gql<{ queueStats: { platform: string; waiting: number; workers: number }[] }>(
      "{ queueStats { name platform shopId waiting active delayed failed completed paused workers } }",
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.queueStats.map((q) => q.platform).sort()).toEqual(["SHOPEE", "TIKTOK_SHOP"]);
    expect(r.data!.queueStats.reduce((a, q) => a + q.waiting, 0)).toBeGreaterThan(0);
  });

  it.each([
    ['{ batch(id: "nope") { id } }', "id"],
    ['{ syncLogs(productId: "x") { totalCount } }', "productId"],
    ['{ deadLetters(after: "bad") { totalCount } }', "after"],
  ])("refuses malformed arguments: %s", async (query, argument) => {
    const r = await h.gql(query);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});
