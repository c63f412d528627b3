import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "@syncstore/config";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";
import { png, shopeeWire, tiktokWire } from "./testing/wire";

/**
 * What the real APIs refuse, refused by the simulators with the platforms' codes and the field
 * named, over HTTP with independently signed requests; and the review lifecycle with its webhooks.
 */
const config = loadConfig({});
let sims: RunningSimulators;
let shopee: ReturnType<typeof shopeeWire>;
let tiktok: ReturnType<typeof tiktokWire>;
let hooks: http.Server;
let hookUrl = "";
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const images: Record<string, string> = {};

async function until<T>(what: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function control(base: string, path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function upload(kind: "shopee" | "tiktok", data: Buffer, useCase = "MAIN_IMAGE") {
  const form = new FormData();
  if (kind === "shopee") {
    form.append("image", new Blob([data], { type: "image/png" }), "a.png");
    const path = "/api/v2/media_space/upload_image";
    const res = await fetch(`${sims.shopee.url}${path}?${shopee.publicQuery(path)}`, {
      method: "POST",
      body: form,
    });
    return (await res.json()) as Record<string, unknown>;
  }
  const path = "/product/202309/images/upload";
  const ts = String(Math.floor(Date.now() / 1000));
  const q = { app_key: config.TIKTOK_APP_KEY, timestamp: ts };
  const secret = config.TIKTOK_APP_SECRET;
  const sign = createHmac("sha256", secret)
    .update(`${secret}${path}app_key${q.app_key}timestamp${ts}${secret}`)
    .digest("hex");
  form.append("data", new Blob([data], { type: "image/png" }), "a.png");
  form.append("use_case", useCase);
  const res = await fetch(`${sims.tiktok.url}${path}?${new URLSearchParams({ ...q, sign })}`, {
    method: "POST",
    headers: { "x-tts-access-token": config.TIKTOK_ACCESS_TOKEN },
    body: form,
  });
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  hooks = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`;
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
  shopee = shopeeWire(sims.shopee.url, config);
  tiktok = tiktokWire(sims.tiktok.url, config);
  const s = (await upload("shopee", png(400, 400))).response as { image_info: { image_id: string } };
  images.shopee = s.image_info.image_id;
  images.tiktok = ((await upload("tiktok", png(400, 400))).data as { uri: string }).uri;
});
afterAll(async () => {
  await sims.close();
  hooks.close();
});
beforeEach(() => {
  received.length = 0;
  for (const s of [sims.shopee, sims.tiktok])
    s.control.update({
      reviewDelayMs: 2000,
      autoReview: true,
      webhookUrl: null,
      dailyListingQuota: null,
      tierVariationWaitMs: 50,
    });
});

describe("Shopee refuses listings that break the taxonomy", () => {
  let n = 0;
  const item = (over: Record<string, unknown> = {}) => ({
    item_name: "Rice Cooker Stainless 1.8L",
    description: "Rice cooker with a stainless steel bowl and keep-warm mode.",
    item_sku: `SHP-REF-${++n}`,
    category_id: 100302,
    attribute_list: [{ attribute_id: 100136, attribute_value_list: [{ value_id: 10013602 }] }],
    weight: 2,
    image: { image_id_list: [images.shopee] },
    brand: { brand_id: 0, original_brand_name: "NoBrand" },
    original_price: 250000,
    seller_stock: [{ stock: 5 }],
    logistic_info: [{ logistic_id: 8005, enabled: true }],
    ...over,
  });
  const add = (over: Record<string, unknown>) => shopee.post("/api/v2/product/add_item", item(over));

  it("accepts a complete item, priced in IDR", async () => {
    const { body } = await add({});
    expect(body.error).toBe("");
    expect(body.response).toMatchObject({ price_info: [{ currency: "IDR", original_price: 250000 }] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown category", { category_id: 999999 }, "category_id 999999 is not a category"],
    ["a category that is not a leaf", { category_id: 100301 }, "category_id 100301 is not a leaf"],
    [
      "a missing mandatory attribute",
      { attribute_list: [] },
      "attribute_list is missing the mandatory attribute Bahan (100136)",
    ],
    [
      "an attribute of another category",
      { attribute_list: [{ attribute_id: 100134, attribute_value_list: [{ value_id: 10013401 }] }] },
      "attribute_list[0].attribute_id 100134 is not an attribute",
    ],
    [
      "a value not in the list",
      { attribute_list: [{ attribute_id: 100136, attribute_value_list: [{ value_id: 1 }] }] },
      "attribute_list[0].attribute_value_list[0].value_id 1 is not a value",
    ],
    [
      "a custom value for a drop-down",
      {
        attribute_list: [
          { attribute_id: 100136, attribute_value_list: [{ value_id: 0, original_value_name: "Bambu" }] },
        ],
      },
      "takes one of its listed values only",
    ],
    [
      "no brand where mandatory",
      {
        category_id: 100202,
        attribute_list: [{ attribute_id: 100135, attribute_value_list: [{ value_id: 10013501 }] }],
      },
      "brand.brand_id is mandatory for category 100202",
    ],
    [
      "an unknown brand",
      { brand: { brand_id: 42, original_brand_name: "X" } },
      "brand.brand_id 42 is not a brand",
    ],
    [
      "an unknown logistics channel",
      { logistic_info: [{ logistic_id: 1, enabled: true }] },
      "logistic_info[0].logistic_id 1 is not a logistics channel",
    ],
    [
      "a channel the shop disabled",
      { logistic_info: [{ logistic_id: 8011, enabled: true }] },
      "channel 8011 (Kargo Ekonomi) is disabled",
    ],
    [
      "a size the channel does not have",
      { logistic_info: [{ logistic_id: 8010, enabled: true, size_id: 9 }] },
      "logistic_info[0].size_id 9 is not a size of channel 8010",
    ],
    [
      "SIZE_SELECTION without size_id",
      { logistic_info: [{ logistic_id: 8010, enabled: true }] },
      "logistic_info[0].size_id is required",
    ],
    [
      "a weight over the channel's limit",
      { weight: 6, logistic_info: [{ logistic_id: 8010, enabled: true, size_id: 1 }] },
      "weight 6 kg is outside the 0.01–5 kg limit of logistics channel 8010",
    ],
    [
      "no size chart where the category needs one",
      {
        category_id: 100012,
        attribute_list: [{ attribute_id: 100134, attribute_value_list: [{ value_id: 10013401 }] }],
      },
      "size_chart_info is required",
    ],
    ["a malformed body field", { attribute_list: "Bahan" }, "attribute_list must be a list"],
  ])("refuses %s", async (_, over, message) => {
    const { status, body } = await add(over);
    expect(status).toBe(400);
    expect(body.error).toBe("error_param");
    expect(body.message).toContain(message);
  });

  it("never answers a malformed body with a 500", async () => {
    const odd = [
      { attribute_list: [null] },
      { attribute_list: [{ attribute_id: 100136, attribute_value_list: [7] }] },
      { logistic_info: [null] },
      { logistic_info: [{ logistic_id: 8010, enabled: true, size_id: "S" }] },
      { size_chart_info: "chart" },
      { brand: [] },
      { category_id: "100302" },
    ];
    for (const over of odd) {
      const r = await add(over);
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.error).toBe("error_param");
    }
  });

  it("refuses partial tier-1 images and variations sooner than the wait after add_item", async () => {
    const id = ((await add({})).body.response as { item_id: number }).item_id;
    const tiers = (withImage: boolean[]) => [
      {
        name: "Warna",
        option_list: withImage.map((img, i) => ({
          option: `W${i}`,
          ...(img ? { image: { image_id: images.shopee } } : {}),
        })),
      },
    ];
    const model = [
      { tier_index: [0], model_sku: `M-${id}`, original_price: 1000, seller_stock: [{ stock: 1 }] },
    ];
    const soon = await shopee.post("/api/v2/product/init_tier_variation", {
      item_id: id,
      tier_variation: tiers([false, false]),
      model,
    });
    expect(soon.body).toMatchObject({
      error: "error_busi",
      message: expect.stringContaining("item_id was created less than 50 ms ago"),
    });
    sims.shopee.control.update({ tierVariationWaitMs: 0 });
    const partial = await shopee.post("/api/v2/product/init_tier_variation", {
      item_id: id,
      tier_variation: tiers([true, false]),
      model,
    });
    expect(partial.body.message).toContain("tier_variation[0].option_list[1].image is required");
    const all = await shopee.post("/api/v2/product/init_tier_variation", {
      item_id: id,
      tier_variation: tiers([true, true]),
      model,
    });
    expect(all.body.error).toBe("");
  });

  it("holds an item a rule singles out in REVIEWING, then bans it, pushing a signed notice", async () => {
    sims.shopee.control.update({ reviewDelayMs: 20, webhookUrl: hookUrl });
    expect(
      (
        await control(sims.shopee.url, "/__sim/review/rules", {
          sku: "SHP-BAN",
          result: "REJECT",
          reason: "Prohibited item",
        })
      ).status,
    ).toBe(200);
    const id = (
      (await add({ item_sku: "SHP-BAN-1" })).body.response as { item_id: number; item_status: string }
    ).item_id;
    const read = async () =>
      (
        (await shopee.get("/api/v2/product/get_item_base_info", { item_id_list: String(id) })).body
          .response as { item_list: { item_status: string }[] }
      ).item_list[0]!;
    expect((await read()).item_status).toBe("REVIEWING");
    const push = await until(() => received.find((r) => r.body.includes(String(id))));
    expect(
      createHmac("sha256", config.SHOPEE_PARTNER_KEY).update(`${hookUrl}|${push.body}`).digest("hex"),
    ).toBe(push.headers.authorization);
    expect(JSON.parse(push.body)).toMatchObject({
      shop_id: config.SHOPEE_SHOP_ID,
      code: 16,
      data: { item_id: id, item_status: "BANNED" },
    });
    expect(await read()).toMatchObject({
      item_status: "BANNED",
      item_status_details: [{ violation_reason: "Prohibited item" }],
    });
    await fetch(`${sims.shopee.url}/__sim/review/rules`, { method: "DELETE" });
    const approved = await control(sims.shopee.url, "/__sim/review", {
      platform: "shopee",
      externalId: String(id),
      result: "APPROVE",
    });
    expect(approved.body).toEqual({ decided: [{ item_id: id, item_status: "NORMAL" }] });
  });
});

describe("TikTok Shop refuses listings that break the taxonomy", () => {
  let n = 0;
  const W = "7068517275539719942";
  const product = (over: Record<string, unknown> = {}) => ({
    title: "Kopi Bubuk Robusta Asli Lampung 165 gram",
    description: "<p>Kopi bubuk robusta.</p>",
    category_id: "600602",
    category_version: "v2",
    product_attributes: [{ id: "100560", values: [{ id: "10056001" }] }],
    main_images: [{ uri: images.tiktok }],
    skus: [
      {
        seller_sku: `TT-REF-${++n}`,
        price: { amount: "25000", currency: "IDR" },
        inventory: [{ warehouse_id: W, quantity: 9 }],
      },
    ],
    package_weight: { value: "0.2", unit: "KILOGRAM" },
    ...over,
  });
  const create = (over: Record<string, unknown>) => tiktok.post("/product/202309/products", product(over));
  const sku = (inventory: unknown) => [
    { seller_sku: `TT-INV-${++n}`, price: { amount: "25000", currency: "IDR" }, inventory },
  ];

  it.each<[string, Record<string, unknown>, number, string]>([
    ["no category", { category_id: undefined }, 12052024, "`category_id`"],
    ["a category that is not a leaf", { category_id: "600601" }, 12052024, "not a leaf category"],
    ["an unknown category", { category_id: "1" }, 12052024, "does not exist"],
    [
      "no category_version (the market is on v2)",
      { category_version: undefined },
      12052217,
      "`category_version`",
    ],
    [
      "a missing required attribute",
      { product_attributes: [] },
      12052104,
      "required attribute Jenis Kemasan (100560)",
    ],
    [
      "an unknown attribute",
      { product_attributes: [{ id: "100392", values: [{ id: "10039201" }] }] },
      12052105,
      "`product_attributes[0].id`",
    ],
    [
      "a value not in the list",
      { product_attributes: [{ id: "100560", values: [{ id: "7" }] }] },
      12052105,
      "`product_attributes[0].values[0].id`",
    ],
    [
      "a number attribute without its unit",
      {
        product_attributes: [
          { id: "100560", values: [{ id: "10056001" }] },
          { id: "100702", values: [{ name: "165" }] },
        ],
      },
      12052105,
      "`product_attributes[1].values[0].name`",
    ],
    [
      "no brand where the category demands one",
      { category_id: "600202", product_attributes: [{ id: "100393", values: [{ id: "10039301" }] }] },
      12052201,
      "`brand_id`",
    ],
    ["a brand not authorized for the category", { brand_id: "1" }, 12052201, "`brand_id`"],
    [
      "no size chart where the rules require one",
      { category_id: "600012", product_attributes: [{ id: "100392", values: [{ id: "10039201" }] }] },
      12052230,
      "`size_chart`",
    ],
    ["no warehouse", { skus: sku([{ quantity: 1 }]) }, 12019022, "`skus[0].inventory[0].warehouse_id`"],
    [
      "an unknown warehouse",
      { skus: sku([{ warehouse_id: "1", quantity: 1 }]) },
      12019022,
      "`skus[0].inventory[0].warehouse_id`",
    ],
    [
      "decimal package dimensions",
      { package_dimensions: { length: "12.5", width: "10", height: "5", unit: "CENTIMETER" } },
      12052002,
      "`package_dimensions.length`",
    ],
    [
      "a price not in the shop's currency",
      {
        skus: [
          {
            seller_sku: "TT-SGD",
            price: { amount: "10", currency: "SGD" },
            inventory: [{ warehouse_id: W, quantity: 1 }],
          },
        ],
      },
      12052002,
      "`skus[0].price.currency`",
    ],
  ])("refuses %s", async (_, over, code, field) => {
    const { status, body } = await create(over);
    expect(status).toBe(200);
    expect(body.code).toBe(code);
    expect(body.message).toContain(field);
    expect(body.data).toBeNull();
  });

  it("refuses main images outside 300–4000 px and formats other than JPG/PNG, reading the header", async () => {
    expect(await upload("tiktok", png(299, 400))).toMatchObject({
      code: 12038001,
      message: expect.stringContaining("299×400"),
    });
    expect(await upload("tiktok", png(4001, 300))).toMatchObject({ code: 12038001 });
    expect(await upload("tiktok", png(100, 100), "ATTRIBUTE_IMAGE")).toMatchObject({ code: 0 });
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    expect(await upload("tiktok", gif)).toMatchObject({
      code: 12038001,
      message: expect.stringContaining("JPG or PNG"),
    });
  });

  it("never answers a malformed body with a 500", async () => {
    for (const body of [
      [],
      "x",
      { skus: "x", main_images: 7, product_attributes: {} },
      { ...product(), product_attributes: [null] },
    ]) {
      const r = await tiktok.post("/product/202309/products", body);
      expect(r.status).toBeLessThan(500);
      expect(r.body.code).not.toBe(0);
    }
  });

  it("creates PENDING, activates after the review delay, and signs the status webhook", async () => {
    const set = await control(sims.tiktok.url, "/__sim/settings", {
      reviewDelayMs: 30,
      webhookUrl: hookUrl,
      autoReview: true,
    });
    expect(set.body).toMatchObject({
      reviewDelayMs: 30,
      webhookUrl: hookUrl,
      autoReview: true,
      dailyListingQuota: null,
    });
    expect((await control(sims.tiktok.url, "/__sim/settings", { webhookUrl: "ftp://x" })).status).toBe(400);
    const created = await create({ size_chart: undefined });
    expect(created.body.code).toBe(0);
    const id = (created.body.data as { product_id: string }).product_id;
    expect(
      ((await tiktok.get(`/product/202309/products/${id}`)).body.data as { status: string }).status,
    ).toBe("PENDING");
    const hook = await until(() => received.find((r) => r.body.includes(id)));
    expect(
      createHmac("sha256", config.TIKTOK_APP_SECRET)
        .update(config.TIKTOK_APP_KEY + hook.body)
        .digest("hex"),
    ).toBe(hook.headers.authorization);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 5,
      data: { product_id: id, status: "PRODUCT_FIRST_PASS_REVIEW" },
    });
    const detail = (await tiktok.get(`/product/202309/products/${id}`)).body.data as Record<string, unknown>;
    expect(detail).toMatchObject({
      status: "ACTIVATE",
      category_chains: [
        { id: "600600" },
        { id: "600601" },
        { id: "600602", is_leaf: true, local_name: "Kopi" },
      ],
      product_attributes: [
        { id: "100560", name: "Jenis Kemasan", values: [{ id: "10056001", name: "Kemasan Pouch" }] },
      ],
    });
  });

  it("fails a review by rule or by /__sim/review, with the reason on the product", async () => {
    sims.tiktok.control.update({ autoReview: false });
    const id = ((await create({})).body.data as { product_id: string }).product_id;
    const decided = await control(sims.tiktok.url, "/__sim/review", {
      platform: "tiktok",
      externalId: id,
      result: "REJECT",
      reason: "Gambar buram",
    });
    expect(decided.body).toEqual({ decided: [{ id, status: "FAILED" }] });
    expect((await tiktok.get(`/product/202309/products/${id}`)).body.data).toMatchObject({
      status: "FAILED",
      audit_failed_reasons: [{ reasons: ["Gambar buram"] }],
    });
    expect(
      (await control(sims.tiktok.url, "/__sim/review", { platform: "shopee", result: "APPROVE" })).status,
    ).toBe(400);
    expect(
      (await control(sims.tiktok.url, "/__sim/review", { externalId: id, result: "MAYBE" })).status,
    ).toBe(400);

    sims.tiktok.control.update({ autoReview: true, reviewDelayMs: 10 });
    await control(sims.tiktok.url, "/__sim/review/rules", {
      titleContains: "terlarang",
      result: "REJECT",
      reason: "Produk terlarang",
    });
    const banned = (
      (await create({ title: "Kopi Bubuk Robusta terlarang 165 gram asli" })).body.data as {
        product_id: string;
      }
    ).product_id;
    const read = async () =>
      (await tiktok.get(`/product/202309/products/${banned}`)).body.data as {
        status: string;
        audit_failed_reasons?: unknown;
      };
    const failed = await until(async () => {
      const p = await read();
      return p.status === "FAILED" ? p : undefined;
    });
    expect(failed.audit_failed_reasons).toEqual([
      { position: "product", reasons: ["Produk terlarang"], suggestions: [] },
    ]);
    await fetch(`${sims.tiktok.url}/__sim/review/rules`, { method: "DELETE" });
  });

  it("enforces the daily listing quota of a new shop and reports it in prerequisites", async () => {
    await fetch(`${sims.tiktok.url}/__sim/reset`, { method: "POST" });
    // The reset dropped the uploaded images too.
    images.tiktok = ((await upload("tiktok", png(400, 400))).data as { uri: string }).uri;
    sims.tiktok.control.update({ dailyListingQuota: 1 });
    expect((await create({})).body.code).toBe(0);
    expect((await create({})).body).toMatchObject({
      code: 12019068,
      message: expect.stringContaining("`product`"),
    });
    expect((await tiktok.get("/product/202312/prerequisites")).body.data).toMatchObject({
      shop: { gne: { product_quantity_limit: { check_result: { is_failed: true } } } },
    });
  });
});
