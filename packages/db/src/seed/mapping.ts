import { PLATFORMS, type CategoryRule, type Platform } from "@syncstore/core";
import type { DataSource } from "typeorm";
import { MappingRepository, type MappingScope } from "../mapping/repository";
import {
  DEMO_BRAND_TEMPLATE,
  DEMO_CATEGORY_TEMPLATE,
  DEMO_SHIPPING_TEMPLATE,
  type TemplateCategory,
} from "./mapping-template";

const DEMO_MARKET = "ID";

/** The template's rule for one platform. */
export function demoCategoryRule(t: TemplateCategory, platform: Platform): CategoryRule {
  return {
    masterCategory: t.masterCategory,
    categoryId: t.categoryIds[platform],
    // The simulators' TikTok Shop (like the live API in markets on the new tree) takes category tree v2.
    categoryVersion: platform === "TIKTOK_SHOP" ? "v2" : null,
    brandRequired: t.brandRequired,
    sizeChartRequired: t.sizeChartRequired,
    sizeChart: t.sizeChart ?? null,
    attributes: t.attributes.map((a) => ({
      attributeId: a.ids[platform],
      attributeName: a.name,
      required: a.required,
      kind: a.kind,
      source: { type: "MASTER", masterAttribute: a.masterAttribute, valueMap: a.valueMap?.[platform] ?? {} },
      defaultValue: null,
      unit: a.unit ?? null,
    })),
  };
}

/**
 * Installs the demo mapping template for the Indonesian market of each platform, shared by every
 * shop there, and the demo shipping profile of each channel that has none. A platform + market that
 * already has any category mapping is left alone: the seller may have changed it. Returns how many
 * category mappings it stored.
 */
export async function seedDemoMapping(ds: DataSource): Promise<number> {
  const repo = new MappingRepository(ds);
  let stored = 0;
  for (const platform of PLATFORMS) {
    const scope: MappingScope = { platform, market: DEMO_MARKET, channelId: null };
    const [{ found }] = (await ds.query(
      "SELECT EXISTS (SELECT 1 FROM category_mappings WHERE platform = $1 AND market = $2) AS found",
      [platform, DEMO_MARKET],
    )) as [{ found: boolean }];
    if (!found) {
      for (const t of DEMO_CATEGORY_TEMPLATE) {
        const r = await repo.setCategoryMapping(scope, demoCategoryRule(t, platform));
        if (!r.ok) throw new Error(`demo mapping ${t.masterCategory}: ${JSON.stringify(r.problems)}`);
        stored++;
      }
      const brands = await repo.setBrandMappings(
        scope,
        DEMO_BRAND_TEMPLATE.map((b) => ({
          masterBrand: b.masterBrand,
          brand: { id: b.ids[platform], name: b.masterBrand },
        })),
      );
      if (!brands.ok) throw new Error(`demo brands: ${JSON.stringify(brands.problems)}`);
    }
    const bare: { id: string }[] = await ds.query(
      "SELECT id::text FROM channels WHERE platform = $1 AND market = $2 AND shipping_profile IS NULL",
      [platform, DEMO_MARKET],
    );
    for (const c of bare) {
      const r = await repo.setShippingProfile(c.id, DEMO_SHIPPING_TEMPLATE[platform]);
      if (!r.ok) throw new Error(`demo shipping: ${JSON.stringify(r.problems)}`);
    }
  }
  return stored;
}
