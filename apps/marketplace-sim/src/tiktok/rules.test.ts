import { describe, expect, it } from "vitest";
import { TTS_CODES } from "./errors";
import { Taxonomy } from "../taxonomy";
import { checkProduct, type ProductContext } from "./rules";

const issued = new Set(["img/a", "img/b"]);
const isIssued: ProductContext = {
  issuedImage: (uri) => issued.has(uri),
  taxonomy: new Taxonomy(),
  currency: "IDR",
};
const WAREHOUSE = "7068517275539719942";

function valid(): Record<string, unknown> {
  return {
    title: "Sturdy Oak Cutting Board, Large 45 cm",
    description: "<p>Solid oak.</p>",
    main_images: [{ uri: "img/a" }],
    // Peralatan Masak: Bahan is required, "Stainless Steel" is its value 10039402.
    category_id: "600302",
    category_version: "v2",
    product_attributes: [{ id: "100394", values: [{ id: "10039402" }] }],
    skus: [
      {
        seller_sku: "OAK-45",
        price: { amount: "299000", currency: "IDR" },
        inventory: [{ warehouse_id: WAREHOUSE, quantity: 4 }],
      },
    ],
    package_weight: { value: "1.2", unit: "KILOGRAM" },
  };
}

type Mutate = (b: Record<string, unknown>) => void;
const sku0 = (b: Record<string, unknown>) => (b.skus as Record<string, unknown>[])[0]!;

describe("checkProduct", () => {
  it("accepts a valid product and normalises it", () => {
    const r = checkProduct(valid(), isIssued);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.main_images).toEqual(["img/a"]);
      expect(r.value.skus[0]).toMatchObject({
        id: null,
        seller_sku: "OAK-45",
        inventory: [{ warehouse_id: WAREHOUSE, quantity: 4 }],
      });
    }
  });

  it("accepts titles of exactly 25 and 255 characters and a 10,000-character description", () => {
    for (const title of ["x".repeat(25), "x".repeat(255)]) {
      expect(checkProduct({ ...valid(), title, description: "d".repeat(10_000) }, isIssued).ok).toBe(true);
    }
  });

  const cases: { name: string; mutate: Mutate; field: string; code: number }[] = [
    {
      name: "title too short",
      mutate: (b) => (b.title = "x".repeat(24)),
      field: "title",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "title too long",
      mutate: (b) => (b.title = "x".repeat(256)),
      field: "title",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "title missing",
      mutate: (b) => delete b.title,
      field: "title",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "description missing",
      mutate: (b) => delete b.description,
      field: "description",
      code: TTS_CODES.DESCRIPTION_INVALID,
    },
    {
      name: "description blank",
      mutate: (b) => (b.description = "  "),
      field: "description",
      code: TTS_CODES.DESCRIPTION_INVALID,
    },
    {
      name: "description too long",
      mutate: (b) => (b.description = "d".repeat(10_001)),
      field: "description",
      code: TTS_CODES.DESCRIPTION_INVALID,
    },
    {
      name: "no images",
      mutate: (b) => (b.main_images = []),
      field: "main_images",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "ten images",
      mutate: (b) => (b.main_images = Array(10).fill({ uri: "img/a" })),
      field: "main_images",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "image not issued",
      mutate: (b) => (b.main_images = [{ uri: "img/a" }, { uri: "https://elsewhere/x.jpg" }]),
      field: "main_images[1].uri",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    { name: "no skus", mutate: (b) => (b.skus = []), field: "skus", code: TTS_CODES.PRODUCT_FIELD_INVALID },
    {
      name: "101 skus",
      mutate: (b) => (b.skus = Array(101).fill(sku0(b))),
      field: "skus",
      code: TTS_CODES.TOO_MANY_SKUS,
    },
    {
      name: "seller_sku over 50",
      mutate: (b) => (sku0(b).seller_sku = "S".repeat(51)),
      field: "skus[0].seller_sku",
      code: TTS_CODES.SELLER_SKU_INVALID,
    },
    {
      name: "seller_sku not text",
      mutate: (b) => (sku0(b).seller_sku = 42),
      field: "skus[0].seller_sku",
      code: TTS_CODES.SELLER_SKU_INVALID,
    },
    {
      name: "price zero",
      mutate: (b) => (sku0(b).price = { amount: "0", currency: "IDR" }),
      field: "skus[0].price.amount",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "price negative",
      mutate: (b) => (sku0(b).price = { amount: "-1", currency: "IDR" }),
      field: "skus[0].price.amount",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "price not a decimal string",
      mutate: (b) => (sku0(b).price = { amount: 10, currency: "IDR" }),
      field: "skus[0].price.amount",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "currency missing",
      mutate: (b) => (sku0(b).price = { amount: "1" }),
      field: "skus[0].price.currency",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "stock negative",
      mutate: (b) => (sku0(b).inventory = [{ quantity: -1 }]),
      field: "skus[0].inventory[0].quantity",
      code: TTS_CODES.STOCK_INVALID,
    },
    {
      name: "stock fractional",
      mutate: (b) => (sku0(b).inventory = [{ quantity: 1.5 }]),
      field: "skus[0].inventory[0].quantity",
      code: TTS_CODES.STOCK_INVALID,
    },
    {
      name: "inventory missing",
      mutate: (b) => delete sku0(b).inventory,
      field: "skus[0].inventory",
      code: TTS_CODES.STOCK_INVALID,
    },
    {
      name: "package_weight missing",
      mutate: (b) => delete b.package_weight,
      field: "package_weight",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "package_weight zero",
      mutate: (b) => (b.package_weight = { value: "0", unit: "KILOGRAM" }),
      field: "package_weight.value",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "package_weight unit",
      mutate: (b) => (b.package_weight = { value: "1", unit: "STONE" }),
      field: "package_weight.unit",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "dimension zero",
      mutate: (b) => (b.package_dimensions = { length: "0", width: "1", height: "1", unit: "CENTIMETER" }),
      field: "package_dimensions.length",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "duplicate seller_sku within the product",
      mutate: (b) =>
        (b.skus = [
          { ...sku0(b), sales_attributes: [{ name: "Size", value_name: "S" }] },
          { ...sku0(b), sales_attributes: [{ name: "Size", value_name: "M" }] },
        ]),
      field: "skus[1].seller_sku",
      code: TTS_CODES.SELLER_SKU_INVALID,
    },
    {
      name: "multi-SKU product without sales attributes",
      mutate: (b) => (b.skus = [sku0(b), { ...sku0(b), seller_sku: "OAK-46" }]),
      field: "skus[0].sales_attributes",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
    {
      name: "variant image not issued",
      mutate: (b) =>
        (sku0(b).sales_attributes = [{ name: "Colour", value_name: "Red", sku_img: { uri: "nope" } }]),
      field: "skus[0].sales_attributes[0].sku_img.uri",
      code: TTS_CODES.PRODUCT_FIELD_INVALID,
    },
  ];

  it.each(cases)("rejects $name naming $field", ({ mutate, field, code }) => {
    const body = valid();
    mutate(body);
    const r = checkProduct(body, isIssued);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.violation.field).toBe(field);
      expect(r.violation.code).toBe(code);
      expect(r.violation.message).toContain(`\`${field}\``);
    }
  });

  it("rejects a body that is not an object", () => {
    const r = checkProduct([1, 2], isIssued);
    expect(r.ok ? null : r.violation.code).toBe(TTS_CODES.PARAM_INVALID);
  });
});
