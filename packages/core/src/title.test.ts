import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "./invalid-input";
import type { Platform } from "./model";
import { seoTitle } from "./title";
import { cleanTitleText, hasPictograph } from "./title-clean";
import { codePointLength } from "./text";

interface Case {
  name: string;
  title: string;
  brand?: string | null;
  attributes?: Record<string, string>;
  platform?: Platform;
  minLength?: number;
  maxLength?: number;
  expected: string;
}

const cases: Case[] = [
  {
    name: "brand in front, key attributes appended",
    title: "Running Shoes",
    brand: "Nike",
    attributes: { Color: "Black", Size: "42", Origin: "Vietnam" },
    expected: "Nike Running Shoes Black 42",
  },
  {
    name: "brand already named (any case) is not repeated",
    title: "NIKE Air Zoom",
    brand: "Nike",
    expected: "NIKE Air Zoom",
  },
  {
    name: "a brand inside another word does not count",
    title: "Pineapple Slicer",
    brand: "Apple",
    expected: "Apple Pineapple Slicer",
  },
  {
    name: "attribute already in the title is not repeated",
    title: "Black Running Shoes",
    attributes: { colour: "black" },
    expected: "Black Running Shoes",
  },
  {
    name: "attributes in the order colour, size, material, model",
    title: "Shirt",
    attributes: { Model: "X1", Material: "Cotton", Size: "L", colour: "Navy" },
    expected: "Shirt Navy L Cotton X1",
  },
  {
    name: "an attribute that does not fit is skipped, a later one that fits is kept",
    title: "Cotton Shirt",
    attributes: { Color: "Midnight Blue", Size: "XL" },
    maxLength: 20,
    expected: "Cotton Shirt XL",
  },
  { name: "emoji are removed", title: "🔥 Hot Sale Sneakers 🔥👍🏽🇻🇳", expected: "Hot Sale Sneakers" },
  {
    name: "keycap and heart sequences leave their digit/nothing",
    title: "Top 1️⃣ Mug ❤️",
    expected: "Top 1 Mug",
  },
  {
    name: "repeated punctuation collapses",
    title: "Sneakers!!! Best *** Deal",
    expected: "Sneakers! Best * Deal",
  },
  {
    name: "real repeated letters and digits stay",
    title: "XXXL Hoodie 1000 ml",
    expected: "XXXL Hoodie 1000 ml",
  },
  { name: "more than 9 repeats are cut to 9", title: "Sooooooooooooo soft", expected: "Sooooooooo soft" },
  { name: "whitespace collapses", title: "  Red\t\tShirt \n ", expected: "Red Shirt" },
  { name: "HTML escapes are decoded", title: "Tom&amp;Jerry&nbsp;Mug &#65;", expected: "Tom&Jerry Mug A" },
  { name: "control characters separate words", title: "Red\u0007Shirt\u200B", expected: "Red Shirt" },
  {
    name: "truncates at a word boundary",
    title: "Stainless Steel Water Bottle 1 Litre",
    maxLength: 20,
    expected: "Stainless Steel",
  },
  {
    name: "brand is left out when brand plus title would not fit",
    title: "Insulated Bottle 1L",
    brand: "Hydro Flask",
    maxLength: 20,
    expected: "Insulated Bottle 1L",
  },
  {
    name: "no trailing separator after truncation",
    title: "Red Shoes - Size 42",
    maxLength: 12,
    expected: "Red Shoes",
  },
  {
    name: "a single over-long word is cut because the limit is absolute",
    title: "Supercalifragilistic",
    maxLength: 10,
    expected: "Supercalif",
  },
  { name: "counts code points, not UTF-16 units", title: "𝐁𝐎𝐋𝐃 Mug", maxLength: 6, expected: "𝐁𝐎𝐋𝐃" },
  {
    name: "too short is returned as is, never padded",
    title: "Mug",
    platform: "TIKTOK_SHOP",
    expected: "Mug",
  },
  { name: "empty after cleaning", title: "🔥🔥🔥", expected: "" },
  { name: "brand alone when the title is all emoji", title: "🔥", brand: "Stride", expected: "Stride" },
];

describe("seoTitle", () => {
  it.each(cases)("$name", (c) => {
    const { title } = seoTitle(
      { title: c.title, brand: c.brand ?? null, attributes: c.attributes ?? {} },
      { platform: c.platform ?? "SHOPEE", minLength: c.minLength, maxLength: c.maxLength },
    );
    expect(title).toBe(c.expected);
  });

  it("uses each platform's default limits", () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" "); // 309 characters
    const shopee = seoTitle({ title: long, brand: null, attributes: {} }, { platform: "SHOPEE" }).title;
    const tiktok = seoTitle({ title: long, brand: null, attributes: {} }, { platform: "TIKTOK_SHOP" }).title;
    expect(codePointLength(shopee)).toBeLessThanOrEqual(100);
    expect(codePointLength(shopee)).toBeGreaterThan(90);
    expect(codePointLength(tiktok)).toBeLessThanOrEqual(255);
    expect(codePointLength(tiktok)).toBeGreaterThan(245);
  });

  it("reports word similarity to the master title", () => {
    const same = seoTitle({ title: "Running Shoes", brand: null, attributes: {} }, { platform: "SHOPEE" });
    const branded = seoTitle(
      { title: "Running Shoes", brand: "Nike", attributes: {} },
      { platform: "SHOPEE" },
    );
    expect(same.similarity).toBe(1);
    expect(branded.similarity).toBeCloseTo(2 / 3, 10);
  });

  it.each([
    [{ maxLength: 0 }, "titleMaxLength"],
    [{ maxLength: 10.5 }, "titleMaxLength"],
    [{ minLength: 11, maxLength: 10 }, "titleMinLength"],
    [{ minLength: -1 }, "titleMinLength"],
  ])("rejects limits %j on %s", (limits, field) => {
    const call = () =>
      seoTitle({ title: "Mug", brand: null, attributes: {} }, { platform: "SHOPEE", ...limits });
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(new RegExp(`^${field}`));
  });
});

describe("seoTitle properties", () => {
  const decorated = fc
    .array(
      fc.constantFrom(
        "🔥",
        "👍🏽",
        "🇻🇳",
        "❤️",
        "1️⃣",
        "™",
        "Shoe",
        "red",
        "!!!!",
        "  ",
        "\t",
        "&nbsp;",
        "XXXL",
        "𝐁𝐎𝐋𝐃",
      ),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(" "));
  const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), decorated);
  const product = fc.record({
    title: anyText,
    brand: fc.option(anyText, { nil: null }),
    attributes: fc.dictionary(fc.constantFrom("Color", "Size", "Material", "Model", "Origin"), anyText),
  });
  const platform = fc.constantFrom<Platform>("SHOPEE", "TIKTOK_SHOP");

  it("never exceeds maxLength and never contains a pictograph", () => {
    fc.assert(
      fc.property(product, platform, fc.integer({ min: 1, max: 300 }), (p, pl, max) => {
        const { title, similarity } = seoTitle(p, { platform: pl, minLength: 0, maxLength: max });
        expect(codePointLength(title)).toBeLessThanOrEqual(max);
        expect(hasPictograph(title)).toBe(false);
        expect(title).toBe(title.trim());
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("never ends mid-word when it truncates", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9,.-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 12, max: 120 }),
        (words, max) => {
          const master = words.join(" ");
          const cleanWords = cleanTitleText(master).split(" ");
          const { title } = seoTitle(
            { title: master, brand: null, attributes: {} },
            { platform: "SHOPEE", minLength: 0, maxLength: max },
          );
          if (title === "") return;
          const kept = title.split(" ");
          kept.forEach((w, i) => {
            const source = cleanWords[i] ?? "";
            if (i < kept.length - 1) expect(w).toBe(source);
            // The last word may lose trailing separators ("Red," → "Red"), never letters.
            else expect([source, source.replace(/[-,]+$/, "")]).toContain(w);
          });
        },
      ),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(product, platform, (p, pl) => {
        expect(seoTitle(p, { platform: pl })).toEqual(seoTitle(structuredClone(p), { platform: pl }));
      }),
    );
  });
});
