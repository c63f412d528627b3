import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListingStatus, Platform } from "@syncstore/core";
import { createTestDatabase, type TestDatabase } from "../testing";
import { insertTestChannel, insertTestProducts, setListing, testProduct } from "../test-support/products";
import { listProducts } from "./list-products";

let db: TestDatabase;
const sku: Record<string, string> = {};

/**
 * Shopee and TikTok Shop channels, plus a disabled Shopee shop that must not count.
 *   A: SYNCED on Shopee, FAILED on TikTok     B: OUT_OF_DATE on Shopee, no TikTok row
 *   C: no listings at all                      D: NOT_LISTED row on Shopee, SYNCED on TikTok
 *   E: PENDING on TikTok only                  F: SYNCED on both
 */
beforeAll(async () => {
  db = await createTestDatabase();
  const ds = db.dataSource;
  const shopee = await insertTestChannel(ds, "SHOPEE", "1");
  const tiktok = await insertTestChannel(ds, "TIKTOK_SHOP", "CIPHER");
  const disabled = await insertTestChannel(ds, "SHOPEE", "2", false);
  const names = ["A", "B", "C", "D", "E", "F"];
  const ids = await insertTestProducts(
    ds,
    names.map((n) => testProduct(`F-${n}`)),
  );
  names.forEach((n, i) => (sku[ids[i]!] = n));
  const [A, B, , D, E, F] = ids as [string, string, string, string, string, string];
  await setListing(ds, A, shopee, "SYNCED");
  await setListing(ds, A, tiktok, "FAILED");
  await setListing(ds, B, shopee, "OUT_OF_DATE");
  await setListing(ds, D, shopee, "NOT_LISTED");
  await setListing(ds, D, tiktok, "SYNCED");
  await setListing(ds, E, tiktok, "PENDING");
  await setListing(ds, F, shopee, "SYNCED");
  await setListing(ds, F, tiktok, "SYNCED");
  // Listed on the disabled shop only: still NOT_LISTED on every enabled channel.
  await setListing(ds, ids[2]!, disabled, "SYNCED");
});
afterAll(async () => {
  await db.drop();
});

describe("listProducts listingStatus and platform filters", () => {
  it.each<[ListingStatus | null, Platform | null, string]>([
    ["SYNCED", null, "A C D F"],
    ["SYNCED", "SHOPEE", "A C F"],
    ["SYNCED", "TIKTOK_SHOP", "D F"],
    ["FAILED", null, "A"],
    ["FAILED", "SHOPEE", ""],
    ["OUT_OF_DATE", "SHOPEE", "B"],
    ["PENDING", "TIKTOK_SHOP", "E"],
    ["NOT_LISTED", "SHOPEE", "C D E"],
    ["NOT_LISTED", "TIKTOK_SHOP", "B C"],
    ["NOT_LISTED", null, "B C D E"],
    [null, "SHOPEE", "A B C F"],
    [null, "TIKTOK_SHOP", "A D E F"],
    [null, null, "A B C D E F"],
  ])("listingStatus %s, platform %s → %s", async (listingStatus, platform, expected) => {
    const page = await listProducts(db.dataSource, { first: 100, listingStatus, platform });
    const want = expected ? expected.split(" ") : [];
    expect(page.nodes.map((n) => sku[n.id])).toEqual(want);
    expect(page.totalCount).toBe(want.length);
  });

  it("paginates a filtered list with the filtered total", async () => {
    const first = await listProducts(db.dataSource, { first: 2, listingStatus: "NOT_LISTED" });
    expect(first.nodes.map((n) => sku[n.id])).toEqual(["B", "C"]);
    expect(first).toMatchObject({ hasNextPage: true, totalCount: 4 });
    const second = await listProducts(db.dataSource, {
      first: 2,
      listingStatus: "NOT_LISTED",
      after: first.endCursor,
    });
    expect(second.nodes.map((n) => sku[n.id])).toEqual(["D", "E"]);
    expect(second).toMatchObject({ hasNextPage: false, totalCount: 4 });
  });

  it("combines filters with search", async () => {
    const page = await listProducts(db.dataSource, { search: "f-d", listingStatus: "SYNCED" });
    expect(page.nodes.map((n) => sku[n.id])).toEqual(["D"]);
    expect(page.totalCount).toBe(1);
  });
});
