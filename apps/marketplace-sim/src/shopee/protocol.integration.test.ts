import { createHmac } from "node:crypto";
import type http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimControl } from "../control";
import { createSimServer, listen } from "../http";
import { createShopeeSim } from "./sim";

/**
 * The simulator over real HTTP, driven by a signer written here from the documentation alone
 * (not the client's), so the simulator is shown to accept exactly what Shopee's algorithm produces.
 */
const creds = {
  partnerId: 2001887,
  partnerKey: "protocol-test-partner-key",
  shopId: 700123,
  accessToken: "protocol-access-token-0",
  refreshToken: "protocol-refresh-token-0",
};

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

// No wait between add_item and init_tier_variation here: refusals.test.ts shows the wait is enforced.
const control = new SimControl({ tierVariationWaitMs: 0 });
let server: http.Server;
let base: string;
let accessToken = creds.accessToken;
let imageId = "";

function hmac(text: string, key = creds.partnerKey): string {
  return createHmac("sha256", key).update(text, "utf8").digest("hex");
}

interface Signed {
  /** Overrides of what goes into the signature only (the query still carries the real values). */
  signPath?: string;
  signTimestamp?: number;
  signToken?: string;
  signShop?: string;
}

function shopQuery(path: string, extra: Record<string, string> = {}, s: Signed = {}, ts = now()) {
  const sign = hmac(
    `${creds.partnerId}${s.signPath ?? path}${s.signTimestamp ?? ts}${s.signToken ?? accessToken}${s.signShop ?? creds.shopId}`,
  );
  return new URLSearchParams({
    partner_id: String(creds.partnerId),
    timestamp: String(ts),
    access_token: accessToken,
    shop_id: String(creds.shopId),
    sign,
    ...extra,
  });
}

function publicQuery(path: string, ts = now()) {
  return new URLSearchParams({
    partner_id: String(creds.partnerId),
    timestamp: String(ts),
    sign: hmac(`${creds.partnerId}${path}${ts}`),
  });
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

async function send(method: string, path: string, query: URLSearchParams, body?: unknown) {
  const res = await fetch(`${base}${path}?${query}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const post = (path: string, body: unknown, q = shopQuery(path)) => send("POST", path, q, body);
const get = (path: string, extra: Record<string, string> = {}) => send("GET", path, shopQuery(path, extra));
const response = (r: { body: Record<string, unknown> }) => r.body.response as Record<string, unknown>;

function item(overrides: Record<string, unknown> = {}) {
  return {
    item_name: "Speckled Stoneware Mug",
    description: "Thrown by hand, glazed twice, dishwasher safe.",
    item_sku: "PROTO-1",
    // Peralatan Masak, with its mandatory Bahan (Stainless Steel) and a shipping channel of the shop.
    category_id: 100302,
    attribute_list: [{ attribute_id: 100136, attribute_value_list: [{ value_id: 10013602 }] }],
    weight: 0.42,
    dimension: { package_length: 12, package_width: 10, package_height: 10 },
    image: { image_id_list: [imageId] },
    brand: { brand_id: 0, original_brand_name: "Kiln" },
    original_price: 21.5,
    seller_stock: [{ stock: 12 }],
    logistic_info: [{ logistic_id: 8005, enabled: true }],
    ...overrides,
  };
}

beforeAll(async () => {
  server = createSimServer(control, createShopeeSim(creds, control));
  base = `http://127.0.0.1:${await listen(server, 0)}`;
  const path = "/api/v2/media_space/upload_image";
  const form = new FormData();
  form.append("image", new Blob([PNG], { type: "image/png" }), "mug.png");
  const res = await fetch(`${base}${path}?${publicQuery(path)}`, { method: "POST", body: form });
  const body = (await res.json()) as { response: { image_info: { image_id: string } } };
  imageId = body.response.image_info.image_id;
});

beforeEach(() => {
  control.update({ qpsPerShop: null, errorRate: 0, timeoutRate: 0 });
});

afterEach(() => {
  control.update({ qpsPerShop: null });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("signature and timestamp", () => {
  const path = "/api/v2/product/get_item_base_info";
  const extra = { item_id_list: "1" };

  it("accepts a request signed by an independent implementation of the documented algorithm", async () => {
    const res = await get(path, extra);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ error: "", response: { item_list: [] } });
    expect(res.body.request_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each<[string, Signed]>([
    ["api path", { signPath: "/api/v2/product/get_item_base_infp" }],
    ["timestamp", { signTimestamp: now() - 1 }],
    ["access token", { signToken: "protocol-access-token-1" }],
    ["shop id", { signShop: String(creds.shopId + 1) }],
  ])("refuses a sign over one changed byte of the %s with error_sign", async (_, change) => {
    const before = control.stats.rejected.error_sign ?? 0;
    const res = await send("GET", path, shopQuery(path, extra, change));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "error_sign", message: "Wrong sign." });
    expect(control.stats.rejected.error_sign).toBe(before + 1);
  });

  it("refuses a sign made with another partner key", async () => {
    const q = shopQuery(path, extra);
    q.set(
      "sign",
      hmac(`${creds.partnerId}${path}${q.get("timestamp")}${accessToken}${creds.shopId}`, "other-key"),
    );
    expect((await send("GET", path, q)).body.error).toBe("error_sign");
  });

  it.each([
    ["older than 5 minutes", -301],
    ["ahead of the clock", 120],
  ])("refuses a correctly signed timestamp %s", async (_, offset) => {
    const res = await send("GET", path, shopQuery(path, extra, {}, now() + offset));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "error_param" });
    expect(String(res.body.message)).toMatch(/timestamp/);
  });

  it("accepts a timestamp 4 minutes old", async () => {
    expect((await send("GET", path, shopQuery(path, extra, {}, now() - 240))).status).toBe(200);
  });

  it.each(["partner_id", "timestamp", "sign", "access_token", "shop_id"])(
    "refuses a request without %s",
    async (name) => {
      const q = shopQuery(path, extra);
      q.delete(name);
      const res = await send("GET", path, q);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("error_param");
      expect(String(res.body.message)).toContain(name);
    },
  );

  it("refuses another partner or shop, even correctly signed", async () => {
    const ts = now();
    const otherPartner = new URLSearchParams({
      partner_id: "999",
      timestamp: String(ts),
      access_token: accessToken,
      shop_id: String(creds.shopId),
      sign: hmac(`999${path}${ts}${accessToken}${creds.shopId}`),
      ...extra,
    });
    expect((await send("GET", path, otherPartner)).body).toMatchObject({ error: "error_auth" });
    const otherShop = shopQuery(path, { ...extra, shop_id: "42" }, { signShop: "42" });
    expect((await send("GET", path, otherShop)).body).toMatchObject({ error: "error_auth" });
  });

  it("refuses an unknown access token with invalid_acceess_token", async () => {
    const q = shopQuery(path, { ...extra, access_token: "not-issued" }, { signToken: "not-issued" });
    const res = await send("GET", path, q);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: "invalid_acceess_token", message: "Invalid access_token." });
  });

  it("answers an unknown path or method with 404", async () => {
    expect((await get("/api/v2/product/nope")).status).toBe(404);
    expect((await post(path, {})).status).toBe(404);
  });
});

describe("tokens", () => {
  const refreshPath = "/api/v2/auth/access_token/get";

  it("expires every access token on demand, refreshes once per refresh token, honours the new pair", async () => {
    const control_ = await fetch(`${base}/__sim/shopee/expire-tokens`, { method: "POST" });
    expect(await control_.json()).toEqual({ expired: 1 });
    const expired = await get("/api/v2/product/get_item_base_info", { item_id_list: "1" });
    expect(expired.body).toMatchObject({ error: "invalid_acceess_token" });

    control.update({ accessTokenTtlSec: 600 });
    const body = { refresh_token: creds.refreshToken, partner_id: creds.partnerId, shop_id: creds.shopId };
    const granted = await post(refreshPath, body, publicQuery(refreshPath));
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      error: "",
      partner_id: creds.partnerId,
      shop_id: creds.shopId,
      expire_in: 600,
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      refresh_token: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(granted.body).not.toHaveProperty("response");

    const reused = await post(refreshPath, body, publicQuery(refreshPath));
    expect(reused.status).toBe(403);
    expect(reused.body).toMatchObject({ error: "error_auth" });
    expect(String(reused.body.message)).toMatch(/refresh_token/);

    accessToken = String(granted.body.access_token);
    expect((await get("/api/v2/product/get_item_base_info", { item_id_list: "1" })).status).toBe(200);

    const next = { ...body, refresh_token: String(granted.body.refresh_token) };
    expect((await post(refreshPath, { ...next, shop_id: 1 }, publicQuery(refreshPath))).body.error).toBe(
      "error_auth",
    );
    expect((await post(refreshPath, next, shopQuery(refreshPath))).body.error).toBe("error_sign");
  });
});

describe("gate", () => {
  it("answers over the shop's QPS with 429, error_rate_limit and Retry-After in seconds", async () => {
    control.update({ qpsPerShop: 1 });
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => get("/api/v2/product/get_item_base_info", { item_id_list: "1" })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const a of limited) {
      expect(a.body).toMatchObject({ error: "error_rate_limit" });
      expect(Number(a.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("answers an injected failure with 500 and error_server", async () => {
    control.update({ errorRate: 1 });
    const res = await get("/api/v2/product/get_item_base_info", { item_id_list: "1" });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: "error_server" });
  });
});

describe("listing rules", () => {
  const addPath = "/api/v2/product/add_item";

  it("creates a valid item and reads it back", async () => {
    const created = await post(addPath, item({ item_sku: "RULES-OK" }));
    expect(created.status).toBe(200);
    const id = response(created).item_id as number;
    expect(id).toBeGreaterThan(10_000_000_000);
    const read = response(await get("/api/v2/product/get_item_base_info", { item_id_list: `${id},1` }));
    expect(read.item_list).toEqual([
      expect.objectContaining({
        item_id: id,
        item_sku: "RULES-OK",
        weight: "0.42",
        has_model: false,
        item_status: "NORMAL",
        price_info: [expect.objectContaining({ original_price: 21.5 })],
        stock_info_v2: expect.objectContaining({ seller_stock: [{ location_id: "", stock: 12 }] }),
      }),
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["missing item_name", { item_name: undefined }, "item_name"],
    ["item_name too short", { item_name: "Mug" }, "item_name"],
    ["item_name too long", { item_name: "M".repeat(101) }, "item_name"],
    ["missing description", { description: undefined }, "description"],
    ["description too short", { description: "Short." }, "description"],
    ["description too long", { description: "d".repeat(3001) }, "description"],
    ["no images", { image: { image_id_list: [] } }, "image.image_id_list"],
    [
      "ten images",
      { image: { image_id_list: Array.from({ length: 10 }, () => "x") } },
      "image.image_id_list",
    ],
    ["unknown image_id", { image: { image_id_list: ["never-uploaded"] } }, "image.image_id_list[0]"],
    ["item_sku over 100", { item_sku: "S".repeat(101) }, "item_sku"],
    ["price 0", { original_price: 0 }, "original_price"],
    ["negative price", { original_price: -5 }, "original_price"],
    ["missing price", { original_price: undefined }, "original_price"],
    ["negative stock", { seller_stock: [{ stock: -1 }] }, "seller_stock[0].stock"],
    ["fractional stock", { seller_stock: [{ stock: 1.5 }] }, "seller_stock[0].stock"],
    ["missing stock", { seller_stock: undefined }, "seller_stock"],
    ["missing category", { category_id: undefined }, "category_id"],
    ["category 0", { category_id: 0 }, "category_id"],
    ["missing weight", { weight: undefined }, "weight"],
    [
      "fractional dimension",
      { dimension: { package_length: 1.5, package_width: 1, package_height: 1 } },
      "dimension.package_length",
    ],
    ["no shipping channel", { logistic_info: [] }, "logistic_info"],
    ["no enabled channel", { logistic_info: [{ logistic_id: 1, enabled: false }] }, "logistic_info"],
  ])("refuses %s with error_param naming %s", async (_, change, field) => {
    const res = await post(addPath, item(change));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("error_param");
    expect(String(res.body.message)).toMatch(
      new RegExp(`^Wrong parameters, detail: ${field.replace(/[[\].]/g, "\\$&")} `),
    );
  });

  it("accepts a duplicate item_sku, as Shopee does", async () => {
    expect((await post(addPath, item({ item_sku: "DUP-1" }))).status).toBe(200);
    expect((await post(addPath, item({ item_sku: "DUP-1" }))).status).toBe(200);
  });

  it("refuses a non-JSON body", async () => {
    const res = await fetch(`${base}${addPath}?${shopQuery(addPath)}`, { method: "POST", body: "{nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("error_param");
  });

  it("keeps price and stock out of update_item and names the endpoint to use", async () => {
    const id = response(await post(addPath, item({ item_sku: "UPD-RULE" }))).item_id;
    const res = await post("/api/v2/product/update_item", { item_id: id, original_price: 5 });
    expect(res.body.error).toBe("error_param");
    expect(String(res.body.message)).toContain("update_price");
    const missing = await post("/api/v2/product/update_item", { item_id: 99, item_name: "Another Name" });
    expect(missing.body.error).toBe("error_item_not_found");
  });
});

describe("variations", () => {
  it("inits tiers, refuses bad models by path, lists models, reports per-model price failures", async () => {
    const id = response(await post("/api/v2/product/add_item", item({ item_sku: "TIER-1" }))).item_id;
    const tiers = [{ name: "Colour", option_list: [{ option: "Red" }, { option: "Blue" }] }];
    const model = (i: number, sku: string) => ({
      tier_index: [i],
      model_sku: sku,
      original_price: 10 + i,
      seller_stock: [{ stock: 3 }],
    });
    const init = "/api/v2/product/init_tier_variation";
    const dup = await post(init, {
      item_id: id,
      tier_variation: tiers,
      model: [model(0, "R"), model(0, "B")],
    });
    expect(String(dup.body.message)).toMatch(/^Wrong parameters, detail: model\[1\]\.tier_index /);
    const outOfRange = await post(init, { item_id: id, tier_variation: tiers, model: [model(2, "R")] });
    expect(String(outOfRange.body.message)).toMatch(/model\[0\]\.tier_index\[0\]/);
    const threeTiers = await post(init, {
      item_id: id,
      tier_variation: [tiers[0], tiers[0], tiers[0]],
      model: [],
    });
    expect(String(threeTiers.body.message)).toMatch(/detail: tier_variation /);

    const ok = await post(init, {
      item_id: id,
      tier_variation: tiers,
      model: [model(0, "R"), model(1, "B")],
    });
    expect(ok.status).toBe(200);
    const models = response(ok).model as { model_id: number; model_sku: string }[];
    expect(models.map((m) => m.model_sku)).toEqual(["R", "B"]);
    expect(
      (await post(init, { item_id: id, tier_variation: tiers, model: [model(0, "R")] })).body.error,
    ).toBe("error_param");

    const price = await post("/api/v2/product/update_price", {
      item_id: id,
      price_list: [
        { model_id: models[0]!.model_id, original_price: 30 },
        { model_id: models[1]!.model_id, original_price: 0 },
        { model_id: 5, original_price: 1 },
      ],
    });
    expect(response(price).success_list).toEqual([{ model_id: models[0]!.model_id, original_price: 30 }]);
    expect(response(price).failure_list).toEqual([
      {
        model_id: models[1]!.model_id,
        failed_reason: expect.stringMatching(/^price_list\[1\]\.original_price/),
      },
      { model_id: 5, failed_reason: expect.stringMatching(/not a model/) },
    ]);

    const list = response(await get("/api/v2/product/get_model_list", { item_id: String(id) }));
    expect(list.tier_variation).toEqual(tiers);
    expect(
      (list.model as { price_info: { original_price: number }[] }[]).map(
        (m) => m.price_info[0]!.original_price,
      ),
    ).toEqual([30, 11]);
    const base = response(await get("/api/v2/product/get_item_base_info", { item_id_list: String(id) }));
    expect(base.item_list).toEqual([expect.objectContaining({ has_model: true })]);
    expect((base.item_list as object[])[0]).not.toHaveProperty("price_info");
  });
});

describe("search_item", () => {
  it("matches item_sku as a keyword (prefix, any case), exact first, and pages", async () => {
    for (const sku of ["KW-10", "KW-1", "kw-100", "OTHER-KW-1"]) {
      expect((await post("/api/v2/product/add_item", item({ item_sku: sku }))).status).toBe(200);
    }
    const page = response(await get("/api/v2/product/search_item", { item_sku: "KW-1", page_size: "2" }));
    expect(page).toMatchObject({ total_count: 3, has_next_page: true, next_offset: "2" });
    const ids = page.item_id_list as number[];
    const skus = response(await get("/api/v2/product/get_item_base_info", { item_id_list: ids.join(",") }))
      .item_list as { item_sku: string }[];
    expect(skus[0]!.item_sku).toBe("KW-1");
    const rest = response(
      await get("/api/v2/product/search_item", { item_sku: "KW-1", page_size: "2", offset: "2" }),
    );
    expect(rest).toMatchObject({ has_next_page: false, next_offset: "" });
    expect(rest.item_id_list).toHaveLength(1);
    expect(
      response(await get("/api/v2/product/search_item", { item_sku: "NOPE", page_size: "10" })),
    ).toMatchObject({
      item_id_list: [],
      total_count: 0,
    });
  });

  it("requires page_size and a keyword", async () => {
    expect((await get("/api/v2/product/search_item", { item_sku: "KW" })).body.message).toMatch(/page_size/);
    expect((await get("/api/v2/product/search_item", { page_size: "10" })).body.message).toMatch(/item_name/);
  });
});

describe("media_space/upload_image", () => {
  const path = "/api/v2/media_space/upload_image";

  it("is a public call: signed without token or shop", async () => {
    expect(imageId).toMatch(/^sim-/);
    const form = new FormData();
    form.append("image", new Blob([PNG], { type: "image/png" }), "a.png");
    const res = await fetch(`${base}${path}?${shopQuery(path)}`, { method: "POST", body: form });
    expect(((await res.json()) as { error: string }).error).toBe("error_sign");
  });

  it("refuses a file that is not a JPG or PNG, naming image", async () => {
    const form = new FormData();
    form.append("image", new Blob([Buffer.from("GIF89a-not-really")], { type: "image/gif" }), "a.gif");
    const res = await fetch(`${base}${path}?${publicQuery(path)}`, { method: "POST", body: form });
    const body = (await res.json()) as { error: string; message: string };
    expect(body).toMatchObject({ error: "error_param" });
    expect(body.message).toMatch(/detail: image /);
  });
});

describe("stats and reset", () => {
  it("reports what is held and clears it", async () => {
    const stats = (await (await fetch(`${base}/__sim/stats`)).json()) as Record<string, number>;
    expect(stats.listings).toBeGreaterThan(0);
    expect(stats.models).toBe(2);
    expect(stats.images).toBeGreaterThanOrEqual(1);
    await fetch(`${base}/__sim/reset`, { method: "POST" });
    const after = (await (await fetch(`${base}/__sim/stats`)).json()) as Record<string, number>;
    expect(after).toMatchObject({ listings: 0, models: 0, images: 0, accessTokens: 1 });
  });
});
