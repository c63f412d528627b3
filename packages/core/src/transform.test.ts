import { describe, expect, it } from "vitest";
import { contentHash } from "./hash";
import { sampleChannel, sampleProduct, tiktokChannel } from "./test-fixtures";
import { transformProduct } from "./transform";

describe("transformProduct", () => {
  it("builds a Shopee payload: priced, titled, weight in kg, images as given", () => {
    const { payload, problems, titleSimilarity } = transformProduct(sampleProduct(), sampleChannel());
    expect(problems).toEqual([]);
    expect(payload).toEqual({
      platform: "SHOPEE",
      sellerSku: "SHOE-001",
      title: "Stride Running Shoes Black 42",
      description: "Lightweight running shoes with a breathable mesh upper.",
      brand: "Stride",
      category: "100017",
      price: 114999, // 99999 × 1.15 = 114998.85
      currency: "IDR",
      stock: 12,
      weightKg: 1.25,
      dimensions: { lengthCm: 30, widthCm: 20, heightCm: 12 },
      images: ["https://cdn.example.com/shoe-1.jpg", "/images/shoe-2.jpg"],
      attributes: { Color: "Black", Size: "42", Origin: "Vietnam" },
      variants: [
        { sellerSku: "SHOE-001-42", options: { Size: "42" }, price: 114999, stock: 5, image: null },
        { sellerSku: "SHOE-001-43", options: { Size: "43" }, price: 115000, stock: 7, image: null },
      ],
    });
    expect(titleSimilarity).toBeCloseTo(2 / 5, 10);
  });

  it("uses the channel's multiplier and currency rule", () => {
    const product = sampleProduct({ price: "19.99", currency: "SGD", variants: [] });
    const { payload, problems } = transformProduct(product, tiktokChannel({ currency: "SGD" }));
    expect(problems).toEqual([]);
    expect(payload.price).toBe(23.99); // 19.99 × 1.20 = 23.988
    expect(payload.platform).toBe("TIKTOK_SHOP");
  });

  it("is deterministic and does not share arrays or objects with the product", () => {
    const product = sampleProduct();
    const first = transformProduct(product, sampleChannel());
    const second = transformProduct(structuredClone(product), sampleChannel());
    expect(second).toEqual(first);
    expect(contentHash(second.payload)).toBe(contentHash(first.payload));
    first.payload.images.push("https://x.test/extra.jpg");
    first.payload.attributes.Color = "Red";
    expect(product.images).toHaveLength(2);
    expect(product.attributes.Color).toBe("Black");
  });

  it("reports a title too short for TikTok Shop instead of padding it", () => {
    const { payload, problems } = transformProduct(
      sampleProduct({ title: "Mug", brand: null, attributes: {} }),
      tiktokChannel(),
    );
    expect(payload.title).toBe("Mug");
    expect(problems.map((p) => [p.field, p.code])).toEqual([["title", "TOO_SHORT"]]);
  });

  it("reports every problem of a bad product at once", () => {
    const product = sampleProduct({
      description: "short",
      images: [],
      weightGrams: null,
      dimensions: null,
      category: null,
      variants: [
        { id: "a", sku: "DUP", options: {}, price: "10", stock: 1, image: null },
        { id: "b", sku: "DUP", options: {}, price: "abc", stock: 1, image: null },
      ],
    });
    expect(transformProduct(product, sampleChannel()).problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      "variants[1].price:NOT_A_NUMBER",
      "description:TOO_SHORT",
      "images:REQUIRED",
      "weight:REQUIRED",
      "dimensions:REQUIRED",
      "category:REQUIRED",
      "variants[1].sellerSku:DUPLICATE",
    ]);
  });

  it.each([
    [{ price: "abc" }, {}, ["price:NOT_A_NUMBER"]],
    [{ price: "-5" }, {}, ["price:NEGATIVE"]],
    [{}, { priceMultiplier: "0" }, ["priceMultiplier:NOT_POSITIVE"]],
    [{}, { priceMultiplier: "lots" }, ["priceMultiplier:NOT_A_NUMBER"]],
    [{}, { currency: "SGD" }, ["currency:CURRENCY_MISMATCH"]],
    [{}, { currency: "??" }, ["channel.currency:INVALID_FORMAT"]],
    [{ currency: "rupiah" }, {}, ["currency:INVALID_FORMAT"]],
    [{}, { titleMinLength: 50, titleMaxLength: 10 }, ["titleMinLength:INVALID_SETTING"]],
  ])(
    "turns bad input %j / channel %j into problems %j, not a crash",
    (productPatch, channelPatch, expected) => {
      const { problems } = transformProduct(sampleProduct(productPatch), sampleChannel(channelPatch));
      expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual(expected);
      for (const p of problems) expect(p.message).toContain(p.field);
    },
  );

  it("names the variant whose price is bad", () => {
    const product = sampleProduct();
    product.variants[1] = { ...product.variants[1]!, price: "-1" };
    const { problems } = transformProduct(product, sampleChannel());
    expect(problems).toEqual([
      {
        field: "variants[1].price",
        code: "NEGATIVE",
        message: 'variants[1].price must not be negative, got "-1"',
      },
    ]);
  });

  it("reports Shopee's variant price spread without changing prices", () => {
    const product = sampleProduct({
      variants: [
        { id: "a", sku: "A", options: { Size: "S" }, price: "10000", stock: 1, image: null },
        { id: "b", sku: "B", options: { Size: "XL" }, price: "80000", stock: 1, image: null },
      ],
    });
    const shopee = transformProduct(product, sampleChannel());
    expect(shopee.payload.variants.map((v) => v.price)).toEqual([11500, 92000]);
    expect(shopee.problems.map((p) => `${p.field}:${p.code}`)).toEqual(["variants:PRICE_SPREAD"]);
    expect(transformProduct(product, tiktokChannel()).problems).toEqual([]);
  });
});
