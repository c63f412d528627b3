import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { insertTestChannel, insertTestProducts, setListing, testProduct } from "../test-support/products";
import { updateProduct, type ProductPatch } from "./update-product";

let db: TestDatabase;
let shopee: string;
let tiktok: string;
let productId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  shopee = await insertTestChannel(db.dataSource, "SHOPEE", "1");
  tiktok = await insertTestChannel(db.dataSource, "TIKTOK_SHOP", "C");
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.dataSource.query("TRUNCATE products CASCADE");
  [productId] = (await insertTestProducts(db.dataSource, [testProduct("UP-1")])) as [string];
  await setListing(db.dataSource, productId, shopee, "SYNCED");
  await setListing(db.dataSource, productId, tiktok, "FAILED");
});

async function snapshot() {
  const [product] = (await db.dataSource.query(
    "SELECT price::text, stock, title, description, images, updated_at FROM products WHERE id = $1",
    [productId],
  )) as [Record<string, unknown>];
  const listings: { status: string }[] = await db.dataSource.query(
    "SELECT status FROM listings WHERE product_id = $1 ORDER BY channel_id",
    [productId],
  );
  return { product, statuses: listings.map((l) => l.status) };
}

describe("updateProduct", () => {
  it("writes every field and marks SYNCED listings OUT_OF_DATE in one go", async () => {
    const before = await snapshot();
    const res = await updateProduct(db.dataSource, productId, {
      price: "19999.5",
      stock: 3,
      title: "  Kaos Polos Premium  ",
      description: "Baru",
      images: ["https://cdn.example.com/a.jpg", "/media/demo/fashion-2.png"],
    });
    expect(res.userErrors).toEqual([]);
    expect(res.listingsMarkedOutOfDate).toBe(1);
    expect(res.product).toMatchObject({
      id: productId,
      price: "19999.50",
      stock: 3,
      title: "Kaos Polos Premium",
      description: "Baru",
      images: ["https://cdn.example.com/a.jpg", "/media/demo/fashion-2.png"],
    });
    const after = await snapshot();
    expect(after.statuses).toEqual(["OUT_OF_DATE", "FAILED"]);
    expect((after.product.updated_at as Date).getTime()).toBeGreaterThan(
      (before.product.updated_at as Date).getTime(),
    );
  });

  it("changes nothing, and marks nothing, when the patch equals what is stored", async () => {
    const res = await updateProduct(db.dataSource, productId, { price: 15000, stock: 10 });
    expect(res).toMatchObject({ userErrors: [], listingsMarkedOutOfDate: 0 });
    expect(res.product?.price).toBe("15000.00");
    expect((await snapshot()).statuses).toEqual(["SYNCED", "FAILED"]);
  });

  it.each<[string, ProductPatch, string, string]>([
    ["negative price", { price: "-1" }, "price", "OUT_OF_RANGE"],
    ["three decimals", { price: "1.005" }, "price", "INVALID"],
    ["negative stock", { stock: -2 }, "stock", "OUT_OF_RANGE"],
    ["fractional stock", { stock: 1.5 }, "stock", "INVALID"],
    ["blank title", { title: "   " }, "title", "BLANK"],
    ["long title", { title: "t".repeat(256) }, "title", "TOO_LONG"],
    ["long description", { description: "d".repeat(10_001) }, "description", "TOO_LONG"],
    [
      "ten images",
      { images: Array.from({ length: 10 }, (_, i) => `/media/x-${i}.png`) },
      "images",
      "TOO_MANY",
    ],
    ["bad image URL", { images: ["/media/a.png", "ftp://x/y.png"] }, "images[1]", "INVALID"],
  ])("rejects %s and writes nothing", async (_name, patch, field, code) => {
    const before = await snapshot();
    // A valid field alongside the bad one must not be written either.
    const res = await updateProduct(db.dataSource, productId, {
      ...patch,
      description: patch.description ?? "changed",
    });
    expect(res.product).toBeNull();
    expect(res.userErrors).toEqual([expect.objectContaining({ field, code, message: expect.any(String) })]);
    expect(await snapshot()).toEqual(before);
  });

  it("reports every invalid field at once", async () => {
    const res = await updateProduct(db.dataSource, productId, { price: "abc", stock: -1, title: "" });
    expect(res.userErrors.map((e) => e.field)).toEqual(["price", "stock", "title"]);
  });

  it.each(["999999", "abc", "0", ""])("answers NOT_FOUND for id %j", async (id) => {
    const res = await updateProduct(db.dataSource, id, { stock: 1 });
    expect(res.product).toBeNull();
    expect(res.userErrors).toEqual([
      {
        field: "id",
        code: "NOT_FOUND",
        message: expect.stringContaining(JSON.stringify(id)),
        rule: "NOT_FOUND",
        params: {},
      },
    ]);
  });
});
