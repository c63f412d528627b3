import { describe, expect, it } from "vitest";
import type { ListingPayload } from "../model";
import { transformProduct } from "../transform";
import { sampleChannel, sampleProduct, tiktokChannel } from "../test-fixtures";
import { resolveMarketplaceFields } from "./resolve";
import type { AttributeRule, CategoryRule, ChannelMapping, ShippingProfile } from "./types";

const bahan: AttributeRule = {
  attributeId: "100134",
  attributeName: "Bahan",
  required: true,
  kind: "LIST",
  source: { type: "MASTER", masterAttribute: "Material", valueMap: { Mesh: { id: "7001", name: "Jaring" } } },
  defaultValue: null,
  unit: null,
};
const negara: AttributeRule = {
  attributeId: "100135",
  attributeName: "Negara Asal",
  required: false,
  kind: "TEXT",
  source: { type: "MASTER", masterAttribute: "Origin", valueMap: {} },
  defaultValue: null,
  unit: null,
};
const berat: AttributeRule = {
  attributeId: "100136",
  attributeName: "Berat Bersih",
  required: true,
  kind: "NUMBER",
  source: { type: "MASTER", masterAttribute: "Net", valueMap: {} },
  defaultValue: null,
  unit: "g",
};
const garansi: AttributeRule = {
  attributeId: "100137",
  attributeName: "Garansi",
  required: true,
  kind: "LIST",
  source: { type: "CONSTANT", values: [{ id: "8001", name: "Tanpa Garansi" }] },
  defaultValue: null,
  unit: null,
};

function category(overrides: Partial<CategoryRule> = {}): CategoryRule {
  return {
    masterCategory: "Sepatu",
    categoryId: "100017",
    categoryVersion: null,
    brandRequired: false,
    sizeChartRequired: false,
    sizeChart: null,
    attributes: [bahan, negara, garansi],
    ...overrides,
  };
}

const shopeeShipping: ShippingProfile = {
  platform: "SHOPEE",
  logistics: [
    { logisticId: 80001, maxWeightKg: 30 },
    { logisticId: 80002, sizeId: 2, maxWeightKg: 1 },
  ],
};

function mapping(overrides: Partial<ChannelMapping> = {}, rule = category()): ChannelMapping {
  return {
    platform: "SHOPEE",
    categories: new Map([[rule.masterCategory, rule]]),
    brands: new Map([["Stride", { id: "5001", name: "Stride" }]]),
    shipping: shopeeShipping,
    ...overrides,
  };
}

function payload(
  attributes: Record<string, string>,
  overrides: Partial<ListingPayload> = {},
): ListingPayload {
  const product = sampleProduct({ category: "Sepatu", attributes });
  return { ...transformProduct(product, sampleChannel()).payload, ...overrides };
}

describe("resolveMarketplaceFields", () => {
  it("maps category, list, text and constant attributes, brand and the logistics the weight allows", () => {
    const r = resolveMarketplaceFields(payload({ Material: "Mesh", Origin: "Vietnam" }), mapping());
    expect(r.problems).toEqual([]);
    expect(r.fields).toEqual({
      categoryId: "100017",
      attributes: [
        { id: "100134", name: "Bahan", values: [{ id: "7001", name: "Jaring" }] },
        { id: "100135", name: "Negara Asal", values: [{ name: "Vietnam" }] },
        { id: "100137", name: "Garansi", values: [{ id: "8001", name: "Tanpa Garansi" }] },
      ],
      brand: { id: "5001", name: "Stride" },
      // 1.25 kg is over the second channel's 1 kg limit.
      shipping: { platform: "SHOPEE", logistics: [{ logisticId: 80001 }] },
    });
  });

  it("matches master values case-insensitively and leaves an optional attribute out when absent", () => {
    const r = resolveMarketplaceFields(payload({ Material: "mesh" }), mapping());
    expect(r.fields?.attributes.map((a) => a.name)).toEqual(["Bahan", "Garansi"]);
  });

  it("names category_id when the master category is not mapped, and sends nothing", () => {
    const r = resolveMarketplaceFields(payload({ Material: "Mesh" }, { category: "Buku" }), mapping());
    expect(r.fields).toBeNull();
    expect(r.problems).toEqual([
      {
        field: "category_id",
        code: "UNMAPPED",
        message: 'master category "Buku" is not mapped to a Shopee category',
      },
    ]);
  });

  it("leaves a missing master category to core validation", () => {
    const r = resolveMarketplaceFields(payload({}, { category: null }), mapping());
    expect(r).toEqual({ fields: null, problems: [] });
  });

  it.each([
    [{}, "REQUIRED", "attribute_list[Bahan]"],
    [{ Material: "Kulit" }, "NOT_IN_LIST", "attribute_list[Bahan]"],
  ])("names the required attribute that does not resolve (%j)", (attributes, code, field) => {
    const r = resolveMarketplaceFields(payload(attributes), mapping());
    expect(r.fields).toBeNull();
    expect(r.problems).toMatchObject([{ field, code }]);
  });

  it("uses the TikTok Shop field names", () => {
    const tiktok = { ...transformProduct(sampleProduct({ category: "Sepatu" }), tiktokChannel()).payload };
    const r = resolveMarketplaceFields(tiktok, mapping({ platform: "TIKTOK_SHOP", shipping: null }));
    expect(r.problems.map((p) => p.field)).toEqual([
      "product_attributes[Bahan]",
      "skus[].inventory[].warehouse_id",
    ]);
  });

  it("takes the default when the master value is not in the map", () => {
    const rule = category({ attributes: [{ ...bahan, defaultValue: { id: "7999", name: "Lainnya" } }] });
    const r = resolveMarketplaceFields(payload({ Material: "Kulit" }), mapping({}, rule));
    expect(r.fields?.attributes).toEqual([
      { id: "100134", name: "Bahan", values: [{ id: "7999", name: "Lainnya" }] },
    ]);
  });

  it("reads numbers with their unit, an Indonesian decimal comma, or the rule's unit", () => {
    const rule = category({ attributes: [berat] });
    const value = (net: string) =>
      resolveMarketplaceFields(payload({ Net: net }), mapping({}, rule)).fields?.attributes[0]?.values;
    expect(value("500 ml")).toEqual([{ name: "500", unit: "ml" }]);
    expect(value("1,5 kg")).toEqual([{ name: "1.5", unit: "kg" }]);
    expect(value("250")).toEqual([{ name: "250", unit: "g" }]);
    expect(value("banyak")).toBeUndefined();
  });

  it("requires a mapped brand where the category is brand-mandatory", () => {
    const rule = category({ brandRequired: true });
    const unmapped = resolveMarketplaceFields(
      payload({ Material: "Mesh" }, { brand: "Noname" }),
      mapping({}, rule),
    );
    expect(unmapped.problems).toMatchObject([{ field: "brand.brand_id", code: "UNMAPPED" }]);
    const optional = resolveMarketplaceFields(payload({ Material: "Mesh" }, { brand: "Noname" }), mapping());
    expect(optional.fields?.brand).toBeNull();
  });

  it("requires a size chart where the category's rules do, and passes it on", () => {
    const missing = category({ sizeChartRequired: true });
    expect(
      resolveMarketplaceFields(payload({ Material: "Mesh" }), mapping({}, missing)).problems,
    ).toMatchObject([{ field: "size_chart_info", code: "REQUIRED" }]);
    const given = category({ sizeChartRequired: true, sizeChart: { templateId: "9001" } });
    expect(
      resolveMarketplaceFields(payload({ Material: "Mesh" }), mapping({}, given)).fields?.sizeChart,
    ).toEqual({
      templateId: "9001",
    });
  });

  it("refuses a product heavier than every logistics channel, or a channel without shipping", () => {
    const heavy = resolveMarketplaceFields(payload({ Material: "Mesh" }, { weightKg: 45 }), mapping());
    expect(heavy.problems).toMatchObject([{ field: "logistic_info", code: "OUT_OF_RANGE" }]);
    const none = resolveMarketplaceFields(payload({ Material: "Mesh" }), mapping({ shipping: null }));
    expect(none.problems).toMatchObject([{ field: "logistic_info", code: "REQUIRED" }]);
  });

  it("passes TikTok Shop's warehouse and category version through", () => {
    const tiktok = transformProduct(
      sampleProduct({ category: "Sepatu", attributes: { Material: "Mesh" } }),
      tiktokChannel(),
    );
    const r = resolveMarketplaceFields(
      tiktok.payload,
      mapping(
        {
          platform: "TIKTOK_SHOP",
          shipping: { platform: "TIKTOK_SHOP", warehouseId: "7068517275539719942" },
        },
        category({ categoryVersion: "v2" }),
      ),
    );
    expect(r.fields).toMatchObject({
      categoryId: "100017",
      categoryVersion: "v2",
      shipping: { platform: "TIKTOK_SHOP", warehouseId: "7068517275539719942" },
    });
  });
});
