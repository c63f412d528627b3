import { loadConfig } from "@syncstore/config";
import type { CategoryRule } from "@syncstore/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedChannels } from "../seed/channels";
import { createTestDatabase, type TestDatabase } from "../testing";
import { MappingRepository, type MappingScope } from "./repository";

let db: TestDatabase;
let repo: MappingRepository;
let shopee: string;
let tiktok: string;
const shared: MappingScope = { platform: "SHOPEE", market: "ID", channelId: null };

const fashion: CategoryRule = {
  masterCategory: "Fashion",
  categoryId: "100017",
  categoryVersion: null,
  brandRequired: true,
  sizeChartRequired: false,
  sizeChart: null,
  attributes: [
    {
      attributeId: "100134",
      attributeName: "Bahan",
      required: true,
      kind: "LIST",
      source: {
        type: "MASTER",
        masterAttribute: "Material",
        valueMap: { Linen: { id: "7001", name: "Linen" } },
      },
      defaultValue: { id: "7999", name: "Lainnya" },
      unit: null,
    },
    {
      attributeId: "100135",
      attributeName: "Garansi",
      required: false,
      kind: "LIST",
      source: { type: "CONSTANT", values: [{ id: "8001", name: "Tanpa Garansi" }] },
      defaultValue: null,
      unit: null,
    },
  ],
};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedChannels(db.dataSource, loadConfig({}));
  const rows: { id: string; platform: string }[] = await db.dataSource.query(
    "SELECT id::text, platform FROM channels ORDER BY id",
  );
  shopee = rows.find((r) => r.platform === "SHOPEE")!.id;
  tiktok = rows.find((r) => r.platform === "TIKTOK_SHOP")!.id;
  repo = new MappingRepository(db.dataSource);
});

afterAll(async () => {
  await db?.drop();
});

describe("MappingRepository", () => {
  it("stores a shared category mapping with its attributes and reads it back for each shop of the market", async () => {
    expect(await repo.setCategoryMapping(shared, fashion)).toEqual({ ok: true });
    const mapping = await repo.forChannel(shopee);
    expect(mapping?.platform).toBe("SHOPEE");
    expect(mapping?.categories.get("Fashion")).toEqual(fashion);
    // The TikTok channel of the same market does not see Shopee's mapping.
    expect((await repo.forChannel(tiktok))?.categories.size).toBe(0);
  });

  it("lets a channel's own mapping override the shared one, and replaces attributes on rewrite", async () => {
    const own: CategoryRule = { ...fashion, categoryId: "100018", attributes: [fashion.attributes[1]!] };
    expect(await repo.setCategoryMapping({ ...shared, channelId: shopee }, own)).toEqual({ ok: true });
    expect((await repo.forChannel(shopee))?.categories.get("Fashion")).toEqual(own);
    expect(await repo.removeCategoryMapping({ ...shared, channelId: shopee }, "Fashion")).toBe(true);
    expect((await repo.forChannel(shopee))?.categories.get("Fashion")?.categoryId).toBe("100017");
    const [{ n }] = (await db.dataSource.query("SELECT count(*)::int AS n FROM attribute_mappings")) as [
      { n: number },
    ];
    expect(n).toBe(2);
  });

  it("refuses malformed ids with problems naming the field and stores nothing", async () => {
    const before = await db.dataSource.query("SELECT count(*)::int AS n FROM category_mappings");
    const r = await repo.setCategoryMapping(shared, {
      ...fashion,
      masterCategory: "Beauty",
      categoryId: "Beauty",
    });
    expect(r).toMatchObject({ ok: false, problems: [{ field: "categoryId", code: "INVALID_FORMAT" }] });
    expect(await repo.setCategoryMapping({ ...shared, market: "Indonesia" }, fashion)).toMatchObject({
      ok: false,
      problems: [{ field: "market" }],
    });
    expect(await db.dataSource.query("SELECT count(*)::int AS n FROM category_mappings")).toEqual(before);
  });

  it("maps brands per scope and keeps the channel's own brand id", async () => {
    expect(
      await repo.setBrandMappings(shared, [
        { masterBrand: "Erigo", brand: { id: "3001", name: "Erigo" } },
        { masterBrand: "Cottonink", brand: { id: "3002", name: "Cottonink" } },
      ]),
    ).toEqual({ ok: true });
    await repo.setBrandMappings({ ...shared, channelId: shopee }, [
      { masterBrand: "Erigo", brand: { id: "3101", name: "Erigo Official" } },
    ]);
    const brands = (await repo.forChannel(shopee))?.brands;
    expect(brands?.get("Erigo")).toEqual({ id: "3101", name: "Erigo Official" });
    expect(brands?.get("Cottonink")).toEqual({ id: "3002", name: "Cottonink" });
    expect(
      await repo.setBrandMappings(shared, [{ masterBrand: "X", brand: { id: "0", name: "No brand" } }]),
    ).toMatchObject({
      ok: false,
      problems: [{ field: "brands[0].brandId" }],
    });
  });

  it("stores a shipping profile only for the channel's own platform", async () => {
    expect(
      await repo.setShippingProfile(tiktok, { platform: "SHOPEE", logistics: [{ logisticId: 80001 }] }),
    ).toMatchObject({ ok: false, problems: [{ code: "INVALID_SETTING" }] });
    expect(
      await repo.setShippingProfile(tiktok, { platform: "TIKTOK_SHOP", warehouseId: "7068517275539719942" }),
    ).toEqual({
      ok: true,
    });
    expect((await repo.forChannel(tiktok))?.shipping).toEqual({
      platform: "TIKTOK_SHOP",
      warehouseId: "7068517275539719942",
    });
    expect(
      await repo.setShippingProfile("999999", { platform: "TIKTOK_SHOP", warehouseId: "1" }),
    ).toMatchObject({
      ok: false,
    });
    expect(await repo.forChannel("999999")).toBeNull();
  });
});
