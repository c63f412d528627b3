import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 230 });
});
afterAll(async () => h?.close());

interface Page {
  products: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; sku: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PAGE = `query Page($first: Int, $after: String, $search: String) {
  products(first: $first, after: $after, search: $search) {
    totalCount
    edges { cursor node { id sku } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("products query", () => {
  it("counts the catalog", async () => {
    const r = await h.gql<Page>("{ products(first: 5) { totalCount edges { node { id } } } }");
    expect(r.errors).toBeUndefined();
    expect(r.data!.products.totalCount).toBe(230);
    expect(r.data!.products.edges).toHaveLength(5);
  });

  it("returns every product exactly once across pages, even while products are inserted between pages", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let inserted = 0;
    for (;;) {
      const r: { data?: Page; errors?: unknown } = await h.gql<Page>(PAGE, { first: 37, after });
      expect(r.errors).toBeUndefined();
      seen.push(...r.data!.products.edges.map((e) => e.node.id));
      // Someone adds products while we page: they land after the existing ones in id order.
      await h.ds.query(
        `INSERT INTO products (sku, title, description, price, currency, stock, images, attributes)
         VALUES ($1, 'Inserted while paging', '', 1000, 'IDR', 1, '[]', '{}')`,
        [`INS-${inserted++}`],
      );
      if (!r.data!.products.pageInfo.hasNextPage) break;
      after = r.data!.products.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const original: { id: string }[] = await h.ds.query(
      "SELECT id::text FROM products WHERE sku NOT LIKE 'INS-%'",
    );
    for (const { id } of original) expect(seen).toContain(id);
  });

  it("searches SKU, title and brand", async () => {
    const [row] = (await h.ds.query(
      "SELECT sku, brand FROM products WHERE brand IS NOT NULL ORDER BY id LIMIT 1",
    )) as { sku: string; brand: string }[];
    const bySku = await h.gql<Page>(PAGE, { first: 10, search: row!.sku.toLowerCase() });
    expect(bySku.data!.products.edges.map((e) => e.node.sku)).toContain(row!.sku);
    const byBrand = await h.gql<Page>(PAGE, { first: 100, search: row!.brand });
    expect(byBrand.data!.products.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ["first over the cap", "{ products(first: 101) { totalCount } }", /at most 100/],
    ["negative first", "{ products(first: -1) { totalCount } }", /negative/],
    ["a million", "{ products(first: 1000000) { totalCount } }", /at most 100/],
    ["a bad cursor", '{ products(first: 5, after: "bm9wZQ") { totalCount } }', /cursor/],
    ["a malformed id", '{ product(id: "abc") { id } }', /not a valid product id/],
  ])("refuses %s with BAD_USER_INPUT", async (_name, query, message) => {
    const r = await h.gql(query);
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it("returns null for an unknown product", async () => {
    const r = await h.gql('{ product(id: "999999999") { id } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ product: null });
  });

  it("loads variants and listings for a page in batches (no N+1)", async () => {
    // Count every SQL statement through TypeORM's logger hook, whatever API issued it.
    let queries = 0;
    const original = h.ds.logger;
    const counting = new Proxy(original, {
      get: (target, prop) => (prop === "logQuery" ? () => void queries++ : Reflect.get(target, prop)),
    });
    Object.defineProperty(h.ds, "logger", { value: counting, configurable: true, writable: true });
    try {
      const r = await h.gql(
        "{ products(first: 50) { edges { node { id variants { sku } listings { status } } } } }",
      );
      expect(r.errors).toBeUndefined();
    } finally {
      Object.defineProperty(h.ds, "logger", { value: original, configurable: true, writable: true });
    }
    // The page, its count, one variants load and one listings load: never one per product.
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThan(10);
  });
});

describe("expected channel prices", () => {
  const Q = `query($id: ID!) { product(id: $id) {
    price currency
    listings { platform shopId price expectedPrice }
    channelPrices { channelId platform shopId currency multiplier expectedPrice }
  } }`;
  interface Answer {
    product: {
      price: string;
      currency: string;
      listings: { platform: string; shopId: string; price: string | null; expectedPrice: string | null }[];
      channelPrices: {
        channelId: string;
        platform: string;
        shopId: string;
        currency: string;
        multiplier: string;
        expectedPrice: string | null;
      }[];
    };
  }

  it("serves master × the channel's configured multiplier with the currency's rounding, listed or not", async () => {
    const [p] = (await h.ds.query(
      `INSERT INTO products (sku, title, description, price, currency, stock, images, attributes)
       VALUES ('PRICE-PREVIEW-1', 'Price preview', '', 99999, 'IDR', 1, '[]', '{}') RETURNING id::text`,
    )) as { id: string }[];
    const channels: { id: string; platform: string }[] = await h.ds.query(
      "SELECT id::text, platform FROM channels WHERE enabled ORDER BY id",
    );
    const shopee = channels.find((c) => c.platform === "SHOPEE")!;
    const tiktok = channels.find((c) => c.platform === "TIKTOK_SHOP")!;
    // A listing on Shopee only; the seller set TikTok Shop's multiplier to 1.3333 in the meantime.
    await h.ds.query(
      `INSERT INTO listings (product_id, channel_id, status, price) VALUES ($1, $2, 'SYNCED', 114999)`,
      [p!.id, shopee.id],
    );
    await h.ds.query("UPDATE channels SET price_multiplier = 1.3333 WHERE id = $1", [tiktok.id]);
    try {
      const r = await h.gql<Answer>(Q, { id: p!.id });
      expect(r.errors).toBeUndefined();
      const prices = r.data!.product.channelPrices;
      // IDR 99999 × 1.15 = 114998.85 → 114999; × 1.3333 = 133328.6667 → 133329 (whole Rupiah, half up).
      expect(prices.find((c) => c.channelId === shopee.id)).toMatchObject({
        platform: "SHOPEE",
        currency: "IDR",
        expectedPrice: "114999",
      });
      expect(prices.find((c) => c.channelId === tiktok.id)).toMatchObject({
        platform: "TIKTOK_SHOP",
        expectedPrice: "133329",
      });
      expect(Number(prices.find((c) => c.channelId === tiktok.id)!.multiplier)).toBe(1.3333);
      expect(r.data!.product.listings).toEqual([
        expect.objectContaining({ platform: "SHOPEE", price: "114999.00", expectedPrice: "114999" }),
      ]);

      // A product priced in another currency has no price on an IDR channel.
      await h.ds.query("UPDATE products SET currency = 'SGD' WHERE id = $1", [p!.id]);
      const other = await h.gql<Answer>(Q, { id: p!.id });
      expect(other.data!.product.channelPrices.every((c) => c.expectedPrice === null)).toBe(true);
      expect(other.data!.product.listings[0]!.expectedPrice).toBeNull();
    } finally {
      await h.ds.query("UPDATE channels SET price_multiplier = 1.20 WHERE id = $1", [tiktok.id]);
    }
  });
});

describe("updateProduct", () => {
  const MUTATION = `mutation U($input: UpdateProductInput!) {
    updateProduct(input: $input) { product { id price stock title } userErrors { field code message } }
  }`;

  it("updates fields and marks synced listings OUT_OF_DATE", async () => {
    const [p] = (await h.ds.query("SELECT id::text FROM products ORDER BY id LIMIT 1")) as { id: string }[];
    const [c] = (await h.ds.query("SELECT id::text FROM channels ORDER BY id LIMIT 1")) as { id: string }[];
    await h.ds.query(
      "INSERT INTO listings (product_id, channel_id, status, external_id) VALUES ($1, $2, 'SYNCED', 'X1')",
      [p!.id, c!.id],
    );
    const r = await h.gql<{
      updateProduct: { product: { price: string; stock: number }; userErrors: unknown[] };
    }>(MUTATION, {
      input: { id: p!.id, price: "125000", stock: 7 },
    });
    expect(r.data!.updateProduct.userErrors).toEqual([]);
    expect(r.data!.updateProduct.product).toMatchObject({ price: "125000.00", stock: 7 });
    const [l] = (await h.ds.query("SELECT status FROM listings WHERE product_id = $1", [p!.id])) as {
      status: string;
    }[];
    expect(l!.status).toBe("OUT_OF_DATE");
  });

  it("reports every bad field and writes nothing", async () => {
    const [p] = (await h.ds.query(
      "SELECT id::text, price::text, stock FROM products ORDER BY id OFFSET 1 LIMIT 1",
    )) as { id: string; price: string; stock: number }[];
    const r = await h.gql<{
      updateProduct: { product: unknown; userErrors: { field: string[]; code: string }[] };
    }>(MUTATION, {
      input: { id: p!.id, price: "-5", stock: -1, title: "   " },
    });
    const fields = r.data!.updateProduct.userErrors.map((e) => e.field.join("."));
    expect(fields).toEqual(expect.arrayContaining(["input.price", "input.stock", "input.title"]));
    const ruled = await h.gql<{
      updateProduct: {
        userErrors: { field: string[]; rule: string; params: { name: string; value: string }[] }[];
      };
    }>(
      `mutation U($input: UpdateProductInput!) {
        updateProduct(input: $input) { userErrors { field rule params { name value } } }
      }`,
      { input: { id: p!.id, stock: -1, title: "x".repeat(300) } },
    );
    // The rule and its params say the refusal in any language; numbers travel as their decimal text.
    expect(ruled.data!.updateProduct.userErrors).toEqual([
      { field: ["input", "stock"], rule: "MIN", params: [{ name: "min", value: "0" }] },
      {
        field: ["input", "title"],
        rule: "MAX_LENGTH",
        params: [
          { name: "max", value: "255" },
          { name: "actual", value: "300" },
        ],
      },
    ]);
    const [after] = (await h.ds.query("SELECT price::text, stock FROM products WHERE id = $1", [p!.id])) as {
      price: string;
      stock: number;
    }[];
    expect(after).toEqual({ price: p!.price, stock: p!.stock });
  });

  it("fixes a product's missing weight, brand and category, and refuses a zero weight", async () => {
    const [p] = (await h.ds.query("SELECT id::text FROM products ORDER BY id DESC LIMIT 1")) as {
      id: string;
    }[];
    const bad = await h.gql<{ updateProduct: { userErrors: { field: string[]; code: string }[] } }>(
      MUTATION,
      {
        input: { id: p!.id, weightGrams: 0 },
      },
    );
    expect(bad.data!.updateProduct.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "weightGrams"], code: "OUT_OF_RANGE" }),
    ]);
    const r = await h.gql<{ updateProduct: { userErrors: unknown[] } }>(MUTATION, {
      input: { id: p!.id, weightGrams: 350, brand: "  Wardah ", category: "" },
    });
    expect(r.data!.updateProduct.userErrors).toEqual([]);
    const [row] = (await h.ds.query("SELECT weight_grams, brand, category FROM products WHERE id = $1", [
      p!.id,
    ])) as unknown[];
    expect(row).toEqual({ weight_grams: 350, brand: "Wardah", category: null });
  });

  it("answers NOT_FOUND for an unknown product", async () => {
    const r = await h.gql<{ updateProduct: { userErrors: { code: string }[] } }>(MUTATION, {
      input: { id: "999999999", stock: 1 },
    });
    expect(r.data!.updateProduct.userErrors[0]!.code).toBe("NOT_FOUND");
  });
});

describe("HTTP endpoints", () => {
  it("reports health of PostgreSQL and Redis", async () => {
    const res = await fetch(`${h.api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", postgres: "ok", redis: "ok" });
  });

  it("exposes Prometheus metrics", async () => {
    await h.gql("{ products(first: 1) { totalCount } }");
    const text = await (await fetch(`${h.api.url}/metrics`)).text();
    expect(text).toMatch(/syncstore_graphql_operations_total\{[^}]*outcome="ok"/);
    expect(text).toMatch(/syncstore_http_request_duration_seconds_bucket/);
  });

  it("serves demo product images", async () => {
    const [p] = (await h.ds.query(
      "SELECT images FROM products WHERE jsonb_array_length(images) > 0 LIMIT 1",
    )) as { images: string[] }[];
    const res = await fetch(`${h.api.url}${p!.images[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });
});

describe("a listing created but not finished", () => {
  it("shows `incomplete` with the marketplace id it already has, and not once a write completes it", async () => {
    const [p] = (await h.ds.query(
      `INSERT INTO products (sku, title, description, price, currency, stock, images, attributes)
       VALUES ('HALF-CREATED-1', 'Half created', '', 50000, 'IDR', 3, '[]', '{}') RETURNING id::text`,
    )) as { id: string }[];
    const [shopee] = (await h.ds.query(
      "SELECT id::text FROM channels WHERE platform = 'SHOPEE' AND enabled ORDER BY id LIMIT 1",
    )) as { id: string }[];
    await h.ds.query(
      `INSERT INTO listings (product_id, channel_id, external_id, status, incomplete)
       VALUES ($1, $2, '20000000604', 'FAILED', true)`,
      [p!.id, shopee!.id],
    );
    const Q = "query($id: ID!) { product(id: $id) { listings { platform externalId status incomplete } } }";
    type Answer = {
      product: { listings: { platform: string; externalId: string | null; incomplete: boolean }[] };
    };
    const half = await h.gql<Answer>(Q, { id: p!.id });
    expect(half.errors).toBeUndefined();
    expect(half.data!.product.listings).toEqual([
      { platform: "SHOPEE", externalId: "20000000604", status: "FAILED", incomplete: true },
    ]);
    await h.ds.query("UPDATE listings SET incomplete = false, status = 'SYNCED' WHERE product_id = $1", [
      p!.id,
    ]);
    const whole = await h.gql<Answer>(Q, { id: p!.id });
    expect(whole.data!.product.listings).toEqual([
      { platform: "SHOPEE", externalId: "20000000604", status: "SYNCED", incomplete: false },
    ]);
  });
});
