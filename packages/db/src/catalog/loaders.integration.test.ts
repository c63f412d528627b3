import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { insertTestChannel, insertTestProducts, setListing, testProduct } from "../test-support/products";
import {
  groupBy,
  loadChannels,
  loadListingsByProductIds,
  loadProductsByIds,
  loadVariantsByProductIds,
} from "./loaders";
import { toChannelSettings, toMasterProduct } from "./mappers";

let db: TestDatabase;
let ids: string[];
let shopee: string;

beforeAll(async () => {
  db = await createTestDatabase();
  shopee = await insertTestChannel(db.dataSource, "SHOPEE", "1");
  ids = await insertTestProducts(db.dataSource, [
    testProduct("LD-1", {
      variants: [
        { sku: "LD-1-L", options: { Size: "L" }, price: "16000.00", stock: 2, image: null, position: 1 },
        {
          sku: "LD-1-M",
          options: { Size: "M" },
          price: "15000.00",
          stock: 3,
          image: "/media/demo/fashion-3.png",
          position: 0,
        },
      ],
    }),
    testProduct("LD-2", { lengthCm: null, brand: null }),
  ]);
  await setListing(db.dataSource, ids[0]!, shopee, "SYNCED");
});
afterAll(async () => {
  await db.drop();
});

describe("batch loaders", () => {
  it("load many ids in one call, skipping unknown and malformed ids", async () => {
    const products = await loadProductsByIds(db.dataSource, [ids[1]!, "999999", "nope", ids[0]!, ids[0]!]);
    expect(products.map((p) => p.sku)).toEqual(["LD-1", "LD-2"]);
    expect(await loadProductsByIds(db.dataSource, [])).toEqual([]);
  });

  it("load variants in position order and listings with their channel", async () => {
    const variants = await loadVariantsByProductIds(db.dataSource, ids);
    expect(variants.map((v) => v.sku)).toEqual(["LD-1-M", "LD-1-L"]);
    const grouped = groupBy(ids, variants, (v) => v.productId);
    expect(grouped.map((g) => g.length)).toEqual([2, 0]);
    const listings = await loadListingsByProductIds(db.dataSource, ids);
    expect(listings).toHaveLength(1);
    expect(listings[0]).toMatchObject({
      productId: ids[0],
      status: "SYNCED",
      channel: { platform: "SHOPEE", shopId: "1" },
    });
  });
});

describe("mappers", () => {
  it("map a product and its variants to the domain model", async () => {
    const [p1, p2] = await loadProductsByIds(db.dataSource, ids);
    const variants = await loadVariantsByProductIds(db.dataSource, ids);
    const master = toMasterProduct(p1!, variants);
    expect(master).toEqual({
      id: ids[0],
      sku: "LD-1",
      title: "Produk LD-1",
      description: "Deskripsi produk",
      brand: "Acme",
      category: "Fashion",
      price: "15000.00",
      currency: "IDR",
      stock: 10,
      weightGrams: 250,
      dimensions: { lengthCm: 20, widthCm: 15, heightCm: 5 },
      images: ["/media/demo/fashion-1.png"],
      attributes: { Material: "Katun" },
      variants: [
        {
          id: expect.any(String),
          sku: "LD-1-M",
          options: { Size: "M" },
          price: "15000.00",
          stock: 3,
          image: "/media/demo/fashion-3.png",
        },
        {
          id: expect.any(String),
          sku: "LD-1-L",
          options: { Size: "L" },
          price: "16000.00",
          stock: 2,
          image: null,
        },
      ],
    });
    // Variants of other products are ignored; partial dimensions are no dimensions.
    expect(toMasterProduct(p2!, variants)).toMatchObject({ variants: [], dimensions: null, brand: null });
  });

  it("map a channel to its settings", async () => {
    const [channel] = await loadChannels(db.dataSource);
    expect(toChannelSettings(channel!)).toEqual({
      id: shopee,
      platform: "SHOPEE",
      shopId: "1",
      currency: "IDR",
      priceMultiplier: "1.1500",
      maxAttempts: 5,
      slowRetryDelaysMs: [60_000, 300_000, 900_000],
      titleMinLength: 5,
      titleMaxLength: 100,
    });
  });
});
