import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTransitions } from "@syncstore/db";
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
    [
      "ids and a listing filter",
      { productIds: ["1"], listingStatus: "FAILED", platforms: ["SHOPEE"] },
      "CONFLICTING_SELECTION",
      "input.listingStatus",
    ],
    [
      "listing filters matching nothing",
      { listingStatus: "REJECTED", listingPlatform: "SHOPEE", platforms: ["SHOPEE"] },
      "EMPTY_SELECTION",
      "input.listingStatus",
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

  it("starts a batch of exactly what products lists for a search and listing filters, all pages of it", async () => {
    // Some products listed on Shopee, one of them FAILED there: NOT_LISTED on Shopee is the rest.
    const ids = await someIds(5);
    await h.ds.query(
      `INSERT INTO listings (product_id, channel_id, status, updated_at)
       SELECT p.id, c.id, CASE WHEN p.id = $2::bigint THEN 'FAILED' ELSE 'SYNCED' END, now()
       FROM products p CROSS JOIN channels c WHERE p.id = ANY($1::bigint[]) AND c.platform = 'SHOPEE'`,
      [ids, ids[0]],
    );
    const filters = { listingStatus: "NOT_LISTED", platform: "SHOPEE" };
    const listed = await h.gql<{ products: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query ($s: ListingStatus, $p: Platform) { products(first: 100, listingStatus: $s, platform: $p) { totalCount edges { node { id } } } }`,
      { s: filters.listingStatus, p: filters.platform },
    );
    const expected = listed.data!.products.edges.map((e) => e.node.id).sort();
    expect(listed.data!.products.totalCount).toBe(35);
    const r = await h.gql<StartResult>(START, {
      input: { listingStatus: "NOT_LISTED", listingPlatform: "SHOPEE", platforms: ["SHOPEE"] },
    });
    expect(r.data!.startBatchSync.userErrors).toEqual([]);
    const batchId = r.data!.startBatchSync.batch!.id;
    const items: { product_id: string }[] = await h.ds.query(
      "SELECT product_id::text FROM sync_items WHERE batch_id = $1 ORDER BY product_id::text",
      [batchId],
    );
    expect(items.map((i) => i.product_id)).toEqual(expected);
    // With a search too: both conditions, as the list applies them.
    const failed = await h.gql<StartResult>(START, {
      input: { listingStatus: "FAILED", listingPlatform: "SHOPEE", search: "", platforms: ["SHOPEE"] },
    });
    expect(failed.data!.startBatchSync.batch).toMatchObject({ total: 1 });
    await h.ds.query("DELETE FROM listings WHERE product_id = ANY($1::bigint[])", [ids]);
  });

  it("names each batch by what started it, on what, and the label it was given", async () => {
    const ORIGIN = `query ($id: ID!) { batch(id: $id) { origin {
      trigger label startedBy { kind name } scope { kind products search listingStatus listingPlatform } } } }`;
    const origin = async (input: Record<string, unknown>, headers?: Record<string, string>) => {
      const r = await h.gql<StartResult>(START, { input }, headers);
      expect(r.data!.startBatchSync.userErrors).toEqual([]);
      const o = await h.gql<{ batch: { origin: unknown } }>(ORIGIN, { id: r.data!.startBatchSync.batch!.id });
      expect(o.errors).toBeUndefined();
      return o.data!.batch.origin;
    };
    const key = await h.gql<{ createApiKey: { secret: string } }>(
      `mutation { createApiKey(input: { name: "partner-feed", scopes: [SYNC, READ] }) { secret } }`,
    );
    const partner = { authorization: `Bearer ${key.data!.createApiKey.secret}` };
    expect(
      await origin(
        { productIds: await someIds(3), platforms: ["SHOPEE"], label: "  Harbolnas prices " },
        partner,
      ),
    ).toEqual({
      trigger: "MANUAL",
      label: "Harbolnas prices",
      startedBy: { kind: "API_KEY", name: "partner-feed" },
      scope: { kind: "PRODUCTS", products: 3, search: null, listingStatus: null, listingPlatform: null },
    });
    const [sku] = (await h.ds.query("SELECT sku FROM products ORDER BY id LIMIT 1")) as { sku: string }[];
    expect(await origin({ search: sku!.sku, platforms: ["TIKTOK_SHOP"] }, partner)).toMatchObject({
      label: null,
      scope: { kind: "SEARCH", products: 1, search: sku!.sku },
    });
    for (const [label, code] of [
      ["x".repeat(201), "TOO_LONG"],
      ["bad\u202elabel", "INVALID"],
    ] as const) {
      const r = await h.gql<StartResult>(START, {
        input: { productIds: ["1"], platforms: ["SHOPEE"], label },
      });
      expect(r.data!.startBatchSync.userErrors).toEqual([
        expect.objectContaining({ field: ["input", "label"], code }),
      ]);
    }
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

  it("retries a dead letter as a new batch with the product's other failed channels, leaving the original as it was", async () => {
    const ids = await someIds(1);
    const r = await h.gql<StartResult>(START, {
      input: { productIds: ids, platforms: ["SHOPEE", "TIKTOK_SHOP"] },
    });
    const original = r.data!.startBatchSync.batch!.id;
    const items: { id: string; product_id: string; channel_id: string; platform: string }[] =
      await h.ds.query(
        `SELECT i.id::text, i.product_id::text, i.channel_id::text, c.platform FROM sync_items i
       JOIN channels c ON c.id = i.channel_id WHERE i.batch_id = $1 ORDER BY i.id`,
        [original],
      );
    await h.ds.transaction(async (em) => {
      await applyTransitions(
        em,
        items.map((i) => ({ itemId: i.id, to: "RUNNING" as const })),
      );
      await applyTransitions(
        em,
        items.map((i) => ({
          itemId: i.id,
          to: "DEAD_LETTERED" as const,
          errorClass: "VALIDATION",
          errorMessage: "bad",
        })),
      );
      for (const i of items) {
        await em.query(
          `INSERT INTO dead_letters (item_id, batch_id, product_id, channel_id, platform, error_class, error_message, error_field, attempts)
           VALUES ($1, $2, $3, $4, $5, 'VALIDATION', 'bad', 'title', 1)`,
          [i.id, original, i.product_id, i.channel_id, i.platform],
        );
      }
    });
    const FIELDS = "id kind total succeeded deadLettered finishedAt status";
    const before = await h.gql<{ batch: Record<string, unknown> }>(
      `{ batch(id: "${original}") { ${FIELDS} } }`,
    );
    const [dl] = (await h.ds.query("SELECT id::text FROM dead_letters WHERE item_id = $1", [
      items[0]!.id,
    ])) as {
      id: string;
    }[];
    const retried = await h.gql<{
      retryDeadLetter: {
        batch: { id: string; kind: string; total: number; platforms: string[]; retryOf: { id: string } };
        userErrors: unknown[];
      };
    }>(
      `mutation { retryDeadLetter(id: "${dl!.id}") { batch { id kind total platforms retryOf { id } origin { trigger scope { kind products } } } userErrors { code } } }`,
    );
    expect(retried.errors).toBeUndefined();
    const batch = retried.data!.retryDeadLetter.batch;
    expect(batch).toMatchObject({
      kind: "SYNC",
      total: 2,
      platforms: ["SHOPEE", "TIKTOK_SHOP"],
      retryOf: { id: original },
      origin: { trigger: "RETRY", scope: { kind: "DEAD_LETTERS", products: 1 } },
    });
    expect(batch.id).not.toBe(original);
    const after = await h.gql<{ batch: Record<string, unknown> & { retries: { id: string }[] } }>(
      `{ batch(id: "${original}") { ${FIELDS} retries { id } } }`,
    );
    expect(after.data!.batch).toEqual({ ...before.data!.batch, retries: [{ id: batch.id }] });
    const open = await h.gql<{ deadLetters: { totalCount: number } }>(
      "{ deadLetters(first: 0) { totalCount } }",
    );
    const stillOpen: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM dead_letters WHERE resolved_at IS NULL",
    );
    expect(open.data!.deadLetters.totalCount).toBe(stillOpen[0]!.n);
    const mine: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM dead_letters WHERE batch_id = $1 AND resolved_at IS NULL",
      [original],
    );
    expect(mine[0]!.n).toBe(0);
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
