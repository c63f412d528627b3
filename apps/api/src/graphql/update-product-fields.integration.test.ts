import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/** The fields a listing's validation can name, beyond the first form's: SKU, dimensions, attributes, variants. */
let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 40 });
});
afterAll(async () => h?.close());

const MUTATION = `mutation U($input: UpdateProductInput!) {
  updateProduct(input: $input) {
    product {
      id sku
      dimensions { lengthCm widthCm heightCm }
      attributes { name value }
      variants { id sku price stock }
    }
    userErrors { field code rule params { name value } }
  }
}`;

interface Payload {
  updateProduct: {
    product: {
      id: string;
      sku: string;
      dimensions: { lengthCm: number; widthCm: number; heightCm: number } | null;
      attributes: { name: string; value: string }[];
      variants: { id: string; sku: string; price: string; stock: number }[];
    } | null;
    userErrors: { field: string[]; code: string; rule: string | null }[];
  };
}

async function productWithVariants(offset: number): Promise<{ id: string; sku: string; variants: string[] }> {
  const [row] = (await h.ds.query(
    `SELECT p.id::text, p.sku, array_agg(v.id::text ORDER BY v.position, v.id) AS variants
       FROM products p JOIN product_variants v ON v.product_id = p.id
      GROUP BY p.id HAVING count(*) >= 2 ORDER BY p.id OFFSET $1 LIMIT 1`,
    [offset],
  )) as { id: string; sku: string; variants: string[] }[];
  expect(row, "the harness catalog has products with two or more variants").toBeDefined();
  return row!;
}

const fieldsOf = (p: Payload) => p.updateProduct.userErrors.map((e) => e.field.join("."));

describe("updateProduct: every field a validation failure can name", () => {
  it("fixes a too-long SKU, the dimensions, the attributes and a variant, and marks synced listings OUT_OF_DATE", async () => {
    const p = await productWithVariants(0);
    const [c] = (await h.ds.query("SELECT id::text FROM channels ORDER BY id LIMIT 1")) as { id: string }[];
    await h.ds.query(
      "INSERT INTO listings (product_id, channel_id, status, external_id) VALUES ($1, $2, 'SYNCED', 'F1')",
      [p.id, c!.id],
    );
    const r = await h.gql<Payload>(MUTATION, {
      input: {
        id: p.id,
        sku: "  FIX-SKU-1 ",
        dimensions: { lengthCm: "20", widthCm: "10.5", heightCm: "3.25" },
        attributes: [
          { name: "Bahan", value: " Katun " },
          { name: "Warna", value: "" },
        ],
        variants: [{ id: p.variants[1], sku: "FIX-SKU-1-B", price: "20000.5", stock: 4 }],
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateProduct.userErrors).toEqual([]);
    const product = r.data!.updateProduct.product!;
    expect(product.sku).toBe("FIX-SKU-1");
    expect(product.dimensions).toEqual({ lengthCm: 20, widthCm: 10.5, heightCm: 3.25 });
    // An attribute given an empty value is dropped, not stored empty.
    expect(product.attributes).toEqual([{ name: "Bahan", value: "Katun" }]);
    expect(product.variants.find((v) => v.id === p.variants[1])).toEqual({
      id: p.variants[1],
      sku: "FIX-SKU-1-B",
      price: "20000.50",
      stock: 4,
    });
    const [l] = (await h.ds.query("SELECT status FROM listings WHERE product_id = $1", [p.id])) as {
      status: string;
    }[];
    expect(l!.status).toBe("OUT_OF_DATE");
  });

  it("a variant-only change still marks the synced listing OUT_OF_DATE", async () => {
    const p = await productWithVariants(1);
    const [c] = (await h.ds.query("SELECT id::text FROM channels ORDER BY id LIMIT 1")) as { id: string }[];
    await h.ds.query(
      "INSERT INTO listings (product_id, channel_id, status, external_id) VALUES ($1, $2, 'SYNCED', 'F2')",
      [p.id, c!.id],
    );
    const r = await h.gql<Payload>(MUTATION, {
      input: { id: p.id, variants: [{ id: p.variants[0], stock: 9 }] },
    });
    expect(r.data!.updateProduct.userErrors).toEqual([]);
    const [l] = (await h.ds.query("SELECT status FROM listings WHERE product_id = $1", [p.id])) as {
      status: string;
    }[];
    expect(l!.status).toBe("OUT_OF_DATE");
  });

  it("refuses bad values, each naming its field, and writes nothing", async () => {
    const p = await productWithVariants(2);
    const before = await h.ds.query("SELECT sku, length_cm::text, attributes FROM products WHERE id = $1", [
      p.id,
    ]);
    const r = await h.gql<Payload>(MUTATION, {
      input: {
        id: p.id,
        sku: "has space",
        dimensions: { lengthCm: "0", widthCm: "1", heightCm: "1" },
        attributes: [
          { name: "Bahan", value: "Katun" },
          { name: "Bahan", value: "Wol" },
        ],
        variants: [{ id: p.variants[0], sku: "V".repeat(101), price: "-1" }],
      },
    });
    expect(r.data!.updateProduct.product).toBeNull();
    expect(fieldsOf(r.data!)).toEqual([
      "input.sku",
      "input.dimensions.lengthCm",
      "input.attributes[1].name",
      "input.variants[0].sku",
    ]);
    expect(r.data!.updateProduct.userErrors.map((e) => e.rule)).toEqual([
      "NO_SPACES",
      "POSITIVE_DECIMAL",
      "ATTRIBUTE_REPEATED",
      "MAX_LENGTH",
    ]);
    expect(
      await h.ds.query("SELECT sku, length_cm::text, attributes FROM products WHERE id = $1", [p.id]),
    ).toEqual(before);
  });

  it("refuses a SKU another product or variant already has, and a variant of another product", async () => {
    const mine = await productWithVariants(3);
    const other = await productWithVariants(4);
    const taken = await h.gql<Payload>(MUTATION, { input: { id: mine.id, sku: other.sku } });
    expect(taken.data!.updateProduct.userErrors).toEqual([
      {
        field: ["input", "sku"],
        code: "TAKEN",
        rule: "SKU_TAKEN",
        params: [{ name: "sku", value: other.sku }],
      },
    ]);
    const [otherVariantSku] = (await h.ds.query("SELECT sku FROM product_variants WHERE id = $1", [
      other.variants[0],
    ])) as { sku: string }[];
    const variantTaken = await h.gql<Payload>(MUTATION, {
      input: { id: mine.id, variants: [{ id: mine.variants[0], sku: otherVariantSku!.sku }] },
    });
    expect(fieldsOf(variantTaken.data!)).toEqual(["input.variants[0].sku"]);
    expect(variantTaken.data!.updateProduct.userErrors[0]!.code).toBe("TAKEN");
    const foreign = await h.gql<Payload>(MUTATION, {
      input: { id: mine.id, variants: [{ id: other.variants[0], stock: 1 }] },
    });
    expect(foreign.data!.updateProduct.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "variants[0]", "id"], code: "NOT_FOUND" }),
    ]);
  });
});
