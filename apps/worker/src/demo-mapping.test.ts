import { PLATFORMS, type Platform } from "@syncstore/core";
import {
  DEMO_BRAND_TEMPLATE,
  DEMO_CATEGORY_TEMPLATE,
  DEMO_SHIPPING_TEMPLATE,
  demoCategoryRule,
} from "@syncstore/db";
import { taxonomy } from "@syncstore/marketplace-sim";
import { describe, expect, it } from "vitest";

const tree = new taxonomy.Taxonomy();
const categoryOf = (platform: Platform, id: string) =>
  platform === "SHOPEE" ? tree.shopee(Number(id)) : tree.tiktok(id);
const idOf = (platform: Platform, x: { shopeeId: number; tiktokId: string }) =>
  platform === "SHOPEE" ? String(x.shopeeId) : x.tiktokId;

/**
 * The seed's mapping template names the simulators' ids as plain data (packages/db does not depend on
 * the simulators): this holds it to the simulators' taxonomy, leaf by leaf and value by value.
 */
describe.each(PLATFORMS)("the demo mapping template on %s", (platform) => {
  it.each(DEMO_CATEGORY_TEMPLATE.map((t) => [t.masterCategory, t] as const))(
    "%s maps onto a leaf with its flags, every required attribute, and only ids the leaf has",
    (_, t) => {
      const rule = demoCategoryRule(t, platform);
      const leaf = categoryOf(platform, rule.categoryId);
      expect(leaf?.leaf, `${rule.categoryId} is a leaf`).toBeTruthy();
      const rules = leaf!.leaf!;
      expect(leaf!.leaf!.demoCategories).toContain(t.masterCategory);
      expect(rule.brandRequired).toBe(rules.brandMandatory);
      expect(rule.sizeChartRequired).toBe(rules.sizeChartRequired);
      const required = rules.attributes.filter((a) => a.required).map((a) => idOf(platform, a));
      expect(
        rule.attributes
          .filter((a) => a.required)
          .map((a) => a.attributeId)
          .sort(),
      ).toEqual(required.sort());
      for (const a of rule.attributes) {
        const attr = rules.attributes.find((x) => idOf(platform, x) === a.attributeId);
        expect(attr?.name, `${a.attributeName} (${a.attributeId}) belongs to ${leaf!.key}`).toBe(
          a.attributeName,
        );
        expect(a.kind.toLowerCase()).toBe(attr!.input.kind);
        if (a.source.type !== "MASTER") continue;
        for (const [master, v] of Object.entries(a.source.valueMap)) {
          const values = attr!.input.kind === "list" ? attr!.input.values : [];
          const value = values.find((x) => idOf(platform, x) === v.id);
          expect(value?.name, `${master} → ${v.id}`).toBe(v.name);
        }
        if (a.unit !== null && attr!.input.kind === "number") expect(attr!.input.units).toContain(a.unit);
      }
    },
  );

  it("maps every brand onto the id the brand lists give it", () => {
    const listed = new Map(
      tree.leaves().flatMap((l) => l.leaf.brands.map((b) => [b.name, idOf(platform, b)] as const)),
    );
    for (const b of DEMO_BRAND_TEMPLATE)
      expect(b.ids[platform], b.masterBrand).toBe(listed.get(b.masterBrand));
  });

  it("ships with an enabled logistics channel the weight fits, or the default warehouse", () => {
    const profile = DEMO_SHIPPING_TEMPLATE[platform];
    if (profile.platform === "SHOPEE") {
      for (const l of profile.logistics) {
        const channel = tree.shopeeChannels.find((c) => c.logisticsChannelId === l.logisticId);
        expect(channel?.enabled).toBe(true);
        expect(channel!.feeType === "SIZE_SELECTION").toBe(l.sizeId !== undefined);
        expect(l.maxWeightKg).toBe(channel!.weight.maxKg);
      }
    } else {
      expect(tree.warehouses.find((w) => w.id === profile.warehouseId)?.isDefault).toBe(true);
    }
  });
});
