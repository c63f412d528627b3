import type { ListingPayload } from "@syncstore/core";
import { describe, expect, it } from "vitest";
import {
  addItemBody,
  changedContent,
  contentFields,
  domainField,
  imageUrls,
  itemContent,
  tierPlan,
  tiersKey,
  type BodyContext,
} from "./listing-body";

function payload(overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    platform: "SHOPEE",
    sellerSku: "MUG-1",
    title: "Stoneware Mug",
    description: "Thrown by hand, glazed twice, dishwasher safe.",
    brand: "Kiln & Co",
    category: "Kitchen > Mugs",
    price: 21000,
    currency: "IDR",
    stock: 12,
    weightKg: 0.42,
    dimensions: { lengthCm: 12, widthCm: 9.2, heightCm: 10 },
    images: ["/a.png", "/b.png"],
    attributes: {},
    variants: [],
    ...overrides,
  };
}

const ids = new Map([
  ["/a.png", "img-a"],
  ["/b.png", "img-b"],
  ["/red.png", "img-red"],
]);
const ctx: BodyContext = {
  imageIds: ids,
  fields: {
    categoryId: "100123",
    attributes: [
      { id: "100001", name: "Bahan", values: [{ id: "2001", name: "Keramik" }] },
      { id: "100002", name: "Kapasitas", values: [{ name: "350", unit: "ml" }] },
      { id: "100003", name: "Motif", values: [{ name: "Polos" }] },
    ],
    brand: { id: "3001", name: "Kiln & Co" },
    shipping: { platform: "SHOPEE", logistics: [{ logisticId: 80031 }, { logisticId: 80032, sizeId: 2 }] },
  },
};

describe("addItemBody", () => {
  it("maps the payload to Shopee's add_item fields", () => {
    expect(addItemBody(payload(), ctx)).toEqual({
      item_name: "Stoneware Mug",
      description: "Thrown by hand, glazed twice, dishwasher safe.",
      item_sku: "MUG-1",
      category_id: 100123,
      weight: 0.42,
      dimension: { package_length: 12, package_width: 10, package_height: 10 },
      image: { image_id_list: ["img-a", "img-b"] },
      brand: { brand_id: 3001, original_brand_name: "Kiln & Co" },
      attribute_list: [
        { attribute_id: 100001, attribute_value_list: [{ value_id: 2001, original_value_name: "Keramik" }] },
        {
          attribute_id: 100002,
          attribute_value_list: [{ value_id: 0, original_value_name: "350", value_unit: "ml" }],
        },
        { attribute_id: 100003, attribute_value_list: [{ value_id: 0, original_value_name: "Polos" }] },
      ],
      condition: "NEW",
      original_price: 21000,
      seller_stock: [{ stock: 12 }],
      logistic_info: [
        { logistic_id: 80031, enabled: true },
        { logistic_id: 80032, enabled: true, size_id: 2 },
      ],
    });
  });

  it("sends Shopee's No Brand only when the mapping says there is no brand, and a size chart when given", () => {
    const fields = { ...ctx.fields, brand: null, sizeChart: { templateId: "77" } };
    expect(itemContent(payload(), { ...ctx, fields })).toMatchObject({
      brand: { brand_id: 0, original_brand_name: "NoBrand" },
      size_chart_info: { size_chart_id: 77 },
    });
  });

  it("refuses an id that is not a Shopee integer, naming the marketplace field", () => {
    const fields = {
      ...ctx.fields,
      attributes: [{ id: "100001", name: "Bahan", values: [{ id: "katun" }] }],
    };
    expect(() => itemContent(payload(), { ...ctx, fields })).toThrow(
      expect.objectContaining({ errorClass: "VALIDATION", field: "attribute_list[Bahan]" }),
    );
    expect(() =>
      itemContent(payload(), { ...ctx, fields: { ...ctx.fields, categoryId: "Fashion" } }),
    ).toThrow(expect.objectContaining({ errorClass: "VALIDATION", field: "category_id" }));
  });

  it("leaves out what the payload lacks, so Shopee names the missing field", () => {
    const body = addItemBody(payload({ weightKg: null, dimensions: null }), ctx);
    expect(body).not.toHaveProperty("weight");
    expect(body).not.toHaveProperty("dimension");
  });

  it("refuses to build a body with an image that was not uploaded", () => {
    expect(() => itemContent(payload({ images: ["/missing.png"] }), ctx)).toThrow(/not uploaded/);
  });
});

describe("imageUrls", () => {
  it("lists item images then variant images, once each", () => {
    const p = payload({
      variants: [
        { sellerSku: "R", options: { Colour: "Red" }, price: 1, stock: 1, image: "/red.png" },
        { sellerSku: "B", options: { Colour: "Blue" }, price: 1, stock: 1, image: "/a.png" },
      ],
    });
    expect(imageUrls(p)).toEqual(["/a.png", "/b.png", "/red.png"]);
  });
});

describe("tierPlan", () => {
  it("is null without variants", () => {
    expect(tierPlan(payload(), ctx)).toBeNull();
  });

  it("builds tiers from option names and models with tier indexes, images on the first tier (all or none)", () => {
    const plan = tierPlan(
      payload({
        variants: [
          { sellerSku: "R-S", options: { Colour: "Red", Size: "S" }, price: 10, stock: 1, image: "/red.png" },
          { sellerSku: "R-M", options: { Colour: "Red", Size: "M" }, price: 11, stock: 2, image: null },
          { sellerSku: "B-M", options: { Size: "M", Colour: "Blue" }, price: 12, stock: 0, image: null },
        ],
      }),
      ctx,
    );
    expect(plan?.tiers).toEqual([
      {
        name: "Colour",
        // Blue has no picture of its own: the main image, since Shopee takes tier-1 images all or none.
        option_list: [
          { option: "Red", image: { image_id: "img-red" } },
          { option: "Blue", image: { image_id: "img-a" } },
        ],
      },
      { name: "Size", option_list: [{ option: "S" }, { option: "M" }] },
    ]);
    expect(plan?.models).toEqual([
      { sellerSku: "R-S", tierIndex: [0, 0], price: 10, stock: 1 },
      { sellerSku: "R-M", tierIndex: [0, 1], price: 11, stock: 2 },
      { sellerSku: "B-M", tierIndex: [1, 1], price: 12, stock: 0 },
    ]);
  });

  it("names variants by SKU when they carry no options", () => {
    const plan = tierPlan(
      payload({
        variants: [
          { sellerSku: "A", options: {}, price: 1, stock: 1, image: null },
          { sellerSku: "B", options: {}, price: 2, stock: 1, image: null },
        ],
      }),
      ctx,
    );
    expect(plan?.tiers).toEqual([{ name: "Variant", option_list: [{ option: "A" }, { option: "B" }] }]);
    expect(plan?.models.map((m) => m.tierIndex)).toEqual([[0], [1]]);
  });

  it("gives the same structure key to the same tiers whatever the images", () => {
    const a = [{ name: "C", option_list: [{ option: "Red", image: { image_id: "x" } }] }];
    const b = [{ name: "C", option_list: [{ option: "Red" }] }];
    expect(tiersKey(a)).toBe(tiersKey(b));
    expect(tiersKey(a)).not.toBe(tiersKey([{ name: "C", option_list: [{ option: "Blue" }] }]));
  });
});

describe("changedContent", () => {
  it("is empty when nothing moved and lists only the fields that did", () => {
    const before = itemContent(payload(), ctx);
    expect(changedContent(before, contentFields(before))).toEqual({});
    const after = itemContent(payload({ title: "Stoneware Mug, Large", images: ["/b.png"] }), ctx);
    expect(changedContent(after, contentFields(before))).toEqual({
      item_name: "Stoneware Mug, Large",
      image: { image_id_list: ["img-b"] },
    });
  });
});

describe("domainField", () => {
  const withVariants = payload({
    variants: [
      { sellerSku: "R", options: { Colour: "Red" }, price: 1, stock: 1, image: null },
      { sellerSku: "B", options: { Colour: "Blue" }, price: 1, stock: 1, image: null },
    ],
  });
  it.each([
    ["item_name", payload(), undefined, "title"],
    ["item_sku", payload(), undefined, "sellerSku"],
    ["category_id", payload(), undefined, "category_id"],
    ["attribute_list[0].attribute_value_list", payload(), undefined, "attribute_list"],
    ["weight", payload(), undefined, "weight"],
    ["dimension.package_height", payload(), undefined, "dimensions.heightCm"],
    ["image.image_id_list[3]", payload(), undefined, "images"],
    ["original_price", payload(), undefined, "price"],
    ["price_list[0].original_price", payload(), undefined, "price"],
    ["stock_list[0].seller_stock", payload(), undefined, "stock"],
    ["tier_variation[0].option_list[1].option", withVariants, undefined, "variants"],
    ["model[1].model_sku", withVariants, undefined, "variants[1].sellerSku"],
    ["model[0].original_price", withVariants, undefined, "variants[0].price"],
    ["price_list[0].original_price", withVariants, ["B"], "variants[1].price"],
    ["stock_list[0].seller_stock", withVariants, ["B"], "variants[1].stock"],
    ["logistic_info", payload(), undefined, "logistic_info"],
  ])("%s → %s", (path, p, skus, expected) => {
    expect(domainField(path, p, skus)).toBe(expected);
  });

  it("names an attribute_list entry by the mapped attribute it was built from", () => {
    const mapped = payload({ marketplace: ctx.fields });
    expect(domainField("attribute_list[0].attribute_value_list[0].value_id", mapped)).toBe(
      "attribute_list[Bahan]",
    );
    expect(domainField("attribute_list[7].attribute_id", mapped)).toBe("attribute_list");
    expect(domainField("attribute_list", mapped)).toBe("attribute_list");
  });
});
