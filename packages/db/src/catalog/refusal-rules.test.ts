import { describe, expect, it } from "vitest";
import { REFUSAL_RULES } from "@syncstore/core";
import { catalogColumns } from "./import/header";
import { parseCatalogRow } from "./import/parse-row";
import { CatalogFileError } from "./import/sources";
import { checkNonNegativeInt, checkPrice, checkTitle, type FieldError } from "./product-rules";
import { validateProductPatch } from "./update-product";

const refusal = (r: { ok: true } | { ok: false; error: FieldError }) => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};

describe("the rule each refusal names", () => {
  it.each([
    [checkNonNegativeInt("-3", "stock"), "MIN", { min: 0 }],
    [checkNonNegativeInt("2.5", "stock"), "WHOLE_NUMBER", {}],
    [checkNonNegativeInt(2_147_483_648, "stock"), "MAX", { max: 2_147_483_647 }],
    [checkPrice("-1"), "MIN", { min: 0 }],
    [checkPrice("1.234"), "DECIMAL_PLACES", { max: 2 }],
    [checkPrice("Rp 15.000"), "DECIMAL", {}],
    [checkTitle("   "), "BLANK", {}],
    [checkTitle("x".repeat(300)), "MAX_LENGTH", { max: 255, actual: 300 }],
    [checkTitle("a\u202eb"), "UNSAFE_CHARACTER", { character: "U+202E" }],
  ])("%#: %s", (result, rule, params) => {
    expect(refusal(result)).toMatchObject({ rule, params });
  });

  it("gives the params the rule declares, no more and no fewer, for every problem of a bad row", () => {
    const row = parseCatalogRow({
      sku: "A 1",
      title: "",
      price: "12.345",
      currency: "rupiah",
      stock: "-1",
      weight_grams: "0",
      length_cm: "3",
      images: "ftp://x",
      attributes: "warna",
      extra: "?",
      variants: [
        { sku: "A", price: "1", stock: 1, options: {} },
        { sku: "A", price: "x", stock: 1, options: 3 },
      ],
    });
    expect(row.ok).toBe(false);
    const errors = row.ok ? [] : row.errors;
    const patch = validateProductPatch({
      stock: -1,
      images: Array(12).fill("https://x.test/a.jpg"),
      weightGrams: 0,
    });
    const all = [...errors, ...patch.errors];
    expect(new Set(all.map((e) => e.rule)).size).toBeGreaterThan(10);
    for (const e of all) {
      expect(Object.keys(e.params).sort(), `${e.field} ${e.rule}`).toEqual(
        [...REFUSAL_RULES[e.rule].params].sort(),
      );
    }
  });

  it.each([
    [
      ["sku", "title", "price", "currency", "stock", "warna", "ukuran"],
      "UNKNOWN_COLUMNS",
      { columns: "warna, ukuran" },
    ],
    [["sku", "title", "price", "currency", "stock", "sku"], "REPEATED_COLUMNS", { columns: "sku" }],
    [["sku", "title"], "MISSING_COLUMNS", { columns: "price, currency, stock" }],
  ])("a header %j is refused as a whole with %s", (header, rule, params) => {
    let thrown: unknown;
    try {
      catalogColumns(header);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CatalogFileError);
    expect((thrown as CatalogFileError).ref).toEqual({ rule, params });
  });
});
