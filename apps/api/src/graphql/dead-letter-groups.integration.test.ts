import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTransitions } from "@syncstore/db";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  // Five items per batch at most, so a group of six is too large for one retry.
  h = await createApiHarness({ products: 10, env: { SYNC_MAX_BATCH_ITEMS: "5" } });
});
afterAll(async () => h?.close());

interface Item {
  id: string;
  product_id: string;
  channel_id: string;
  platform: string;
}

interface Letter {
  errorClass: string;
  code: string | null;
  field: string | null;
  message: string;
}

/** A finished batch over `products` × both platforms whose every item is dead-lettered with `cause`. */
async function deadLettered(products: number[], cause: (item: Item, n: number) => Letter): Promise<Item[]> {
  const ids: { id: string }[] = await h.ds.query("SELECT id::text FROM products ORDER BY id");
  const r = await h.gql<{ startBatchSync: { batch: { id: string } } }>(
    `mutation ($ids: [ID!]) { startBatchSync(input: { productIds: $ids, platforms: [SHOPEE, TIKTOK_SHOP] }) { batch { id } } }`,
    { ids: products.map((n) => ids[n]!.id) },
  );
  const batchId = r.data!.startBatchSync.batch.id;
  const items: Item[] = await h.ds.query(
    `SELECT i.id::text, i.product_id::text, i.channel_id::text, c.platform FROM sync_items i
     JOIN channels c ON c.id = i.channel_id WHERE i.batch_id = $1 ORDER BY i.product_id, c.platform`,
    [batchId],
  );
  await h.ds.transaction(async (em) => {
    await applyTransitions(
      em,
      items.map((i) => ({ itemId: i.id, to: "RUNNING" as const })),
    );
    await applyTransitions(
      em,
      items.map((i, n) => ({
        itemId: i.id,
        to: "DEAD_LETTERED" as const,
        errorClass: cause(i, n).errorClass,
        errorMessage: cause(i, n).message,
      })),
    );
    for (const [n, i] of items.entries()) {
      const c = cause(i, n);
      await em.query(
        `INSERT INTO dead_letters (item_id, batch_id, product_id, channel_id, platform, error_class, error_code, error_field,
                                   error_message, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`,
        [i.id, batchId, i.product_id, i.channel_id, i.platform, c.errorClass, c.code, c.field, c.message],
      );
    }
  });
  return items;
}

interface Group {
  key: string;
  errorClass: string;
  errorCode: string | null;
  errorField: string | null;
  message: string;
  count: number;
  productCount: number;
  platforms: string[];
  channels: { id: string; platform: string }[];
}

const GROUPS = `query ($first: Int, $after: String, $platform: Platform) {
  deadLetterGroups(first: $first, after: $after, platform: $platform) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { key errorClass errorCode errorField message count productCount platforms channels { id platform } } }
  }
}`;

async function groups(vars: Record<string, unknown> = {}) {
  const r = await h.gql<{
    deadLetterGroups: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: Group }[];
    };
  }>(GROUPS, { first: 100, ...vars });
  expect(r.errors).toBeUndefined();
  return r.data!.deadLetterGroups;
}

describe("dead letters grouped by cause", () => {
  beforeAll(async () => {
    // Three products too long a SKU on both platforms: one cause, whatever the lengths.
    // (Two batches: one of six items would be over the limit.)
    for (const products of [[0, 1], [2]])
      await deadLettered(products, (_i, n) => ({
        errorClass: "VALIDATION",
        code: "TOO_LONG",
        field: "sellerSku",
        message: `sellerSku has ${55 + products[0]! + n} characters; at most 50 are allowed`,
      }));
    // Two products: Shopee timed out (different URLs and times), TikTok refused a variant's SKU.
    await deadLettered([3, 4], (i, n) =>
      i.platform === "SHOPEE"
        ? {
            errorClass: "NETWORK",
            code: "TIMEOUT",
            field: null,
            message: `request to https://shopee.test/api/v2/product/add_item?i=${n} timed out after ${1000 + n} ms`,
          }
        : {
            errorClass: "VALIDATION",
            code: "12019059",
            field: `variants[${n}].sku`,
            message: `seller_sku "SKU-${n}" is invalid`,
          },
    );
    // One product whose Shopee token was refused; its TikTok item is a different cause of its own.
    await deadLettered([5], (i) =>
      i.platform === "SHOPEE"
        ? { errorClass: "AUTHENTICATION", code: "error_auth", field: null, message: "Invalid access_token." }
        : { errorClass: "SYSTEM", code: "36009003", field: null, message: "internal error" },
    );
  });

  it("groups by class, code, field and message, ignoring the particulars, largest first", async () => {
    const all = await groups();
    expect(all.totalCount).toBe(5);
    const found = all.edges.map((e) => e.node);
    expect(found.map((g) => [g.errorClass, g.errorCode, g.count]).sort()).toEqual(
      [
        ["VALIDATION", "TOO_LONG", 6],
        ["NETWORK", "TIMEOUT", 2],
        ["VALIDATION", "12019059", 2],
        ["AUTHENTICATION", "error_auth", 1],
        ["SYSTEM", "36009003", 1],
      ].sort(),
    );
    // Largest first; groups of one size in key order, so a page boundary never moves.
    const order = [...found].sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : 1));
    expect(found.map((g) => g.key)).toEqual(order.map((g) => g.key));
    const sku = all.edges[0]!.node;
    expect(sku).toMatchObject({
      errorField: "sellerSku",
      productCount: 3,
      platforms: ["SHOPEE", "TIKTOK_SHOP"],
    });
    expect(sku.message).toMatch(/^sellerSku has \d+ characters; at most 50 are allowed$/);
    expect(sku.channels.map((c) => c.platform).sort()).toEqual(["SHOPEE", "TIKTOK_SHOP"]);
  });

  it("pages groups without repeating or skipping one", async () => {
    const first = await groups({ first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await groups({ first: 100, after: first.pageInfo.endCursor });
    const keys = [...first.edges, ...rest.edges].map((e) => e.node.key);
    expect(new Set(keys).size).toBe(5);
    expect(keys).toEqual((await groups()).edges.map((e) => e.node.key));
  });

  it("counts only one marketplace's dead letters when asked", async () => {
    const shopee = await groups({ platform: "SHOPEE" });
    expect(shopee.edges.map((e) => [e.node.errorCode, e.node.count])).toContainEqual(["TOO_LONG", 3]);
    expect(shopee.edges.every((e) => e.node.platforms.join() === "SHOPEE")).toBe(true);
  });

  it("lists a group's own dead letters by its key", async () => {
    const sku = (await groups()).edges[0]!.node;
    const r = await h.gql<{
      deadLetters: { totalCount: number; edges: { node: { groupKey: string; errorCode: string } }[] };
    }>(
      `query ($g: ID) { deadLetters(first: 100, group: $g) { totalCount edges { node { groupKey errorCode } } } }`,
      {
        g: sku.key,
      },
    );
    expect(r.data!.deadLetters.totalCount).toBe(6);
    expect(r.data!.deadLetters.edges.every((e) => e.node.groupKey === sku.key)).toBe(true);
  });

  const RETRY = `mutation ($key: ID!) {
    retryDeadLetterGroup(key: $key) { retriedIds batch { id total kind platforms } userErrors { field code message } }
  }`;

  interface RetryAnswer {
    retryDeadLetterGroup: {
      retriedIds: string[];
      batch: { id: string; total: number; kind: string; platforms: string[] } | null;
      userErrors: { field: string[]; code: string }[];
    };
  }

  it("refuses a group larger than a batch may be, retrying none of it", async () => {
    const sku = (await groups()).edges[0]!.node;
    const r = await h.gql<RetryAnswer>(RETRY, { key: sku.key });
    expect(r.data!.retryDeadLetterGroup).toMatchObject({
      retriedIds: [],
      batch: null,
      userErrors: [{ field: ["key"], code: "BATCH_TOO_LARGE" }],
    });
    expect((await groups()).edges[0]!.node).toMatchObject({ key: sku.key, count: 6 });
  });

  it("retries every dead letter of a group as one new batch, and the group is gone", async () => {
    const before = await groups();
    const network = before.edges.find((e) => e.node.errorClass === "NETWORK")!.node;
    const r = await h.gql<RetryAnswer>(RETRY, { key: network.key });
    expect(r.errors).toBeUndefined();
    const answer = r.data!.retryDeadLetterGroup;
    expect(answer.userErrors).toEqual([]);
    expect(answer.retriedIds).toHaveLength(2);
    expect(answer.batch).toMatchObject({ total: 2, kind: "SYNC", platforms: ["SHOPEE"] });
    const items: { n: number }[] = await h.ds.query(
      "SELECT count(*)::int AS n FROM sync_items WHERE batch_id = $1 AND retry_of_item_id IS NOT NULL",
      [answer.batch!.id],
    );
    expect(items[0]!.n).toBe(2);
    const after = await groups();
    expect(after.totalCount).toBe(4);
    expect(after.edges.some((e) => e.node.key === network.key)).toBe(false);
    const again = await h.gql<RetryAnswer>(RETRY, { key: network.key });
    expect(again.data!.retryDeadLetterGroup).toMatchObject({
      batch: null,
      userErrors: [{ field: ["key"], code: "NOT_FOUND" }],
    });
  });

  it.each([
    ['mutation { retryDeadLetterGroup(key: "nope") { batch { id } } }', "key"],
    ['{ deadLetters(group: "x") { totalCount } }', "group"],
    ['{ deadLetterGroups(after: "bad") { totalCount } }', "after"],
  ])("refuses malformed arguments: %s", async (query, argument) => {
    const r = await h.gql(query);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  });
});
