import { describe, expect, it } from "vitest";
import { Taxonomy } from "./index";

const taxonomy = new Taxonomy();

/** The demo catalog's master categories and materials (packages/db/src/seed/vocabulary.ts). */
const DEMO: Record<string, readonly string[]> = {
  Fashion: ["Katun Combed 30s", "Cotton Fleece", "Rayon", "Linen", "Denim", "Polyester", "Wolfis", "Twill"],
  Beauty: [
    "Niacinamide 10%",
    "Ceramide",
    "Hyaluronic Acid",
    "Centella Asiatica",
    "Vitamin C",
    "Retinol",
    "Aloe Vera",
  ],
  Electronics: ["ABS", "Aluminium", "Silicone", "Nylon Braided"],
  "Home & Living": [
    "Plastik PP",
    "Stainless Steel",
    "Kayu Jati",
    "Katun Jepang",
    "Microfiber",
    "Kaca Tempered",
  ],
  Sports: ["Mesh", "TPE", "Neoprene", "Polyester Dri-Fit", "Carbon", "Karet"],
  "Ibu & Bayi": ["Silikon Food Grade", "Katun Bambu", "Polypropylene", "Muslin"],
  "Makanan & Minuman": ["Kemasan Pouch", "Kemasan Botol", "Kemasan Kaleng", "Kemasan Toples"],
  Otomotif: ["Synthetic", "Karet", "Kulit Sintetis", "ABS", "Baja"],
};

describe("the seeded taxonomy", () => {
  it("is a three-level tree with unique ids on both platforms", () => {
    const cats = taxonomy.categories;
    expect(new Set(cats.map((c) => c.shopeeId)).size).toBe(cats.length);
    expect(new Set(cats.map((c) => c.tiktokId)).size).toBe(cats.length);
    for (const l of taxonomy.leaves()) expect(taxonomy.chain(l)).toHaveLength(3);
    for (const c of cats.filter((c) => c.leaf === null))
      expect(cats.some((child) => child.parentKey === c.key)).toBe(true);
    expect(taxonomy.leaves().length).toBeGreaterThanOrEqual(12);
  });

  it("maps every demo category to a leaf whose required list attribute holds all its materials", () => {
    for (const [master, materials] of Object.entries(DEMO)) {
      const leaf = taxonomy.leafForDemoCategory(master);
      expect(leaf, master).toBeDefined();
      const required = leaf!.leaf.attributes.filter((a) => a.required);
      expect(required.length).toBeGreaterThan(0);
      const list = required[0]!.input;
      expect(list.kind).toBe("list");
      if (list.kind === "list")
        expect(list.values.map((v) => v.name)).toEqual(expect.arrayContaining([...materials]));
    }
  });

  it("has one brand-mandatory and one size-chart category, and every input type", () => {
    expect(
      taxonomy
        .leaves()
        .filter((l) => l.leaf.brandMandatory)
        .map((l) => l.key),
    ).toEqual(["powerbank"]);
    expect(
      taxonomy
        .leaves()
        .filter((l) => l.leaf.sizeChartRequired)
        .map((l) => l.key),
    ).toEqual(["kaos-pria"]);
    const kinds = new Set(taxonomy.leaves().flatMap((l) => l.leaf.attributes.map((a) => a.input.kind)));
    expect([...kinds].sort()).toEqual(["list", "number", "text"]);
  });

  it("keeps the ids the demo mapping refers to", () => {
    const kaos = taxonomy.byKeyOrThrow("kaos-pria");
    expect([kaos.shopeeId, kaos.tiktokId]).toEqual([100012, "600012"]);
    const bahan = kaos.leaf!.attributes[0]!;
    expect([bahan.shopeeId, bahan.tiktokId, bahan.name]).toEqual([100134, "100392", "Bahan"]);
    expect(bahan.input.kind === "list" && bahan.input.values[0]).toEqual({
      shopeeId: 10013401,
      tiktokId: "10039201",
      name: "Katun Combed 30s",
    });
    expect(taxonomy.warehouses.find((w) => w.isDefault)?.id).toBe("7068517275539719942");
    expect(taxonomy.shopeeChannels.filter((c) => c.enabled).map((c) => c.feeType)).toEqual([
      "FIXED_DEFAULT_PRICE",
      "SIZE_SELECTION",
    ]);
  });

  it("recommends leaves by the words of a title", () => {
    expect(taxonomy.recommend("Powerbank 10000mAh Xiaomi")[0]?.key).toBe("powerbank");
    expect(taxonomy.recommend("zzz")).toEqual([]);
  });
});
