import { describe, expect, it } from "vitest";
import { DEMO_PRODUCT_COUNT, generateDemoProduct, generateDemoProducts } from "./generate";
import { renderDemoImage } from "./images";
import { demoInvalidKind, INVALID_KINDS, type InvalidKind } from "./invalid";
import { UNMAPPED_DEMO_CATEGORY } from "./mapping-gaps";

const all = generateDemoProducts(0, DEMO_PRODUCT_COUNT);

/** Which rule a generated product breaks, judged from the data alone. */
function broken(p: (typeof all)[number]): InvalidKind | null {
  if ([...p.title].length < 5) return "SHORT_TITLE";
  if ([...p.title].length > 255) return "LONG_TITLE";
  if (p.images.length === 0) return "NO_IMAGE";
  if (p.stock < 0) return "NEGATIVE_STOCK";
  if (p.sku.length > 50) return "LONG_SKU";
  if (p.weightGrams === null) return "MISSING_WEIGHT";
  return null;
}

describe("demo catalog generator", () => {
  it("is deterministic and independent of how many are generated", () => {
    expect(generateDemoProducts(0, DEMO_PRODUCT_COUNT)).toEqual(all);
    expect(generateDemoProduct(1234)).toEqual(all[1234]);
    expect(generateDemoProducts(4000, 4010)).toEqual(all.slice(4000, 4010));
  });

  it("has unique product and variant SKUs within the storable length", () => {
    const skus = all.map((p) => p.sku);
    const variantSkus = all.flatMap((p) => (p.variants ?? []).map((v) => v.sku));
    expect(new Set(skus).size).toBe(skus.length);
    expect(new Set(variantSkus).size).toBe(variantSkus.length);
    for (const s of [...skus, ...variantSkus]) expect(s.length).toBeLessThanOrEqual(100);
  });

  it("prices in IDR hundreds between Rp 15.000 and Rp 5.000.000", () => {
    for (const p of all) {
      const n = Number(p.price);
      expect(p.currency).toBe("IDR");
      expect(n % 100, p.sku).toBe(0);
      expect(n >= 15_000 && n <= 5_000_000, p.sku).toBe(true);
    }
  });

  it("gives 0–4 variants with their own SKU, options, price and stock", () => {
    const counts = new Map<number, number>();
    for (const p of all) {
      const vs = p.variants ?? [];
      counts.set(vs.length, (counts.get(vs.length) ?? 0) + 1);
      for (const v of vs) {
        expect(v.sku.startsWith(p.sku)).toBe(true);
        expect(Object.keys(v.options).length).toBeGreaterThan(0);
        expect(v.stock).toBeGreaterThanOrEqual(0);
      }
      const combos = vs.map((v) => JSON.stringify(v.options));
      expect(new Set(combos).size).toBe(combos.length);
    }
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("uses 1–6 images from a shared local pool, every one renderable", () => {
    const used = new Set<string>();
    for (const [i, p] of all.entries()) {
      if (demoInvalidKind(i) !== "NO_IMAGE") expect(p.images.length).toBeGreaterThanOrEqual(1);
      expect(p.images.length).toBeLessThanOrEqual(6);
      for (const url of p.images) used.add(url);
    }
    expect(used.size).toBeGreaterThan(200);
    expect(used.size).toBeLessThan(500);
    for (const url of used) {
      expect(url).toMatch(/^\/media\/demo\/[a-z-]+-\d+\.png$/);
      expect(renderDemoImage(url.replace("/media/demo/", ""))).not.toBeNull();
    }
  });

  it("makes about 2% invalid, spread over every kind, exactly where demoInvalidKind says", () => {
    const byKind = new Map<InvalidKind, number>();
    all.forEach((p, i) => {
      expect(broken(p), p.sku).toBe(demoInvalidKind(i));
      const k = broken(p);
      if (k) byKind.set(k, (byKind.get(k) ?? 0) + 1);
    });
    const invalid = [...byKind.values()].reduce((a, b) => a + b, 0);
    expect(invalid / all.length).toBeGreaterThan(0.015);
    expect(invalid / all.length).toBeLessThan(0.025);
    expect([...byKind.keys()].sort()).toEqual([...INVALID_KINDS].sort());
    for (const n of byKind.values()) expect(n).toBeGreaterThanOrEqual(13);
  });

  it("covers every category with categories, brands and attributes filled in", () => {
    const cats = new Set(all.map((p) => p.category));
    // The eight of the vocabulary, and the small one the demo mapping leaves out.
    expect(cats.size).toBe(9);
    expect(cats.has(UNMAPPED_DEMO_CATEGORY)).toBe(true);
    for (const p of all) {
      expect(p.brand).toBeTruthy();
      expect(Object.keys(p.attributes).length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(50);
    }
  });
});
