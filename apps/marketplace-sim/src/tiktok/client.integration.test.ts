import sharp from "sharp";
import type { MarketplaceListingFields } from "@syncstore/marketplaces";
import { tiktokFields } from "../testing/listing-fields";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DownloadCache,
  ImageFetcher,
  MemoryImageIdCache,
  MemoryTokenStore,
  REDACTED,
  TikTokShopClient,
  type CallRecord,
  type TikTokShopClientOptions,
  type TokenSet,
} from "@syncstore/marketplaces";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SimControl } from "../control";
import { createSimServer, listen } from "../http";
import { createTikTokSim } from "./sim";

type ListingPayload = Parameters<TikTokShopClient["createListing"]>[0];

/** The real client against the real simulator, over HTTP: every adapter call, every failure class. */
const creds = {
  appKey: "itest-app-key",
  appSecret: "itest-app-secret-value",
  shopCipher: "ROW_itest_cipher",
  accessToken: "itest-access-token-0",
  refreshToken: "itest-refresh-token-0",
};

/** A real 400×400 PNG: within both platforms' pixel bounds, so it is uploaded as it is. */
let PNG: Buffer;
/** A leaf of the simulator's taxonomy with its required attributes, brand and shipping, read through the client. */
let fields: MarketplaceListingFields;
/** What a seller's CMS often serves: a WEBP, and a thumbnail too small for TikTok. */
let WEBP: Buffer;
let THUMB: Buffer;

const control = new SimControl();
let simServer: http.Server;
/** The auth host (token get and refresh), a separate server as TikTok's is. */
let authServer: http.Server;
let authBase: string;
let imageServer: http.Server;
let simBase: string;
let imageBase: string;
const imageHits = new Map<string, number>();
const records: CallRecord[] = [];
/** Every token value that existed during the run: none may show up in a record. */
const secrets = new Set([creds.accessToken, creds.refreshToken, creds.appSecret]);
const clients: TikTokShopClient[] = [];
/** The pair the simulator currently honours; new clients start from it, as a restarted worker would. */
let latest: TokenSet = {
  accessToken: creds.accessToken,
  refreshToken: creds.refreshToken,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
};
const ctx = { onCall: (r: CallRecord) => records.push(r) };

function client(overrides: Partial<TikTokShopClientOptions> = {}, tokens: TokenSet = latest) {
  const tokenStore = new MemoryTokenStore(tokens);
  const c = new TikTokShopClient({
    baseUrl: simBase,
    authBaseUrl: authBase,
    appKey: creds.appKey,
    appSecret: creds.appSecret,
    shopCipher: creds.shopCipher,
    tokenStore,
    imageCache: new MemoryImageIdCache(),
    imageFetcher: new ImageFetcher("TIKTOK_SHOP", imageBase, { allow: [`${imageBase}/img/`] }),
    downloads: new DownloadCache(),
    timeoutMs: 5_000,
    ...overrides,
  });
  clients.push(c);
  return { client: c, tokenStore };
}

function payload(sku: string, overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    platform: "TIKTOK_SHOP",
    sellerSku: sku,
    title: `Hand-Thrown Stoneware Mug ${sku} With Speckled Glaze`,
    description: "Thrown by hand, glazed twice, dishwasher safe.",
    brand: "Kiln & Co",
    category: "600001",
    price: 18500,
    currency: "IDR",
    stock: 12,
    weightKg: 0.42,
    dimensions: { lengthCm: 12, widthCm: 9, heightCm: 10 },
    images: ["/img/mug-front.png", "/img/mug-side.png"],
    attributes: { Material: "Stoneware" },
    variants: [],
    marketplace: fields,
    ...overrides,
  };
}

const variants: ListingPayload["variants"] = [
  { sellerSku: "VAR-RED", options: { Colour: "Red" }, price: 19000, stock: 3, image: "/img/red.png" },
  { sellerSku: "VAR-BLUE", options: { Colour: "Blue" }, price: 21500, stock: 4, image: null },
];

const calls = (endpoint: string) => control.stats.calls[endpoint] ?? 0;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as {
      errorClass: string;
      code: string | null;
      field: string | null;
      retryAfterMs: number | null;
      httpStatus: number | null;
      message: string;
    };
  }
  throw new Error("expected the call to fail");
}

async function simControl(path: string, body?: unknown) {
  const res = await fetch(`${simBase}${path}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, unknown>>;
}

beforeAll(async () => {
  PNG = await sharp({
    create: { width: 400, height: 400, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  const solid = (size: number) =>
    sharp({ create: { width: size, height: size, channels: 3, background: { r: 90, g: 20, b: 60 } } });
  WEBP = await solid(500).webp().toBuffer();
  THUMB = await solid(120).png().toBuffer();
  const sim = createTikTokSim(creds, control);
  simServer = createSimServer(control, sim);
  simBase = `http://127.0.0.1:${await listen(simServer, 0)}`;
  authServer = createSimServer(control, sim.authHost);
  authBase = `http://127.0.0.1:${await listen(authServer, 0)}`;
  imageServer = http.createServer((req, res) => {
    const path = req.url ?? "/";
    imageHits.set(path, (imageHits.get(path) ?? 0) + 1);
    if (path.endsWith(".webp") || path.startsWith("/img/thumb")) {
      const body = path.endsWith(".webp") ? WEBP : THUMB;
      const type = path.endsWith(".webp") ? "image/webp" : "image/png";
      res.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
      return;
    }
    if (!path.endsWith(".png")) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>not found</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "image/png", "content-length": PNG.length }).end(PNG);
  });
  await new Promise<void>((r) => imageServer.listen(0, "127.0.0.1", r));
  imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  fields = await tiktokFields(client().client);
});

afterEach(() => {
  control.update({ qpsPerShop: null, errorRate: 0, timeoutRate: 0 });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  simServer.closeAllConnections();
  await new Promise((r) => simServer.close(r));
  authServer.closeAllConnections();
  await new Promise((r) => authServer.close(r));
  await new Promise((r) => imageServer.close(r));
});

describe("TikTokShopClient against the simulator", () => {
  it("creates a listing without variants: images uploaded once, one default SKU", async () => {
    const { client: c } = client();
    const before = calls("/product/202309/images/upload");
    const created = await c.createListing(payload("SOLO-1"), ctx);
    expect(created).toMatchObject({ sellerSku: "SOLO-1", price: 18500, stock: 12, status: "PENDING" });
    expect(created.variants).toEqual([
      { sellerSku: "SOLO-1", externalId: expect.stringMatching(/^\d+$/), price: 18500, stock: 12 },
    ]);
    expect(calls("/product/202309/images/upload") - before).toBe(2);

    // Same images again: already uploaded for this channel, not even downloaded.
    await c.createListing(payload("SOLO-2"), ctx);
    expect(calls("/product/202309/images/upload") - before).toBe(2);
    expect(imageHits.get("/img/mug-front.png")).toBe(1);

    expect((await c.getListing(created.externalId, ctx))?.status).toBe("PENDING");
    // TikTok's review decides; the simulator's control API decides it now.
    await simControl("/__sim/review", { externalId: created.externalId, result: "APPROVE" });
    const read = await c.getListing(created.externalId, ctx);
    expect(read).toMatchObject({
      externalId: created.externalId,
      sellerSku: "SOLO-1",
      price: 18500,
      stock: 12,
      status: "ACTIVATE",
    });
    expect(read?.variants[0]?.externalId).toBe(created.variants[0]?.externalId);
  });

  it("has no product-level SKU: a variant product is found by any of its SKUs, looked up by its first", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("VAR-BASE", { variants }), ctx);
    const found = await c.findBySellerSku("VAR-BLUE", ctx);
    expect(found).toMatchObject({ externalId: created.externalId, sellerSku: "VAR-BLUE", price: 21500 });
    // A retried job looks a variant product up by its first SKU; the payload's own SKU finds nothing.
    const p = payload("VAR-BASE", { variants });
    expect(await c.findBySellerSku(p.sellerSku, ctx)).toBeNull();
    expect(c.lookupSku(p)).toBe("VAR-RED");
    expect((await c.findBySellerSku(c.lookupSku(p), ctx))?.externalId).toBe(created.externalId);
    expect(c.lookupSku(payload("SOLO-9"))).toBe("SOLO-9");
  });

  it("downloads and uploads an image once when many listings need it at the same time", async () => {
    const downloads = new DownloadCache();
    const { client: c } = client({ downloads });
    const before = calls("/product/202309/images/upload");
    const images = ["/img/shared-a.png", "/img/shared-b.png"];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => c.createListing(payload(`SHARED-${i}`, { images }), ctx)),
    );
    expect(calls("/product/202309/images/upload") - before).toBe(2);
    expect(downloads.downloads).toBe(2);
    expect(imageHits.get("/img/shared-a.png")).toBe(1);
  });

  it("uploads one image and refuses an image URL that is not an image", async () => {
    const { client: c } = client();
    const uri = await c.uploadImage("/img/single.png", ctx);
    expect(uri).toMatch(/^tos-/);
    const err = await failure(c.uploadImage("/img/missing.jpg", ctx));
    expect(err).toMatchObject({ errorClass: "VALIDATION", field: "images" });
  });

  it("uploads a WEBP master as JPEG, and refuses a thumbnail under 300 px before any upload", async () => {
    const { client: c } = client();
    const converted = records.length;
    await expect(c.uploadImage("/img/photo.webp", ctx)).resolves.toMatch(/^tos-/);
    const upload = records.slice(converted).find((r) => r.endpoint === "/product/202309/images/upload");
    expect(JSON.stringify(upload?.request)).toContain("photo.jpg (image/jpeg");

    const before = calls("/product/202309/images/upload");
    expect(await failure(c.uploadImage("/img/thumb.png", ctx))).toMatchObject({
      errorClass: "VALIDATION",
      code: "IMAGE_TOO_SMALL",
      field: "images",
    });
    expect(calls("/product/202309/images/upload") - before).toBe(0);
  });

  it("updates with one full replace that keeps SKU ids, or only the price and inventory endpoints", async () => {
    const { client: c } = client();
    const created = await c.createListing(
      payload("UPD-1", { variants: variants.map((v) => ({ ...v, sellerSku: `UPD-${v.sellerSku}` })) }),
      ctx,
    );
    const ids = created.variants.map((v) => v.externalId);
    const put = "/product/202309/products/{product_id}";
    const prices = "/product/202309/products/{product_id}/prices/update";
    const inventory = "/product/202309/products/{product_id}/inventory/update";
    const at = () => [calls(put), calls(prices), calls(inventory)];

    let before = at();
    const renamed = payload("UPD-1", {
      title: "Renamed Hand-Thrown Stoneware Mug, Speckled",
      variants: variants.map((v) => ({ ...v, sellerSku: `UPD-${v.sellerSku}` })),
    });
    const updated = await c.updateListing(created.externalId, renamed, ctx);
    expect(at().map((n, i) => n - before[i]!)).toEqual([1, 0, 0]);
    expect(updated.variants.map((v) => v.externalId)).toEqual(ids);

    before = at();
    const repriced = {
      ...renamed,
      variants: renamed.variants.map((v, i) => (i === 0 ? { ...v, price: 25000 } : v)),
    };
    await c.updateListing(created.externalId, repriced, ctx);
    expect(at().map((n, i) => n - before[i]!)).toEqual([0, 1, 0]);

    before = at();
    const restocked = {
      ...repriced,
      variants: repriced.variants.map((v) => ({ ...v, stock: v.stock + 10 })),
    };
    await c.updateListing(created.externalId, restocked, ctx);
    expect(at().map((n, i) => n - before[i]!)).toEqual([0, 0, 1]);

    const read = await c.getListing(created.externalId, ctx);
    expect(read).toMatchObject({ title: "Renamed Hand-Thrown Stoneware Mug, Speckled", stock: 27 });
    expect(read?.variants.map((v) => [v.externalId, v.price, v.stock])).toEqual([
      [ids[0], 25000, 13],
      [ids[1], 21500, 14],
    ]);

    // A process that never wrote the product replaces it in full; TikTok keeps SKUs by seller SKU.
    const { client: other } = client();
    before = at();
    const again = await other.updateListing(
      created.externalId,
      { ...restocked, title: "Once More, A Hand-Thrown Stoneware Mug" },
      ctx,
    );
    expect(at().map((n, i) => n - before[i]!)).toEqual([1, 0, 0]);
    expect(again.variants.map((v) => v.externalId)).toEqual(ids);
  });

  it("finds listings by exact seller SKU, ten SKUs per search call", async () => {
    const { client: c } = client();
    const skus = Array.from({ length: 4 }, (_, i) => `FIND-${i}`);
    const made = await Promise.all(skus.map((s) => c.createListing(payload(s), ctx)));
    const wanted = [...skus, ...Array.from({ length: 19 }, (_, i) => `ABSENT-${i}`), "find-0", "FIND-0"];
    const before = calls("/product/202309/products/search");
    const found = await c.findBySellerSkus(wanted, ctx);
    // 24 distinct SKUs → 3 calls of at most 10.
    expect(calls("/product/202309/products/search") - before).toBe(3);
    expect([...found.keys()].sort()).toEqual(skus);
    expect(found.get("FIND-2")?.externalId).toBe(made[2]?.externalId);
    expect(await c.findBySellerSku("FIND-", ctx)).toBeNull();
  });

  it("delists, and treats an unknown product as nothing to read or delist", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("DELIST-1"), ctx);
    await c.delist(created.externalId, ctx);
    expect((await c.getListing(created.externalId, ctx))?.status).toBe("SELLER_DEACTIVATED");
    await expect(c.delist("1729999999999999999", ctx)).resolves.toBeUndefined();
    expect(await c.getListing("1729999999999999999", ctx)).toBeNull();
  });

  it("relists a deactivated product into review, and refuses to activate one that does not exist", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("RELIST-1"), ctx);
    await c.delist(created.externalId, ctx);
    await c.relist(created.externalId, ctx);
    expect(["PENDING", "ACTIVATE"]).toContain((await c.getListing(created.externalId, ctx))?.status);
    expect(await failure(c.relist("1729999999999999999", ctx))).toMatchObject({ code: "12052032" });
  });

  it("refuses invalid listings as VALIDATION naming the field", async () => {
    const { client: c } = client();
    const cases: [Partial<ListingPayload>, string][] = [
      [{ title: "Too short" }, "title"],
      [{ description: "" }, "description"],
      [{ weightKg: null }, "weightKg"],
      [{ price: 0 }, "price"],
      [{ sellerSku: "S".repeat(51) }, "sellerSku"],
      [{ images: Array.from({ length: 10 }, (_, i) => `/img/many-${i}.png`) }, "images"],
      [{ variants: [variants[0]!, { ...variants[1]!, sellerSku: "VAR-RED" }] }, "variants[1].sellerSku"],
      [{ variants: [variants[0]!, { ...variants[1]!, stock: -1 }] }, "variants[1].stock"],
    ];
    for (const [change, field] of cases) {
      const err = await failure(c.createListing(payload("BAD-1", change), ctx));
      expect({ field: err.field, errorClass: err.errorClass }).toEqual({ field, errorClass: "VALIDATION" });
      expect(err.message).toContain("`");
    }
  });
});

describe("TikTokShopClient marketplace fields", () => {
  it("sends category, attributes, brand and warehouse exactly as the mapping gives them; answers PENDING", async () => {
    const { client: c } = client();
    const from = records.length;
    const created = await c.createListing(payload("MAP-1", { variants }), ctx);
    expect(created.status).toBe("PENDING");
    const sent = records.slice(from).find((r) => r.endpoint === "/product/202309/products")!.request as {
      body: Record<string, unknown> & { skus: { inventory: { warehouse_id: string }[] }[] };
    };
    expect(sent.body).toMatchObject({
      category_id: fields.categoryId,
      product_attributes: fields.attributes.map((a) => ({
        id: a.id,
        values: a.values.map((v) => ({
          ...(v.id !== undefined ? { id: v.id } : {}),
          ...(v.name !== undefined ? { name: v.unit ? `${v.name} ${v.unit}` : v.name } : {}),
        })),
      })),
      brand_id: fields.brand!.id,
      package_dimensions: { length: "12", width: "9", height: "10", unit: "CENTIMETER" },
    });
    const warehouse = fields.shipping.platform === "TIKTOK_SHOP" ? fields.shipping.warehouseId : "";
    for (const sku of sent.body.skus)
      expect(sku.inventory).toEqual([{ warehouse_id: warehouse, quantity: expect.any(Number) }]);
    // Read back with a signed call.
    expect((await c.getListing(created.externalId, ctx))?.externalId).toBe(created.externalId);
  });

  // An unknown category is the contract suite's case; the rest are TikTok Shop's own rules.
  it("carries each taxonomy refusal of a create back as VALIDATION with TikTok's code and the field", async () => {
    const { client: c } = client();
    const powerbank = await tiktokFields(c, /Powerbank/);
    const kaos = await tiktokFields(c, /Kaos Pria/);
    const first = fields.attributes[0]!;
    const cases: [string, Partial<ListingPayload>, string, string][] = [
      [
        "a category that is not a leaf",
        { marketplace: { ...fields, categoryId: "600101" } },
        "12052024",
        "category_id",
      ],
      [
        "no category_version where the market needs v2",
        { marketplace: { ...fields, categoryVersion: undefined } },
        "12052217",
        "category_version",
      ],
      [
        "a missing required attribute",
        { marketplace: { ...fields, attributes: [] } },
        "12052104",
        "product_attributes",
      ],
      [
        "a value not in the attribute's list",
        { marketplace: { ...fields, attributes: [{ ...first, values: [{ id: "7" }] }] } },
        "12052105",
        `product_attributes[${first.name}]`,
      ],
      [
        "an attribute of another category",
        { marketplace: { ...fields, attributes: [kaos.attributes[0]!, ...fields.attributes] } },
        "12052105",
        `product_attributes[${kaos.attributes[0]!.name}]`,
      ],
      [
        "no brand where the category demands one",
        { marketplace: { ...powerbank, brand: null } },
        "12052201",
        "brand_id",
      ],
      [
        "a brand not authorized for the category",
        { marketplace: { ...fields, brand: { id: "1", name: "X" } } },
        "12052201",
        "brand_id",
      ],
      [
        "no size chart where the rules require one",
        { marketplace: { ...kaos, sizeChart: null } },
        "12052230",
        "size_chart",
      ],
      [
        "an unknown warehouse",
        { marketplace: { ...fields, shipping: { platform: "TIKTOK_SHOP", warehouseId: "1" } } },
        "12019022",
        "skus[].inventory[].warehouse_id",
      ],
    ];
    for (const [what, change, code, field] of cases) {
      const err = await failure(c.createListing(payload(`TAX-${code}`, change), ctx));
      expect({ what, errorClass: err.errorClass, code: err.code, field: err.field }).toEqual({
        what,
        errorClass: "VALIDATION",
        code,
        field,
      });
    }
  });

  it("refuses a payload without marketplace fields as VALIDATION on category_id, before any call", async () => {
    const { client: c } = client();
    const { marketplace: _omitted, ...bare } = payload("MAP-2");
    const before = records.length;
    expect(await failure(c.createListing(bare, ctx))).toMatchObject({
      errorClass: "VALIDATION",
      field: "category_id",
    });
    expect(records.length).toBe(before);
    const shopeeShipping = { ...fields, shipping: { platform: "SHOPEE" as const, logistics: [] } };
    expect(
      await failure(c.createListing(payload("MAP-3", { marketplace: shopeeShipping }), ctx)),
    ).toMatchObject({
      errorClass: "VALIDATION",
      field: "skus[].inventory[].warehouse_id",
    });
  });
});

describe("TikTokShopClient failures", () => {
  // Expiry → AUTHENTICATION, storing the new pair and the spent refresh token are in the contract suite.
  it("refreshTokens takes both expiries from TikTok's answer, to the second", async () => {
    control.update({ accessTokenTtlSec: 3600, refreshTokenTtlSec: 86_400 });
    const { client: c } = client();
    const started = Date.now();
    const tokens = await c.refreshTokens(latest, ctx);
    latest = tokens;
    secrets.add(tokens.accessToken).add(tokens.refreshToken);
    expect(tokens.accessTokenExpiresAt).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + 3_600_000);
    expect(tokens.accessTokenExpiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(tokens.refreshTokenExpiresAt).toBeGreaterThanOrEqual(
      Math.floor(started / 1000) * 1000 + 86_400_000,
    );
    expect(tokens.refreshTokenExpiresAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  it("no answer within timeoutMs → NETWORK", async () => {
    const { client: c } = client({ timeoutMs: 300 });
    control.update({ timeoutRate: 1 });
    expect(await failure(c.getListing("1", ctx))).toMatchObject({ errorClass: "NETWORK", code: "TIMEOUT" });
    const last = records.at(-1);
    expect(last).toMatchObject({ httpStatus: null, response: null, errorClass: "NETWORK" });
  });

  it("a wrong app secret → AUTHENTICATION (bad sign)", async () => {
    const { client: c } = client({ appSecret: "not-the-app-secret" });
    secrets.add("not-the-app-secret");
    expect(await failure(c.getListing("1", ctx))).toMatchObject({
      errorClass: "AUTHENTICATION",
      code: "106001",
    });
  });
});

describe("call records", () => {
  it("report every exchange with secrets, tokens and signs kept out", () => {
    expect(records.length).toBeGreaterThan(40);
    const endpoints = new Set(
      records.map((r) => `${r.method} ${r.endpoint.replace(/\/products\/\d+/, "/products/{id}")}`),
    );
    for (const e of [
      "POST /product/202309/products",
      "PUT /product/202309/products/{id}",
      "GET /product/202309/products/{id}",
      "POST /product/202309/products/search",
      "POST /product/202309/products/deactivate",
      "POST /product/202309/products/{id}/prices/update",
      "POST /product/202309/products/{id}/inventory/update",
      "POST /product/202309/images/upload",
      "GET /api/v2/token/refresh",
    ]) {
      expect(endpoints).toContain(e);
    }
    for (const r of records) {
      const text = JSON.stringify(r);
      for (const s of secrets) expect(text).not.toContain(s);
      expect(text).not.toMatch(/[0-9a-f]{64}/);
      const query = (r.request as { query: Record<string, string> }).query;
      if ("sign" in query) expect(query.sign).toBe(REDACTED);
    }
    const refresh = records.find((r) => r.endpoint === "/api/v2/token/refresh" && r.errorClass === null);
    expect(refresh?.request).toMatchObject({
      query: { app_secret: REDACTED, refresh_token: REDACTED, grant_type: "refresh_token" },
    });
    expect(refresh?.response).toMatchObject({ data: { access_token: REDACTED, refresh_token: REDACTED } });
  });
});
