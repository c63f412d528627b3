import { loadConfig } from "@syncstore/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";
import { shopeeWire, tiktokWire } from "./testing/wire";

/** The taxonomy read endpoints of both simulators, over HTTP with independently signed requests. */
const config = loadConfig({});
let sims: RunningSimulators;
let shopee: ReturnType<typeof shopeeWire>;
let tiktok: ReturnType<typeof tiktokWire>;

beforeAll(async () => {
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
  shopee = shopeeWire(sims.shopee.url, config);
  tiktok = tiktokWire(sims.tiktok.url, config);
});
afterAll(() => sims.close());

const P = "/api/v2/product";

describe("Shopee taxonomy reads", () => {
  it("get_category lists the tree with has_children", async () => {
    const { body } = await shopee.get(`${P}/get_category`, { language: "id" });
    expect(body.error).toBe("");
    const list = (body.response as { category_list: Record<string, unknown>[] }).category_list;
    expect(list).toContainEqual({
      category_id: 100012,
      parent_category_id: 100011,
      original_category_name: "Kaos Pria",
      display_category_name: "Kaos Pria",
      has_children: false,
    });
    expect(list).toContainEqual(
      expect.objectContaining({ category_id: 100010, parent_category_id: 0, has_children: true }),
    );
  });

  it("get_attribute_tree gives mandatory attributes, values, input types and units", async () => {
    const { body } = await shopee.get(`${P}/get_attribute_tree`, { category_id_list: "100012,100602" });
    const list = (
      body.response as { list: { category_id: number; attribute_tree: Record<string, unknown>[] }[] }
    ).list;
    expect(list.map((l) => l.category_id)).toEqual([100012, 100602]);
    expect(list[0]!.attribute_tree[0]).toMatchObject({
      attribute_id: 100134,
      mandatory: true,
      name: "Bahan",
      attribute_value_list: expect.arrayContaining([
        expect.objectContaining({ value_id: 10013401, name: "Katun Combed 30s" }),
      ]),
      attribute_info: { input_type: 1, format_type: 1 },
    });
    expect(list[1]!.attribute_tree).toContainEqual(
      expect.objectContaining({
        name: "Berat Bersih",
        mandatory: false,
        attribute_info: expect.objectContaining({ format_type: 2, attribute_unit_list: ["g", "kg"] }),
      }),
    );
  });

  it("refuses attributes of a category that is not a leaf, naming the field", async () => {
    const { status, body } = await shopee.get(`${P}/get_attribute_tree`, { category_id_list: "100011" });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: "error_param",
      message: expect.stringContaining("category_id_list 100011 is not a leaf"),
    });
  });

  it("get_brand_list says when a brand is mandatory", async () => {
    const { body } = await shopee.get(`${P}/get_brand_list`, {
      category_id: "100202",
      offset: "0",
      page_size: "3",
      status: "1",
    });
    expect(body.response).toMatchObject({
      is_mandatory: true,
      has_next_page: true,
      next_offset: 3,
      brand_list: [
        { brand_id: 1146201, original_brand_name: "Xiaomi", display_brand_name: "Xiaomi" },
        {},
        {},
      ],
    });
    const other = await shopee.get(`${P}/get_brand_list`, {
      category_id: "100012",
      offset: "0",
      page_size: "100",
      status: "1",
    });
    expect(other.body.response).toMatchObject({ is_mandatory: false, has_next_page: false });
  });

  it("get_item_limit reports the category's limits and size chart rule", async () => {
    const { body } = await shopee.get(`${P}/get_item_limit`, { category_id: "100012" });
    expect(body.response).toMatchObject({
      price_limit: { min_limit: 100, max_limit: 1_000_000_000 },
      item_name_length_limit: { min_limit: 5, max_limit: 100 },
      size_chart_limit: { size_chart_mandatory: true },
    });
  });

  it("category_recommend suggests leaves by name", async () => {
    const { body } = await shopee.get(`${P}/category_recommend`, { item_name: "Powerbank Anker 10000mAh" });
    expect((body.response as { category_id: number[] }).category_id[0]).toBe(100202);
  });

  it("get_channel_list has a size-selection channel and weight limits", async () => {
    const { body } = await shopee.get("/api/v2/logistics/get_channel_list");
    const channels = (body.response as { logistics_channel_list: Record<string, unknown>[] })
      .logistics_channel_list;
    expect(channels).toContainEqual(
      expect.objectContaining({
        logistics_channel_id: 8010,
        enabled: true,
        fee_type: "SIZE_SELECTION",
        size_list: expect.arrayContaining([
          { size_id: "1", name: expect.any(String), default_price: 15_000 },
        ]),
        weight_limit: { item_max_weight: 5, item_min_weight: 0.01 },
      }),
    );
    expect(channels.filter((c) => c.enabled === false).map((c) => c.logistics_channel_id)).toEqual([8011]);
  });
});

describe("TikTok Shop taxonomy reads", () => {
  it("categories lists the tree with is_leaf", async () => {
    const { body } = await tiktok.get("/product/202309/categories", {
      locale: "id-ID",
      category_version: "v2",
    });
    expect(body.code).toBe(0);
    expect((body.data as { categories: unknown[] }).categories).toContainEqual({
      id: "600012",
      parent_id: "600011",
      local_name: "Kaos Pria",
      is_leaf: true,
      permission_statuses: ["AVAILABLE"],
    });
    const v1 = await tiktok.get("/product/202309/categories", { category_version: "v1" });
    expect(v1.body).toMatchObject({ code: 12052217, message: expect.stringContaining("category_version") });
  });

  it("attributes gives required product attributes (spelled is_requried) and sales properties", async () => {
    const { body } = await tiktok.get("/product/202309/categories/600012/attributes");
    const attributes = (body.data as { attributes: Record<string, unknown>[] }).attributes;
    expect(attributes[0]).toMatchObject({
      id: "100392",
      name: "Bahan",
      type: "PRODUCT_PROPERTY",
      is_requried: true,
      is_customizable: false,
      values: expect.arrayContaining([{ id: "10039201", name: "Katun Combed 30s" }]),
    });
    expect(attributes.some((a) => a.type === "SALES_PROPERTY" && a.name === "Warna")).toBe(true);
  });

  it("refuses a category that is not a leaf with 12052024", async () => {
    const { status, body } = await tiktok.get("/product/202309/categories/600011/attributes");
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 12052024, message: expect.stringContaining("`category_id`") });
  });

  it("rules say when a size chart is required", async () => {
    const kaos = await tiktok.get("/product/202309/categories/600012/rules");
    expect(kaos.body.data).toMatchObject({
      size_chart: { is_supported: true, is_required: true },
      package_dimension: { is_required: false },
    });
    const kopi = await tiktok.get("/product/202309/categories/600602/rules");
    expect(kopi.body.data).toMatchObject({ size_chart: { is_required: false } });
  });

  it("brands lists a category's brands, paged", async () => {
    const { body } = await tiktok.get("/product/202309/brands", { category_id: "600202", page_size: "2" });
    expect(body.data).toMatchObject({
      brands: [
        {
          id: "7082427311584300201",
          name: "Xiaomi",
          authorized_status: "AUTHORIZED",
          brand_status: "AVAILABLE",
        },
        {},
      ],
      total_count: 10,
      next_page_token: expect.stringMatching(/.+/),
    });
  });

  it("categories/recommend suggests a leaf with its chain", async () => {
    const { body } = await tiktok.post("/product/202309/categories/recommend", {
      product_title: "Kopi Bubuk Kapal Api 165g",
    });
    expect(body.data).toMatchObject({
      leaf_category_id: "600602",
      categories: [{ level: 1, is_leaf: false }, { level: 2 }, { id: "600602", level: 3, is_leaf: true }],
    });
  });

  it("warehouses have one default, each with delivery options", async () => {
    const { body } = await tiktok.get("/logistics/202309/warehouses");
    const warehouses = (body.data as { warehouses: Record<string, unknown>[] }).warehouses;
    expect(warehouses.filter((w) => w.is_default).map((w) => w.id)).toEqual(["7068517275539719942"]);
    expect(warehouses).toHaveLength(2);
    const options = await tiktok.get("/logistics/202309/warehouses/7068517275539719943/delivery_options");
    expect(options.body.data).toMatchObject({
      delivery_options: [{ id: "7129736309473036034", type: "STANDARD", weight_limit: { unit: "GRAM" } }],
    });
    const unknown = await tiktok.get("/logistics/202309/warehouses/1/delivery_options");
    expect(unknown.body.code).toBe(12019022);
  });

  it("prerequisites report the shop ready to list", async () => {
    const { body } = await tiktok.get("/product/202312/prerequisites");
    expect(body.data).toMatchObject({
      shop: {
        status: { check_result: { is_failed: false } },
        logistics: { return_warehouse: { check_result: { is_failed: false } } },
        gne: { product_quantity_limit: { check_result: { is_failed: false } } },
      },
    });
  });
});
