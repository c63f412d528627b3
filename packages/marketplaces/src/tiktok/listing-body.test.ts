import type { ListingPayload } from "@syncstore/core";
import { describe, expect, it } from "vitest";
import {
  domainField,
  formatDecimal,
  imageUrls,
  remoteListing,
  toProductInput,
  writtenListing,
  type BodyOptions,
} from "./listing-body";

function payload(overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    platform: "TIKTOK_SHOP",
    sellerSku: "MUG-1",
    title: "Stoneware Coffee Mug 350 ml, Speckled Glaze",
    description: "A mug.",
    brand: "Kiln & Co",
    category: "600001",
    price: 14.4,
    currency: "USD",
    stock: 7,
    weightKg: 0.45,
    dimensions: { lengthCm: 12, widthCm: 9, heightCm: 10.5 },
    images: ["https://cdn.example/mug-1.jpg", "/media/mug-2.jpg"],
    attributes: {},
    variants: [],
    ...overrides,
  };
}

const uris = new Map([
  ["https://cdn.example/mug-1.jpg", "tos/u1"],
  ["/media/mug-2.jpg", "tos/u2"],
  ["/media/red.jpg", "tos/red"],
]);

const fields: BodyOptions["fields"] = {
  categoryId: "600001",
  attributes: [
    { id: "100001", name: "Bahan", values: [{ id: "1001", name: "Keramik" }] },
    { id: "100002", name: "Kapasitas", values: [{ name: "350", unit: "ml" }] },
  ],
  brand: { id: "7001", name: "Kiln & Co" },
  shipping: { platform: "TIKTOK_SHOP", warehouseId: "WH1" },
};

const variants: ListingPayload["variants"] = [
  {
    sellerSku: "MUG-1-RED",
    options: { Colour: "Red", Size: "L" },
    price: 15,
    stock: 2,
    image: "/media/red.jpg",
  },
  { sellerSku: "MUG-1-BLU", options: { Colour: "Blue", Size: "L" }, price: 16.5, stock: 0, image: null },
];

describe("toProductInput", () => {
  it("sends a product without variants as one default SKU carrying the product's seller SKU", () => {
    expect(toProductInput(payload(), { uris, fields })).toEqual({
      title: "Stoneware Coffee Mug 350 ml, Speckled Glaze",
      description: "A mug.",
      category_id: "600001",
      brand_id: "7001",
      product_attributes: [
        { id: "100001", values: [{ id: "1001", name: "Keramik" }] },
        { id: "100002", values: [{ name: "350 ml" }] },
      ],
      main_images: [{ uri: "tos/u1" }, { uri: "tos/u2" }],
      skus: [
        {
          seller_sku: "MUG-1",
          price: { amount: "14.4", currency: "USD" },
          inventory: [{ warehouse_id: "WH1", quantity: 7 }],
        },
      ],
      package_weight: { value: "0.45", unit: "KILOGRAM" },
      // Whole centimetres, rounded up so the parcel still fits.
      package_dimensions: { length: "12", width: "9", height: "11", unit: "CENTIMETER" },
    });
  });

  it("sends one SKU per variant with sales attributes, the variant image on the first, and known SKU ids", () => {
    const body = toProductInput(payload({ variants }), {
      uris,
      fields,
      skuIds: new Map([["MUG-1-BLU", "sku-9"]]),
    });
    expect(body.skus).toEqual([
      {
        seller_sku: "MUG-1-RED",
        price: { amount: "15", currency: "USD" },
        inventory: [{ warehouse_id: "WH1", quantity: 2 }],
        sales_attributes: [
          { name: "Colour", value_name: "Red", sku_img: { uri: "tos/red" } },
          { name: "Size", value_name: "L" },
        ],
      },
      {
        id: "sku-9",
        seller_sku: "MUG-1-BLU",
        price: { amount: "16.5", currency: "USD" },
        inventory: [{ warehouse_id: "WH1", quantity: 0 }],
        sales_attributes: [
          { name: "Colour", value_name: "Blue" },
          { name: "Size", value_name: "L" },
        ],
      },
    ]);
  });

  it("leaves out what the master does not have; the category is the mapping's, not the master's", () => {
    const body = toProductInput(payload({ category: null, weightKg: null, dimensions: null }), {
      uris,
      fields,
    });
    expect(body.category_id).toBe("600001");
    expect(body).not.toHaveProperty("package_weight");
    expect(body).not.toHaveProperty("package_dimensions");
  });

  it("refuses to build a body for an image that was not uploaded", () => {
    expect(() => toProductInput(payload({ images: ["/media/missing.jpg"] }), { uris, fields })).toThrow(
      /missing\.jpg/,
    );
  });
});

describe("imageUrls", () => {
  it("lists main then variant images once each", () => {
    expect(imageUrls(payload({ variants, images: ["/media/red.jpg", "/media/mug-2.jpg"] }))).toEqual([
      "/media/red.jpg",
      "/media/mug-2.jpg",
    ]);
  });
});

describe("formatDecimal", () => {
  it.each([
    [14.4, "14.4"],
    [0.1 + 0.2, "0.3"],
    [150000, "150000"],
    [9.999, "10"],
  ])("%f → %s", (n, s) => expect(formatDecimal(n)).toBe(s));
});

describe("remoteListing / writtenListing", () => {
  const product = {
    id: "1729",
    title: "T",
    status: "ACTIVATE",
    skus: [
      { id: "a", seller_sku: "MUG-1-RED", price: 15, stock: 2 },
      { id: "b", seller_sku: "MUG-1-BLU", price: 12, stock: 5 },
    ],
  };

  it("prices a product by the SKU it was found by, or by its cheapest", () => {
    expect(remoteListing(product, "MUG-1-RED")).toMatchObject({
      externalId: "1729",
      sellerSku: "MUG-1-RED",
      price: 15,
      stock: 7,
    });
    expect(remoteListing(product, "MUG-1").price).toBe(12);
    expect(remoteListing(product, "MUG-1").variants).toEqual([
      { sellerSku: "MUG-1-RED", externalId: "a", price: 15, stock: 2 },
      { sellerSku: "MUG-1-BLU", externalId: "b", price: 12, stock: 5 },
    ]);
  });

  it("reports a written listing with TikTok's SKU ids", () => {
    const l = writtenListing(
      payload({ variants }),
      "1729",
      new Map([
        ["MUG-1-RED", "a"],
        ["MUG-1-BLU", "b"],
      ]),
      "PENDING",
    );
    expect(l).toMatchObject({ externalId: "1729", sellerSku: "MUG-1", stock: 2, status: "PENDING" });
    expect(l.variants.map((v) => v.externalId)).toEqual(["a", "b"]);
  });
});

describe("domainField", () => {
  it.each([
    ["title", false, "title"],
    ["main_images[3].uri", false, "images"],
    ["skus[0].seller_sku", false, "sellerSku"],
    ["skus[0].price.amount", false, "price"],
    ["skus[0].inventory[0].quantity", false, "stock"],
    ["skus[1].seller_sku", true, "variants[1].sellerSku"],
    ["skus[1].price.amount", true, "variants[1].price"],
    ["skus[2].inventory[0].quantity", true, "variants[2].stock"],
    ["skus[0].sales_attributes[0].sku_img.uri", true, "variants[0].image"],
    ["skus[0].sales_attributes", true, "variants[0].options"],
    ["package_weight.value", false, "weightKg"],
    ["package_dimensions.width", false, "dimensions.widthCm"],
    ["category_id", false, "category_id"],
    ["product_attributes[1].values", false, "product_attributes"],
    ["skus[1].inventory[0].warehouse_id", true, "skus[].inventory[].warehouse_id"],
    ["description", true, "description"],
  ])("%s (variants: %s) → %s", (path, hasVariants, field) => {
    expect(domainField(path, payload({ variants: hasVariants ? variants : [] }))).toBe(field);
  });

  it("names a product_attributes entry by the mapped attribute it was built from", () => {
    const mapped = payload({ marketplace: fields });
    const name = fields.attributes[0]!.name;
    expect(domainField("product_attributes[0].values[0].id", mapped)).toBe(`product_attributes[${name}]`);
    expect(domainField("product_attributes[9].id", mapped)).toBe("product_attributes");
  });
});
