import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { insertTestProducts, testProduct } from "../test-support/products";
import { encodeProductCursor, InvalidCursorError } from "./cursor";
import { listProducts, type ListProductsArgs } from "./list-products";

let db: TestDatabase;
let seeded: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  const brands = ["Erigo", "Wardah", "Xiaomi", null];
  seeded = await insertTestProducts(
    db.dataSource,
    Array.from({ length: 237 }, (_, i) =>
      testProduct(`PG-${String(i).padStart(4, "0")}`, {
        title: `Kaos Polos ${i}`,
        brand: brands[i % 4] ?? null,
      }),
    ),
  );
});
afterAll(async () => {
  await db.drop();
});

async function walk(args: ListProductsArgs, between?: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; ; page++) {
    const res = await listProducts(db.dataSource, { ...args, after });
    seen.push(...res.nodes.map((n) => n.id));
    if (!res.hasNextPage) {
      expect(res.endCursor === null || res.nodes.length > 0).toBe(true);
      return seen;
    }
    after = res.endCursor;
    await between?.(page);
  }
}

describe("listProducts pagination", () => {
  it("returns every product exactly once, in id order, with the total on every page", async () => {
    const ids = await walk({ first: 10, search: "PG-" });
    expect(ids).toEqual(seeded);
    const page = await listProducts(db.dataSource, { first: 10, search: "PG-" });
    expect(page.totalCount).toBe(237);
    expect(page.nodes[0]).toMatchObject({
      sku: "PG-0000",
      price: "15000.00",
      images: ["/media/demo/fashion-1.png"],
    });
  });

  it("stays exactly-once while products are inserted and deleted between pages", async () => {
    const added: string[] = [];
    const deleted: string[] = [];
    const ids = await walk({ first: 25, search: "PG-" }, async (page) => {
      added.push(
        ...(await insertTestProducts(db.dataSource, [
          testProduct(`PG-NEW-${page}-a`),
          testProduct(`PG-NEW-${page}-b`),
        ])),
      );
      // Delete one product not seen yet: it must simply not appear.
      const victim = seeded[seeded.length - 1 - page]!;
      await db.dataSource.query("DELETE FROM products WHERE id = $1", [victim]);
      deleted.push(victim);
    });
    expect(new Set(ids).size).toBe(ids.length);
    const expected = [...seeded.filter((id) => !deleted.includes(id)), ...added];
    expect(ids).toEqual(expected.sort((a, b) => Number(BigInt(a) - BigInt(b))));
    // Put the world back for the other tests.
    await db.dataSource.query("DELETE FROM products WHERE sku LIKE 'PG-NEW-%'");
    seeded = seeded.filter((id) => !deleted.includes(id));
  });

  it("handles first = 0, the default, the cap and out-of-range values", async () => {
    const zero = await listProducts(db.dataSource, { first: 0 });
    expect(zero).toMatchObject({ nodes: [], hasNextPage: true, endCursor: null });
    expect(zero.totalCount).toBe(seeded.length);
    expect((await listProducts(db.dataSource, {})).nodes).toHaveLength(20);
    expect((await listProducts(db.dataSource, { first: 100 })).nodes).toHaveLength(100);
    for (const first of [101, -1, 1.5]) {
      await expect(listProducts(db.dataSource, { first })).rejects.toThrow(
        /^first: must be a whole number from 0 to 100/,
      );
    }
  });

  it("ends cleanly after the last product, and resumes after a deleted one", async () => {
    const last = seeded.at(-1)!;
    const end = await listProducts(db.dataSource, { first: 5, after: encodeProductCursor(last) });
    expect(end).toMatchObject({ nodes: [], hasNextPage: false, endCursor: null });

    const [a, b, c] = seeded as [string, string, string];
    await db.dataSource.query("DELETE FROM products WHERE id = $1", [b]);
    const resumed = await listProducts(db.dataSource, { first: 1, after: encodeProductCursor(b) });
    expect(resumed.nodes.map((n) => n.id)).toEqual([c]);
    const fromA = await listProducts(db.dataSource, { first: 1, after: encodeProductCursor(a) });
    expect(fromA.nodes.map((n) => n.id)).toEqual([c]);
    seeded = seeded.filter((id) => id !== b);
  });

  it.each([
    "garbage!",
    "cDE6MTI=",
    "",
    Buffer.from("batch:1").toString("base64url"),
    Buffer.from("p1:x").toString("base64url"),
  ])("rejects the cursor %j with InvalidCursorError", async (after) => {
    await expect(listProducts(db.dataSource, { after })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("listProducts search", () => {
  beforeAll(async () => {
    await insertTestProducts(db.dataSource, [
      testProduct("SRCH-ABC-001", { title: "Sepatu Lari Pria", brand: "Ventela" }),
      testProduct("SRCH-XYZ-002", { title: "Tas Ransel 50% Off", brand: "Eiger" }),
      testProduct("SRCH_UND_003", { title: "Botol Minum", brand: "Lock&Lock" }),
    ]);
  });

  it.each([
    ["sku, case-insensitive", "srch-abc", ["SRCH-ABC-001"]],
    ["title substring", "lari pria", ["SRCH-ABC-001"]],
    ["brand", "EIGER", ["SRCH-XYZ-002"]],
    ["brand with punctuation", "lock&", ["SRCH_UND_003"]],
    ["% is literal", "50%", ["SRCH-XYZ-002"]],
    ["_ is literal", "SRCH_", ["SRCH_UND_003"]],
    ["surrounding spaces ignored", "  ventela ", ["SRCH-ABC-001"]],
    ["no match", "tidak ada", []],
    ["words in any order", "pria sepatu", ["SRCH-ABC-001"]],
    ["every word must match", "sepatu eiger", []],
    ["words across SKU, title and brand", "ventela srch-abc lari", ["SRCH-ABC-001"]],
  ])("matches by %s", async (_name, search, skus) => {
    const page = await listProducts(db.dataSource, { first: 100, search });
    expect(page.nodes.map((n) => n.sku)).toEqual(skus);
    expect(page.totalCount).toBe(skus.length);
  });

  it("paginates search results with the filtered total", async () => {
    const expected: { id: string }[] = await db.dataSource.query(
      "SELECT id::text FROM products WHERE brand = 'Erigo' ORDER BY products.id",
    );
    expect(expected.length).toBeGreaterThan(50);
    const page = await listProducts(db.dataSource, { first: 7, search: "erigo" });
    expect(page.totalCount).toBe(expected.length);
    expect(await walk({ first: 7, search: "erigo" })).toEqual(expected.map((r) => r.id));
  });
});

describe("listProducts ordering", () => {
  let ordered: string[];
  beforeAll(async () => {
    // Ties on price and stock, and titles that differ only in case, so the id tiebreak is exercised.
    ordered = await insertTestProducts(
      db.dataSource,
      Array.from({ length: 43 }, (_, i) =>
        testProduct(`ORD-${String(i).padStart(3, "0")}`, {
          title: `${i % 2 ? "b" : "B"} order ${String((i * 7) % 43).padStart(2, "0")}`,
          price: `${10_000 + (i % 5) * 2500}.${i % 3 ? "50" : "00"}`,
          stock: (i * 11) % 9,
        }),
      ),
    );
  });

  const orders = [
    ["SKU", "sku", (r: Row) => r.sku],
    ["TITLE", "title", (r: Row) => r.title],
    ["PRICE", "price", (r: Row) => r.price],
    ["STOCK", "stock", (r: Row) => r.stock],
    ["UPDATED_AT", "updated_at", (r: Row) => r.updated_at],
  ] as const;
  interface Row {
    id: string;
    sku: string;
    title: string;
    price: string;
    stock: number;
    updated_at: string;
  }

  it.each(
    orders.flatMap(([field, column]) => (["ASC", "DESC"] as const).map((d) => [field, column, d] as const)),
  )(
    "by %s %s %s pages through every match exactly once, in PostgreSQL's order with ties by id",
    async (field, column, direction) => {
      const expected: { id: string }[] = await db.dataSource.query(
        `SELECT id::text FROM products WHERE sku LIKE 'ORD-%' ORDER BY ${column} ${direction}, id ${direction}`,
      );
      const ids = await walk({ first: 6, search: "ORD-", orderBy: { field, direction } });
      expect(ids).toEqual(expected.map((r) => r.id));
      expect(new Set(ids)).toEqual(new Set(ordered));
    },
  );

  it("orders the whole catalog without a filter, and each edge's cursor resumes right after it", async () => {
    const expected: { id: string }[] = await db.dataSource.query(
      "SELECT id::text FROM products ORDER BY price DESC, id DESC LIMIT 12",
    );
    const orderBy = { field: "PRICE", direction: "DESC" } as const;
    const page = await listProducts(db.dataSource, { first: 12, orderBy });
    expect(page.nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    const resumed = await listProducts(db.dataSource, { first: 3, orderBy, after: page.cursors[4]! });
    expect(resumed.nodes.map((n) => n.id)).toEqual(expected.slice(5, 8).map((r) => r.id));
  });

  it("refuses a cursor of another order", async () => {
    const byPrice = await listProducts(db.dataSource, {
      first: 2,
      orderBy: { field: "PRICE", direction: "ASC" },
    });
    const byId = await listProducts(db.dataSource, { first: 2 });
    await expect(
      listProducts(db.dataSource, {
        first: 2,
        after: byPrice.endCursor,
        orderBy: { field: "PRICE", direction: "DESC" },
      }),
    ).rejects.toThrow(InvalidCursorError);
    await expect(listProducts(db.dataSource, { first: 2, after: byPrice.endCursor })).rejects.toThrow(
      InvalidCursorError,
    );
    await expect(
      listProducts(db.dataSource, {
        first: 2,
        after: byId.endCursor,
        orderBy: { field: "STOCK", direction: "ASC" },
      }),
    ).rejects.toThrow(InvalidCursorError);
  });
});
