import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "./hash";
import { InvalidInputError } from "./invalid-input";
import type { ListingPayload } from "./model";
import { validPayload } from "./test-fixtures";

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: [2, { d: null, c: "x" }] }, '{"a":[2,{"c":"x","d":null}],"b":1}'],
    [{ z: "é", y: true, x: -0 }, '{"x":0,"y":true,"z":"é"}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[3, 1, 2], "[3,1,2]"],
    ["text", '"text"'],
    [null, "null"],
  ])("%j → %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    [{ price: Number.NaN }, "price"],
    [{ variants: [{ price: Number.POSITIVE_INFINITY }] }, "variants[0].price"],
    [{ when: new Date(0) }, "when"],
    [{ list: [undefined] }, "list[0]"],
  ])("refuses %j, naming %s", (value, field) => {
    const call = () => canonicalJson(value);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(new RegExp(`^${field.replace(/[[\]]/g, "\\$&")}`));
  });
});

describe("contentHash", () => {
  it("is the SHA-256 hex of the canonical JSON", () => {
    const payload = validPayload();
    const expected = createHash("sha256").update(canonicalJson(payload)).digest("hex");
    expect(contentHash(payload)).toBe(expected);
    expect(contentHash(payload)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("treats array order as content", () => {
    const payload = validPayload({ images: ["https://x.test/1.jpg", "https://x.test/2.jpg"] });
    const swapped = validPayload({ images: ["https://x.test/2.jpg", "https://x.test/1.jpg"] });
    expect(contentHash(payload)).not.toBe(contentHash(swapped));
  });
});

/** Rebuilds every object with its keys in a different order; values are untouched. */
function permuteKeys(value: unknown, order: number[]): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeys(v, order));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const shuffled = entries
    .map((e, i) => ({ e, k: order[i % order.length] ?? 0 }))
    .sort((a, b) => a.k - b.k)
    .map(({ e }) => e);
  return Object.fromEntries(shuffled.map(([k, v]) => [k, permuteKeys(v, order)]));
}

const text = fc.string({ unit: "grapheme", maxLength: 20 });
const payloadArb: fc.Arbitrary<ListingPayload> = fc.record({
  platform: fc.constantFrom("SHOPEE" as const, "TIKTOK_SHOP" as const),
  sellerSku: text,
  title: text,
  description: text,
  brand: fc.option(text, { nil: null }),
  category: fc.option(text, { nil: null }),
  price: fc.double({ noNaN: true, noDefaultInfinity: true }),
  currency: fc.constantFrom("IDR", "SGD"),
  stock: fc.integer(),
  weightKg: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
  dimensions: fc.option(fc.record({ lengthCm: fc.nat(), widthCm: fc.nat(), heightCm: fc.nat() }), {
    nil: null,
  }),
  images: fc.array(text, { maxLength: 4 }),
  attributes: fc.dictionary(text, text, { maxKeys: 4 }),
  variants: fc.array(
    fc.record({
      sellerSku: text,
      options: fc.dictionary(text, text, { maxKeys: 3 }),
      price: fc.double({ noNaN: true, noDefaultInfinity: true }),
      stock: fc.integer(),
      image: fc.option(text, { nil: null }),
    }),
    { maxLength: 4 },
  ),
});

/** Changes one field to a different value, whatever it held before. */
const mutations: ((p: ListingPayload) => void)[] = [
  (p) => void (p.platform = p.platform === "SHOPEE" ? "TIKTOK_SHOP" : "SHOPEE"),
  (p) => void (p.sellerSku += "x"),
  (p) => void (p.title += " "),
  (p) => void (p.description = `${p.description}.`),
  (p) => void (p.brand = p.brand === null ? "" : null),
  (p) => void (p.category = p.category === null ? "c" : null),
  (p) => void (p.price = p.price === 1 ? 2 : 1),
  (p) => void (p.currency = p.currency === "IDR" ? "SGD" : "IDR"),
  (p) => void (p.stock += 1),
  (p) => void (p.weightKg = p.weightKg === null ? 1 : null),
  (p) => void (p.dimensions = p.dimensions === null ? { lengthCm: 1, widthCm: 1, heightCm: 1 } : null),
  (p) => void p.images.push("https://x.test/new.jpg"),
  (p) => void (p.attributes["\u0000added"] = "v"),
  (p) => void p.variants.push({ sellerSku: "N", options: {}, price: 1, stock: 0, image: null }),
];

describe("contentHash properties", () => {
  it("is the same whatever order keys were set in", () => {
    fc.assert(
      fc.property(payloadArb, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (payload, order) => {
        const permuted = permuteKeys(payload, order) as ListingPayload;
        expect(contentHash(permuted)).toBe(contentHash(payload));
      }),
    );
  });

  it("changes when any field changes", () => {
    fc.assert(
      fc.property(payloadArb, fc.integer({ min: 0, max: mutations.length - 1 }), (payload, which) => {
        const changed = structuredClone(payload);
        mutations[which]?.(changed);
        expect(contentHash(changed)).not.toBe(contentHash(payload));
      }),
    );
  });

  it("changes when a nested variant field changes", () => {
    fc.assert(
      fc.property(
        payloadArb.filter((p) => p.variants.length > 0),
        (payload) => {
          const changed = structuredClone(payload);
          const last = changed.variants[changed.variants.length - 1]!;
          last.stock += 1;
          expect(contentHash(changed)).not.toBe(contentHash(payload));
        },
      ),
    );
  });
});
