import { describe, expect, it } from "vitest";
import { checkBrand, checkCategoryRule, checkShippingProfile } from "./check";
import type { CategoryRule } from "./types";

const rule: CategoryRule = {
  masterCategory: "Fashion",
  categoryId: "100017",
  categoryVersion: null,
  brandRequired: false,
  sizeChartRequired: false,
  sizeChart: null,
  attributes: [
    {
      attributeId: "100134",
      attributeName: "Bahan",
      required: true,
      kind: "LIST",
      source: { type: "MASTER", masterAttribute: "Material", valueMap: { Linen: { id: "7001" } } },
      defaultValue: null,
      unit: null,
    },
  ],
};

describe("mapping checks before storing", () => {
  it("accepts a well-formed rule", () => {
    expect(checkCategoryRule("SHOPEE", rule)).toEqual([]);
    expect(checkCategoryRule("TIKTOK_SHOP", { ...rule, categoryVersion: "v2" })).toEqual([]);
  });

  it.each<[string, CategoryRule, string]>([
    ["a category name", { ...rule, categoryId: "Fashion" }, "categoryId"],
    ["a hash-like id", { ...rule, categoryId: "-5" }, "categoryId"],
    ["a version on Shopee", { ...rule, categoryVersion: "v2" }, "categoryVersion"],
    ["an empty master category", { ...rule, masterCategory: " " }, "masterCategory"],
    ["a size chart with nothing in it", { ...rule, sizeChart: {} }, "sizeChart"],
    [
      "a list value without an id",
      {
        ...rule,
        attributes: [
          {
            ...rule.attributes[0]!,
            source: { type: "MASTER", masterAttribute: "Material", valueMap: { Linen: { name: "Linen" } } },
          },
        ],
      },
      "attributes[0].valueMap[Linen].id",
    ],
    [
      "an attribute mapped twice",
      { ...rule, attributes: [rule.attributes[0]!, rule.attributes[0]!] },
      "attributes[1].attributeId",
    ],
    [
      "an empty constant",
      { ...rule, attributes: [{ ...rule.attributes[0]!, source: { type: "CONSTANT", values: [] } }] },
      "attributes[0].values",
    ],
  ])("refuses %s", (_, bad, field) => {
    expect(checkCategoryRule("SHOPEE", bad).map((p) => p.field)).toContain(field);
  });

  it("checks brands and shipping profiles", () => {
    expect(checkBrand("Erigo", { id: "3001", name: "Erigo" })).toEqual([]);
    expect(checkBrand("Erigo", { id: "0", name: "No brand" }).map((p) => p.field)).toEqual(["brandId"]);
    expect(
      checkShippingProfile("SHOPEE", { platform: "SHOPEE", logistics: [{ logisticId: 80001 }] }),
    ).toEqual([]);
    expect(
      checkShippingProfile("SHOPEE", {
        platform: "SHOPEE",
        logistics: [{ logisticId: 1 }, { logisticId: 1, sizeId: 0 }],
      }).map((p) => p.field),
    ).toEqual(["shipping.logistics[1].logisticId", "shipping.logistics[1].sizeId"]);
    expect(checkShippingProfile("SHOPEE", { platform: "SHOPEE", logistics: [] })).toMatchObject([
      { code: "TOO_FEW" },
    ]);
    expect(checkShippingProfile("TIKTOK_SHOP", { platform: "TIKTOK_SHOP", warehouseId: "" })).toMatchObject([
      { field: "shipping.warehouseId" },
    ]);
    expect(checkShippingProfile("TIKTOK_SHOP", { platform: "SHOPEE", logistics: [] })).toMatchObject([
      { code: "INVALID_SETTING" },
    ]);
  });
});
