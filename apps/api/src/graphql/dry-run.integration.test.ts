import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { UNMAPPED_DEMO_CATEGORY } from "@syncstore/db";
import { createRedis } from "@syncstore/queue";
import { createSyncHarness, waitUntil, type SyncHarness } from "@syncstore/worker/testing";
import type { SyncWorker } from "@syncstore/worker";
import { startApi, type ApiServer } from "../server";

/**
 * `startBatchSync(dryRun: true)` end to end: a real worker plans every item through the clients
 * against both simulators, whose own request counts prove that nothing was written; then the plan
 * is run for real and the simulators end up holding exactly the "after" values it announced.
 */
let h: SyncHarness;
let worker: SyncWorker;
let api: ApiServer;
let redis: Redis;

type Sim = "shopee" | "tiktok";
const PLATFORMS = ["SHOPEE", "TIKTOK_SHOP"] as const;
const SIM_OF = { SHOPEE: "shopee", TIKTOK_SHOP: "tiktok" } as const;

interface Change {
  field: string;
  before: string | null;
  after: string | null;
}
interface Item {
  productId: string;
  platform: "SHOPEE" | "TIKTOK_SHOP";
  status: string;
  errorClass: string | null;
  errorField: string | null;
  plannedAction: string | null;
  changes: Change[] | null;
  plannedPayload: { price?: number } | null;
}
interface SimListing {
  externalId: string;
  sellerSku: string;
  status: string;
  price: number | null;
  variants: { sellerSku: string; price: number }[];
}

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function start(input: Record<string, unknown>): Promise<{ id: string; kind: string; total: number }> {
  const r = await gql<{
    startBatchSync: { batch: { id: string; kind: string; total: number } | null; userErrors: unknown[] };
  }>(
    `mutation($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id kind total } userErrors { field code message } } }`,
    { input },
  );
  expect(r.startBatchSync.userErrors).toEqual([]);
  return r.startBatchSync.batch!;
}

async function finished(batchId: string): Promise<string> {
  let status = "";
  await waitUntil(
    async () => {
      const [b] = (await h.ds.query("SELECT status FROM sync_batches WHERE id = $1", [batchId])) as {
        status: string;
      }[];
      status = b!.status;
      return ["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"].includes(status);
    },
    60_000,
    () => `batch ${batchId} still ${status}`,
  );
  return status;
}

async function items(batchId: string): Promise<Item[]> {
  const r = await gql<{ batch: { items: { edges: { node: Item }[] } } }>(
    `query($id: ID!) { batch(id: $id) { items(first: 100) { edges { node {
       productId platform status errorClass errorField plannedAction changes { field before after } plannedPayload
     } } } } }`,
    { id: batchId },
  );
  return r.batch.items.edges.map((e) => e.node);
}

const simGet = async <T>(sim: Sim, path: string): Promise<T> =>
  (await (await fetch(`${h.sims[sim].url}${path}`)).json()) as T;

/** Calls by method and endpoint, as each simulator counted them. */
const requests = (sim: Sim) =>
  simGet<{ requests: Record<string, number> }>(sim, "/__sim/stats").then((s) => s.requests);

/** What each simulator holds, by its listing id. */
async function held(sim: Sim): Promise<Map<string, SimListing>> {
  const body = await simGet<{ listings: SimListing[] }>(sim, "/__sim/listings");
  return new Map(body.listings.map((l) => [l.externalId, l]));
}

/** The requests made between two counts that are not pure reads: everything but GET and TikTok's search. */
function writesBetween(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter(
    (k) =>
      (after[k] ?? 0) > (before[k] ?? 0) &&
      !k.startsWith("GET ") &&
      // TikTok Shop's product search is a POST with the filter in its body: a read.
      k !== "POST /product/202309/products/search",
  );
}

const listingRows = () =>
  h.ds.query("SELECT * FROM listings ORDER BY product_id, channel_id") as Promise<Record<string, unknown>[]>;

let listed: string[];
let changed: string[];
let unlisted: string[];
let invalid: string;

beforeAll(async () => {
  h = await createSyncHarness({ products: 40 });
  await h.ds.query("UPDATE channels SET slow_retry_delays_ms = '{}'");
  const valid = (
    (await h.ds.query(
      `SELECT id::text FROM products
       WHERE NOT (char_length(title) < 5 OR images = '[]'::jsonb OR stock < 0 OR char_length(sku) > 50 OR weight_grams IS NULL
                  OR char_length(title) > 255 OR category = $1 OR NOT attributes ? 'Material')
       ORDER BY id`,
      [UNMAPPED_DEMO_CATEGORY],
    )) as { id: string }[]
  ).map((r) => r.id);
  listed = valid.slice(0, 6);
  changed = listed.slice(0, 2);
  unlisted = valid.slice(6, 9);
  invalid = valid[9]!;
  worker = await h.startWorker({ concurrency: 8 });
  redis = createRedis(h.config.REDIS_URL);
  api = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
}, 120_000);

afterAll(async () => {
  await api?.close();
  await worker?.close();
  await h?.close();
  redis?.disconnect();
});

describe("startBatchSync(dryRun: true)", () => {
  let dryRunId: string;
  let planned: Item[];
  let heldBefore: Record<Sim, Map<string, SimListing>>;
  let externalIds: Map<string, string>;

  it("plans create, update and skip with the changes, making no write call and changing no listing", async () => {
    const first = await start({ productIds: listed, platforms: PLATFORMS });
    expect(await finished(first.id)).toBe("COMPLETED");
    await h.ds.query("UPDATE products SET price = round(price * 1.1, 2) WHERE id = ANY($1::bigint[])", [
      changed,
    ]);
    await h.ds.query(
      "UPDATE product_variants SET price = round(price * 1.1, 2) WHERE product_id = ANY($1::bigint[]) AND price IS NOT NULL",
      [changed],
    );
    // A product no marketplace takes (no images): the plan must name the field instead of planning a write.
    await h.ds.query("UPDATE products SET images = '[]'::jsonb WHERE id = $1", [invalid]);

    const calls = { shopee: await requests("shopee"), tiktok: await requests("tiktok") };
    heldBefore = { shopee: await held("shopee"), tiktok: await held("tiktok") };
    const rows = await listingRows();

    const dry = await start({
      productIds: [...listed, ...unlisted, invalid],
      platforms: PLATFORMS,
      dryRun: true,
    });
    expect(dry).toMatchObject({ kind: "DRY_RUN", total: 20 });
    dryRunId = dry.id;
    expect(await finished(dryRunId)).toBe("COMPLETED_WITH_ERRORS");

    for (const sim of ["shopee", "tiktok"] as const) {
      const after = await requests(sim);
      expect(writesBetween(calls[sim], after), sim).toEqual([]);
      // It did read: the plan comes from the marketplace, not from the ledger alone.
      expect(
        Object.keys(after).some((k) => (after[k] ?? 0) > (calls[sim][k] ?? 0)),
        sim,
      ).toBe(true);
      expect(await held(sim)).toEqual(heldBefore[sim]);
    }
    expect(await listingRows()).toEqual(rows);
    const [{ n }] = (await h.ds.query("SELECT count(*)::int AS n FROM dead_letters WHERE batch_id = $1", [
      dryRunId,
    ])) as [{ n: number }];
    expect(n).toBe(0);

    planned = await items(dryRunId);
    const of = (ids: string[]) => planned.filter((i) => ids.includes(i.productId));
    expect(of(changed).map((i) => [i.status, i.plannedAction])).toEqual(
      Array(4).fill(["SUCCEEDED", "UPDATE"]),
    );
    for (const i of of(changed)) {
      expect(i.changes!.length).toBeGreaterThan(0);
      expect(
        i.changes!.filter((c) => !/price$/.test(c.field)),
        JSON.stringify(i.changes),
      ).toEqual([]);
    }
    expect(of(listed.slice(2)).map((i) => [i.status, i.plannedAction, i.changes])).toEqual(
      Array(8).fill(["SKIPPED", "SKIP", []]),
    );
    for (const i of of(unlisted)) {
      expect([i.status, i.plannedAction]).toEqual(["SUCCEEDED", "CREATE"]);
      expect(i.changes).toContainEqual(expect.objectContaining({ field: "title", before: null }));
      expect(i.plannedPayload).not.toBeNull();
    }
    expect(of([invalid]).map((i) => [i.status, i.errorClass, i.errorField])).toEqual(
      Array(2).fill(["DEAD_LETTERED", "VALIDATION", "images"]),
    );

    externalIds = new Map(
      (
        (await h.ds.query(
          `SELECT l.product_id::text || ':' || c.platform AS k, l.external_id FROM listings l JOIN channels c ON c.id = l.channel_id
           WHERE l.external_id IS NOT NULL`,
        )) as { k: string; external_id: string }[]
      ).map((r) => [r.k, r.external_id]),
    );
    // "before" is what the marketplace holds now, price by price.
    for (const i of of(changed)) {
      const l = heldBefore[SIM_OF[i.platform]].get(externalIds.get(`${i.productId}:${i.platform}`)!)!;
      for (const c of i.changes!) {
        const sku = /^variants\[(.+)\]\.price$/.exec(c.field)?.[1];
        const was = sku
          ? l.variants.find((v) => v.sellerSku === sku)?.price
          : (l.price ?? l.variants[0]?.price);
        expect(c.before, `${i.platform} ${c.field}`).toBe(String(was));
      }
    }
  }, 180_000);

  it("runs the same items for real, and the marketplaces then hold the planned after values", async () => {
    const real = await start({ sameItemsAs: dryRunId, platforms: PLATFORMS });
    expect(real).toMatchObject({ kind: "SYNC", total: 20 });
    expect(await finished(real.id)).toBe("COMPLETED_WITH_ERRORS");
    const done = await items(real.id);
    const byKey = new Map(done.map((i) => [`${i.productId}:${i.platform}`, i]));
    for (const p of planned) {
      const expected =
        { CREATE: "SUCCEEDED", UPDATE: "SUCCEEDED", SKIP: "SKIPPED" }[p.plannedAction ?? ""] ?? p.status;
      expect(byKey.get(`${p.productId}:${p.platform}`)!.status, `${p.productId} ${p.platform}`).toBe(
        expected,
      );
    }
    const heldNow = { shopee: await held("shopee"), tiktok: await held("tiktok") };
    for (const i of planned.filter((p) => changed.includes(p.productId))) {
      const l = heldNow[SIM_OF[i.platform]].get(externalIds.get(`${i.productId}:${i.platform}`)!)!;
      for (const c of i.changes!) {
        const sku = /^variants\[(.+)\]\.price$/.exec(c.field)?.[1];
        const now = sku
          ? l.variants.find((v) => v.sellerSku === sku)?.price
          : (l.price ?? l.variants[0]?.price);
        expect(c.after, `${i.platform} ${c.field}`).toBe(String(now));
      }
    }
  }, 120_000);

  it("refuses sameItemsAs with another selection, and an unknown batch", async () => {
    const r = await gql<{ startBatchSync: { userErrors: { field: string[]; code: string }[] } }>(
      `mutation($input: StartBatchSyncInput!) { startBatchSync(input: $input) { userErrors { field code } } }`,
      { input: { sameItemsAs: "00000000-0000-4000-8000-000000000000", platforms: ["SHOPEE"] } },
    );
    expect(r.startBatchSync.userErrors).toEqual([{ field: ["input", "sameItemsAs"], code: "NOT_FOUND" }]);
    const both = await gql<{ startBatchSync: { userErrors: { field: string[]; code: string }[] } }>(
      `mutation($input: StartBatchSyncInput!) { startBatchSync(input: $input) { userErrors { field code } } }`,
      { input: { sameItemsAs: dryRunId, productIds: listed, platforms: ["SHOPEE"] } },
    );
    expect(both.startBatchSync.userErrors).toEqual([
      { field: ["input", "sameItemsAs"], code: "CONFLICTING_SELECTION" },
    ]);
  });
});
