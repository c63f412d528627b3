import { describe, expect, it } from "vitest";
import { DEFAULT_LISTING_RULES, listingRulesFor } from "./listing-rules";
import type { ListingPayload, ListingVariantPayload } from "./model";
import { validPayload } from "./test-fixtures";
import { validateListing } from "./validation";

const chars = (n: number, ch = "a") => ch.repeat(n);
const variant = (sellerSku: string, price = 100, stock = 1): ListingVariantPayload => ({
  sellerSku,
  options: { Size: sellerSku },
  price,
  stock,
  image: null,
});
const tiktok = (o: Partial<ListingPayload> = {}) =>
  validPayload({ platform: "TIKTOK_SHOP", title: "Stride Running Shoes Black 42 Mesh", ...o });

/** [name, payload, field, code] — each payload breaks exactly one rule. */
type Case = [string, ListingPayload, string, string];
/** Test titles show the name and the expected problem, not the whole payload. */
const titled = (cases: Case[]) =>
  cases.map(([name, payload, field, code]) => ({ name, payload, field, code }));

const shopeeCases: Case[] = [
  ["title missing", validPayload({ title: "   " }), "title", "REQUIRED"],
  ["title of 4", validPayload({ title: chars(4) }), "title", "TOO_SHORT"],
  ["title of 101", validPayload({ title: chars(101) }), "title", "TOO_LONG"],
  [
    "title of 51 astral characters counted as 51, not 102",
    validPayload({ title: chars(101, "𝐀") }),
    "title",
    "TOO_LONG",
  ],
  ["description missing", validPayload({ description: "" }), "description", "REQUIRED"],
  ["description of 19", validPayload({ description: chars(19) }), "description", "TOO_SHORT"],
  ["description of 3001", validPayload({ description: chars(3001) }), "description", "TOO_LONG"],
  ["no images", validPayload({ images: [] }), "images", "REQUIRED"],
  [
    "10 images",
    validPayload({ images: Array.from({ length: 10 }, (_, i) => `https://x.test/${i}.jpg`) }),
    "images",
    "TOO_MANY",
  ],
  [
    "image not a URL",
    validPayload({ images: ["https://x.test/a.jpg", "not a url"] }),
    "images[1]",
    "INVALID_FORMAT",
  ],
  [
    "image with another scheme",
    validPayload({ images: ["ftp://x.test/a.jpg"] }),
    "images[0]",
    "INVALID_FORMAT",
  ],
  ["protocol-relative image", validPayload({ images: ["//x.test/a.jpg"] }), "images[0]", "INVALID_FORMAT"],
  ["seller SKU missing", validPayload({ sellerSku: "" }), "sellerSku", "REQUIRED"],
  ["seller SKU of 51", validPayload({ sellerSku: chars(51) }), "sellerSku", "TOO_LONG"],
  ["price 0", validPayload({ price: 0 }), "price", "NOT_POSITIVE"],
  ["price negative", validPayload({ price: -5 }), "price", "NOT_POSITIVE"],
  ["price NaN", validPayload({ price: Number.NaN }), "price", "NOT_A_NUMBER"],
  ["price above the ceiling", validPayload({ price: 1_000_000_001 }), "price", "OUT_OF_RANGE"],
  ["stock negative", validPayload({ stock: -1 }), "stock", "OUT_OF_RANGE"],
  ["stock 1,000,000", validPayload({ stock: 1_000_000 }), "stock", "OUT_OF_RANGE"],
  ["stock fractional", validPayload({ stock: 1.5 }), "stock", "NOT_INTEGER"],
  ["weight missing", validPayload({ weightKg: null }), "weight", "REQUIRED"],
  ["weight 0", validPayload({ weightKg: 0 }), "weight", "NOT_POSITIVE"],
  ["dimensions missing", validPayload({ dimensions: null }), "dimensions", "REQUIRED"],
  [
    "width 0",
    validPayload({ dimensions: { lengthCm: 1, widthCm: 0, heightCm: 1 } }),
    "dimensions.widthCm",
    "NOT_POSITIVE",
  ],
  [
    "height negative",
    validPayload({ dimensions: { lengthCm: 1, widthCm: 1, heightCm: -2 } }),
    "dimensions.heightCm",
    "NOT_POSITIVE",
  ],
  ["category missing", validPayload({ category: null }), "category", "REQUIRED"],
  ["category blank", validPayload({ category: " " }), "category", "REQUIRED"],
  [
    "variant SKU missing",
    validPayload({ variants: [variant("A"), variant("")] }),
    "variants[1].sellerSku",
    "REQUIRED",
  ],
  [
    "variant SKU of 51",
    validPayload({ variants: [variant(chars(51))] }),
    "variants[0].sellerSku",
    "TOO_LONG",
  ],
  [
    "duplicate variant SKUs",
    validPayload({ variants: [variant("A"), variant("B"), variant("A")] }),
    "variants[2].sellerSku",
    "DUPLICATE",
  ],
  [
    "variant price 0",
    validPayload({ variants: [variant("A"), variant("B", 0)] }),
    "variants[1].price",
    "NOT_POSITIVE",
  ],
  [
    "variant stock fractional",
    validPayload({ variants: [variant("A", 100, 0.5)] }),
    "variants[0].stock",
    "NOT_INTEGER",
  ],
  [
    "variant prices more than 7× apart",
    validPayload({ variants: [variant("A", 10), variant("B", 70.01)] }),
    "variants",
    "PRICE_SPREAD",
  ],
  [
    "51 variants",
    validPayload({ variants: Array.from({ length: 51 }, (_, i) => variant(`V${i}`)) }),
    "variants",
    "TOO_MANY",
  ],
];

const tiktokCases: Case[] = [
  ["title of 24", tiktok({ title: chars(24) }), "title", "TOO_SHORT"],
  ["title of 256", tiktok({ title: chars(256) }), "title", "TOO_LONG"],
  ["description empty", tiktok({ description: "" }), "description", "REQUIRED"],
  ["description of 10,001", tiktok({ description: chars(10_001) }), "description", "TOO_LONG"],
  ["seller SKU of 51", tiktok({ sellerSku: chars(51) }), "sellerSku", "TOO_LONG"],
  [
    "101 SKUs",
    tiktok({ variants: Array.from({ length: 101 }, (_, i) => variant(`V${i}`)) }),
    "variants",
    "TOO_MANY",
  ],
];

describe("validateListing", () => {
  it("accepts a complete payload", () => {
    expect(validateListing(validPayload())).toEqual([]);
    expect(validateListing(tiktok())).toEqual([]);
  });

  it.each(titled([...shopeeCases, ...tiktokCases]))("$name → $field $code", ({ payload, field, code }) => {
    const problems = validateListing(payload);
    expect(problems.map((p) => [p.field, p.code])).toEqual([[field, code]]);
    expect(problems[0]?.message).toContain(field === "images" ? "image" : field.split(".")[0]?.split("[")[0]);
  });

  it.each([
    ["title of exactly 5", validPayload({ title: chars(5) })],
    ["title of exactly 100", validPayload({ title: chars(100) })],
    ["100 astral characters", validPayload({ title: chars(100, "𝐀") })],
    ["description of exactly 20", validPayload({ description: chars(20) })],
    ["description of exactly 3000", validPayload({ description: chars(3000) })],
    ["9 images", validPayload({ images: Array.from({ length: 9 }, (_, i) => `https://x.test/${i}.jpg`) })],
    ["a relative image path", validPayload({ images: ["/images/a.jpg"] })],
    ["seller SKU of exactly 50", validPayload({ sellerSku: chars(50) })],
    ["stock 0 and 999,999", validPayload({ stock: 0, variants: [variant("A", 100, 999_999)] })],
    ["no brand", validPayload({ brand: null })],
    ["no variants", validPayload({ variants: [] })],
    ["variants exactly 7× apart", validPayload({ variants: [variant("A", 1.1), variant("B", 7.7)] })],
    ["TikTok: variants 100× apart", tiktok({ variants: [variant("A", 1), variant("B", 100)] })],
    ["TikTok: description of 10,000", tiktok({ description: chars(10_000) })],
  ])("accepts %s", (_name, payload: ListingPayload) => {
    expect(validateListing(payload)).toEqual([]);
  });

  it("returns every problem at once, in field order", () => {
    const payload = validPayload({
      title: "abc",
      description: "",
      images: [],
      sellerSku: chars(60),
      price: 0,
      stock: -3,
      weightKg: null,
      dimensions: null,
      category: null,
      variants: [variant("A", 10), variant("A", 100)],
    });
    expect(validateListing(payload).map((p) => `${p.field}:${p.code}`)).toEqual([
      "title:TOO_SHORT",
      "description:REQUIRED",
      "images:REQUIRED",
      "sellerSku:TOO_LONG",
      "price:NOT_POSITIVE",
      "stock:OUT_OF_RANGE",
      "weight:REQUIRED",
      "dimensions:REQUIRED",
      "category:REQUIRED",
      "variants[1].sellerSku:DUPLICATE",
      "variants:PRICE_SPREAD",
    ]);
  });

  it("takes title limits from the channel and the variant ratio as configurable", () => {
    const rules = listingRulesFor({ platform: "SHOPEE", titleMinLength: 10, titleMaxLength: 20 });
    expect(validateListing(validPayload({ title: chars(9) }), rules).map((p) => p.code)).toEqual([
      "TOO_SHORT",
    ]);
    expect(validateListing(validPayload({ title: chars(21) }), rules).map((p) => p.code)).toEqual([
      "TOO_LONG",
    ]);
    const strict = { ...DEFAULT_LISTING_RULES.SHOPEE, maxVariantPriceRatio: 5 };
    const spread = validPayload({ variants: [variant("A", 10), variant("B", 60)] });
    expect(validateListing(spread)).toEqual([]);
    expect(validateListing(spread, strict).map((p) => p.field)).toEqual(["variants"]);
  });

  it("reports an unknown platform instead of crashing", () => {
    const payload = { ...validPayload(), platform: "LAZADA" } as unknown as ListingPayload;
    expect(validateListing(payload).map((p) => p.field)).toEqual(["platform"]);
  });
});
