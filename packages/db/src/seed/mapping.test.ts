import {
  PLATFORMS,
  resolveMarketplaceFields,
  transformProduct,
  type ChannelMapping,
  type ChannelSettings,
  type MasterProduct,
  type Platform,
} from "@syncstore/core";
import { describe, expect, it } from "vitest";
import { demoChannels } from "./channels";
import { DEMO_PRODUCT_COUNT, generateDemoProducts } from "./generate";
import { demoInvalidKind } from "./invalid";
import { demoCategoryRule } from "./mapping";
import { demoMappingGap } from "./mapping-gaps";
import { DEMO_BRAND_TEMPLATE, DEMO_CATEGORY_TEMPLATE, DEMO_SHIPPING_TEMPLATE } from "./mapping-template";
import { loadConfig } from "@syncstore/config";

const products = generateDemoProducts(0, DEMO_PRODUCT_COUNT);

function mappingFor(platform: Platform): ChannelMapping {
  return {
    platform,
    categories: new Map(DEMO_CATEGORY_TEMPLATE.map((t) => [t.masterCategory, demoCategoryRule(t, platform)])),
    brands: new Map(
      DEMO_BRAND_TEMPLATE.map((b) => [b.masterBrand, { id: b.ids[platform], name: b.masterBrand }]),
    ),
    shipping: DEMO_SHIPPING_TEMPLATE[platform],
  };
}

function settings(platform: Platform): ChannelSettings {
  const seed = demoChannels(loadConfig({})).find((c) => c.platform === platform)!;
  return { id: platform, ...seed };
}

function master(i: number): MasterProduct {
  const p = products[i]!;
  return {
    id: String(i + 1),
    sku: p.sku,
    title: p.title,
    description: p.description ?? "",
    brand: p.brand ?? null,
    category: p.category ?? null,
    price: p.price,
    currency: p.currency,
    stock: p.stock,
    weightGrams: p.weightGrams ?? null,
    dimensions: null,
    images: p.images ?? [],
    attributes: p.attributes ?? {},
    variants: [],
  };
}

describe("the demo mapping template", () => {
  it.each(PLATFORMS)(
    "maps every demo product onto %s except the deliberate gaps, each naming its field",
    (platform) => {
      const mapping = mappingFor(platform);
      const channel = settings(platform);
      const gaps = { UNMAPPED_CATEGORY: 0, MISSING_ATTRIBUTE: 0 };
      for (let i = 0; i < products.length; i++) {
        if (demoInvalidKind(i)) continue;
        const { fields, problems } = resolveMarketplaceFields(
          transformProduct(master(i), channel).payload,
          mapping,
        );
        const gap = demoMappingGap(i);
        if (gap === null) {
          expect(problems, products[i]!.sku).toEqual([]);
          expect(
            fields?.attributes.filter(
              (a) => a.name === "Bahan" || a.name.includes("Kandungan") || a.name.includes("Kemasan"),
            ),
          ).toHaveLength(1);
          continue;
        }
        gaps[gap]++;
        expect(fields).toBeNull();
        expect(problems.map((p) => p.field)).toEqual([
          gap === "UNMAPPED_CATEGORY"
            ? "category_id"
            : platform === "SHOPEE"
              ? "attribute_list[Bahan]"
              : "product_attributes[Bahan]",
        ]);
      }
      expect(gaps.UNMAPPED_CATEGORY).toBeGreaterThanOrEqual(15);
      expect(gaps.MISSING_ATTRIBUTE).toBeGreaterThanOrEqual(15);
    },
  );

  it("passes the checks every stored mapping must pass", async () => {
    const { checkCategoryRule } = await import("@syncstore/core");
    for (const platform of PLATFORMS)
      for (const t of DEMO_CATEGORY_TEMPLATE)
        expect(checkCategoryRule(platform, demoCategoryRule(t, platform))).toEqual([]);
  });
});
