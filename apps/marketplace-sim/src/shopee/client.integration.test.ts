import sharp from "sharp";
import type { MarketplaceListingFields } from "@syncstore/marketplaces";
import { shopeeFields } from "../testing/listing-fields";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DownloadCache,
  ImageFetcher,
  MemoryImageIdCache,
  MemoryTokenStore,
  REDACTED,
  SHOPEE_PATHS,
  ShopeeClient,
  type CallRecord,
  type ShopeeClientOptions,
  type TokenSet,
} from "@syncstore/marketplaces";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SimControl } from "../control";
import { createSimServer, listen } from "../http";
import { createShopeeSim } from "./sim";

type ListingPayload = Parameters<ShopeeClient["createListing"]>[0];

/** The real client against the real simulator, over HTTP: every adapter call, every failure class. */
const creds = {
  partnerId: 1000777,
  partnerKey: "itest-shopee-partner-key",
  shopId: 2000777,
  accessToken: "itest-shopee-access-token-0",
  refreshToken: "itest-shopee-refresh-token-0",
};

/** A real 400×400 PNG: within both platforms' pixel bounds, so it is uploaded as it is. */
let PNG: Buffer;
/** A leaf of the simulator's taxonomy with its required attributes, brand and shipping, read through the client. */
let fields: MarketplaceListingFields;

const control = new SimControl();
let simServer: http.Server;
let imageServer: http.Server;
let simBase: string;
let imageBase: string;
const imageHits = new Map<string, number>();
const records: CallRecord[] = [];
/** Every credential that existed during the run: none may show up in a record. */
const secrets = new Set([creds.accessToken, creds.refreshToken, creds.partnerKey]);
const clients: ShopeeClient[] = [];
/** The pair the simulator honours; new clients start from it, as a restarted worker would. */
const latest: TokenSet = {
  accessToken: creds.accessToken,
  refreshToken: creds.refreshToken,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
};
const ctx = { onCall: (r: CallRecord) => records.push(r) };
/** The channel's image ids, kept across processes as the worker keeps them. */
const channelImages = new MemoryImageIdCache();

function client(overrides: Partial<ShopeeClientOptions> = {}, tokens: TokenSet = latest) {
  const tokenStore = new MemoryTokenStore(tokens);
  const c = new ShopeeClient({
    baseUrl: simBase,
    partnerId: creds.partnerId,
    partnerKey: creds.partnerKey,
    shopId: creds.shopId,
    tokenStore,
    imageCache: channelImages,
    imageFetcher: new ImageFetcher("SHOPEE", imageBase, { allow: [`${imageBase}/img/`] }),
    downloads: new DownloadCache(),
    timeoutMs: 5_000,
    tierVariationWaitMs: 60,
    ...overrides,
  });
  clients.push(c);
  return { client: c, tokenStore };
}

function payload(sku: string, overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    platform: "SHOPEE",
    sellerSku: sku,
    title: `Stoneware Mug ${sku}`,
    description: "Thrown by hand, glazed twice, dishwasher safe.",
    brand: "Kiln & Co",
    category: "Kitchen > Mugs",
    price: 21.5,
    currency: "SGD",
    stock: 12,
    weightKg: 0.42,
    dimensions: { lengthCm: 12, widthCm: 9.5, heightCm: 10 },
    images: ["/img/mug-front.png", "/img/mug-side.png"],
    attributes: {},
    variants: [],
    marketplace: fields,
    ...overrides,
  };
}

function colours(prefix: string, names: string[]): ListingPayload["variants"] {
  return names.map((name, i) => ({
    sellerSku: `${prefix}-${name.toUpperCase()}`,
    options: { Colour: name },
    price: 19 + i,
    stock: 3 + i,
    image: i === 0 ? "/img/first-colour.png" : null,
  }));
}

/** Calls made to each endpoint while `run` ran, zero counts left out. */
async function counted(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = { ...control.stats.calls };
  await run();
  const out: Record<string, number> = {};
  for (const [path, n] of Object.entries(control.stats.calls)) {
    const d = n - (before[path] ?? 0);
    if (d > 0) out[path.replace(/^\/api\/v2\/(product\/)?/, "")] = d;
  }
  return out;
}

interface Failure {
  errorClass: string;
  code: string | null;
  field: string | null;
  retryAfterMs: number | null;
  httpStatus: number | null;
  message: string;
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    return e as Failure;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  PNG = await sharp({
    create: { width: 400, height: 400, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  simServer = createSimServer(control, createShopeeSim(creds, control));
  simBase = `http://127.0.0.1:${await listen(simServer, 0)}`;
  imageServer = http.createServer((req, res) => {
    const path = req.url ?? "/";
    imageHits.set(path, (imageHits.get(path) ?? 0) + 1);
    if (!path.endsWith(".png")) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>not found</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "image/png", "content-length": PNG.length }).end(PNG);
  });
  await new Promise<void>((r) => imageServer.listen(0, "127.0.0.1", r));
  imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  fields = await shopeeFields(client().client);
});

afterEach(() => {
  control.update({ qpsPerShop: null, errorRate: 0, timeoutRate: 0 });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  simServer.closeAllConnections();
  await new Promise((r) => simServer.close(r));
  await new Promise((r) => imageServer.close(r));
});

describe("ShopeeClient against the simulator", () => {
  it("creates an item without variants in one add_item, images uploaded once", async () => {
    const { client: c } = client();
    let created!: Awaited<ReturnType<ShopeeClient["createListing"]>>;
    expect(await counted(async () => (created = await c.createListing(payload("SOLO-1"), ctx)))).toEqual({
      "media_space/upload_image": 2,
      add_item: 1,
    });
    expect(created).toEqual({
      externalId: expect.stringMatching(/^\d{11}$/),
      sellerSku: "SOLO-1",
      title: "Stoneware Mug SOLO-1",
      price: 21.5,
      stock: 12,
      status: "NORMAL",
      variants: [],
    });

    // Same images again: already uploaded for this channel, not even downloaded.
    expect(await counted(() => c.createListing(payload("SOLO-2"), ctx))).toEqual({ add_item: 1 });
    expect(imageHits.get("/img/mug-front.png")).toBe(1);

    expect(await c.getListing(created.externalId, ctx)).toEqual(created);
  });

  it("downloads and uploads an image once when many listings need it at the same time", async () => {
    const downloads = new DownloadCache();
    const { client: c } = client({ downloads });
    const images = ["/img/shared-a.png", "/img/shared-b.png"];
    const made = await counted(() =>
      Promise.all(
        Array.from({ length: 5 }, (_, i) => c.createListing(payload(`SHARED-${i}`, { images }), ctx)),
      ),
    );
    expect(made).toEqual({ "media_space/upload_image": 2, add_item: 5 });
    expect(downloads.downloads).toBe(2);
    expect(imageHits.get("/img/shared-a.png")).toBe(1);
  });

  it("uploads one image and refuses an image URL that is not an image", async () => {
    const { client: c } = client();
    expect(await c.uploadImage("/img/single.png", ctx)).toMatch(/^sim-/);
    expect(await failure(c.uploadImage("/img/missing.jpg", ctx))).toMatchObject({
      errorClass: "VALIDATION",
      field: "images",
    });
  });

  it("updates with only the calls that what moved needs", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("UPD-1"), ctx);
    const id = created.externalId;
    const renamed = payload("UPD-1", { title: "Stoneware Mug, Renamed" });
    expect(await counted(() => c.updateListing(id, renamed, ctx))).toEqual({ update_item: 1 });
    expect(await counted(() => c.updateListing(id, { ...renamed, price: 30 }, ctx))).toEqual({
      update_price: 1,
    });
    expect(await counted(() => c.updateListing(id, { ...renamed, price: 30, stock: 2 }, ctx))).toEqual({
      update_stock: 1,
    });
    expect(await counted(() => c.updateListing(id, { ...renamed, price: 30, stock: 2 }, ctx))).toEqual({});

    // A process that never wrote the item reads it once, then sends only the difference.
    const { client: other } = client();
    const final = payload("UPD-1", { title: "Stoneware Mug, Renamed", price: 30, stock: 5 });
    expect(await counted(() => other.updateListing(id, final, ctx))).toEqual({
      get_item_base_info: 1,
      update_stock: 1,
    });
    expect(await other.getListing(id, ctx)).toMatchObject({
      title: "Stoneware Mug, Renamed",
      price: 30,
      stock: 5,
    });
  });

  it("updates variations: prices and stock per model in one call each, structure changes keep model ids", async () => {
    const { client: c } = client();
    const two = colours("MOD", ["Red", "Blue"]);
    const created = await c.createListing(payload("MOD-BASE", { variants: two }), ctx);
    const [red, blue] = created.variants.map((v) => v.externalId);
    const id = created.externalId;

    const repriced = two.map((v) => ({ ...v, price: v.price + 5, stock: v.stock + 1 }));
    expect(
      await counted(() => c.updateListing(id, payload("MOD-BASE", { variants: repriced }), ctx)),
    ).toEqual({
      update_price: 1,
      update_stock: 1,
    });

    const three = [...repriced, ...colours("MOD", ["Red", "Blue", "Green"]).slice(2)];
    let updated!: Awaited<ReturnType<ShopeeClient["updateListing"]>>;
    expect(
      await counted(
        async () => (updated = await c.updateListing(id, payload("MOD-BASE", { variants: three }), ctx)),
      ),
    ).toEqual({ update_tier_variation: 1, add_model: 1 });
    expect(updated.variants.map((v) => v.externalId).slice(0, 2)).toEqual([red, blue]);

    const noBlue = three.filter((v) => v.sellerSku !== "MOD-BLUE");
    const { client: fresh } = client();
    expect(
      await counted(() => fresh.updateListing(id, payload("MOD-BASE", { variants: noBlue }), ctx)),
    ).toEqual({
      get_item_base_info: 1,
      get_model_list: 1,
      update_tier_variation: 1,
    });
    const read = await fresh.getListing(id, ctx);
    expect(read?.variants).toEqual([
      { sellerSku: "MOD-RED", externalId: red, price: 24, stock: 4 },
      { sellerSku: "MOD-GREEN", externalId: updated.variants[2]?.externalId, price: 21, stock: 5 },
    ]);
  });

  it("adds variations to a single item, and refuses to drop them", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("GROW-1"), ctx);
    const variants = colours("GROW", ["Red", "Blue"]);
    expect(
      await counted(() => c.updateListing(created.externalId, payload("GROW-1", { variants }), ctx)),
    ).toEqual({
      init_tier_variation: 1,
    });
    expect(await failure(c.updateListing(created.externalId, payload("GROW-1"), ctx))).toMatchObject({
      errorClass: "VALIDATION",
      field: "variants",
    });
  });

  it("finds by exact item_sku although search_item matches keywords", async () => {
    const { client: c } = client();
    const made = new Map<string, string>();
    for (const sku of ["FIND-1", "FIND-10", "FIND-100", "find-1"]) {
      made.set(sku, (await c.createListing(payload(sku), ctx)).externalId);
    }
    const { client: fresh } = client();
    let found!: Map<string, { externalId: string; sellerSku: string }>;
    const used = await counted(async () => {
      found = await fresh.findBySellerSkus(["FIND-1", "FIND-10", "find-1", "FIND-", "ABSENT"], ctx);
    });
    expect([...found.keys()].sort()).toEqual(["FIND-1", "FIND-10", "find-1"]);
    for (const [sku, listing] of found)
      expect(listing).toMatchObject({ externalId: made.get(sku), sellerSku: sku });
    // One search per SKU; every candidate read back in a single base-info batch.
    expect(used).toEqual({ search_item: 5, get_item_base_info: 1 });
    expect(await fresh.findBySellerSku("FIND-", ctx)).toBeNull();
  });

  it("finds an item under its new seller SKU only, once the SKU changed", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("RENAME-OLD"), ctx);
    expect(await counted(() => c.updateListing(created.externalId, payload("RENAME-NEW"), ctx))).toEqual({
      update_item: 1,
    });
    expect((await c.findBySellerSku("RENAME-NEW", ctx))?.externalId).toBe(created.externalId);
    expect(await c.findBySellerSku("RENAME-OLD", ctx)).toBeNull();
  });

  it("prefers a live item over an unlisted one with the same item_sku", async () => {
    const { client: c } = client();
    const first = await c.createListing(payload("TWIN-1"), ctx);
    const second = await c.createListing(payload("TWIN-1"), ctx);
    await c.delist(first.externalId, ctx);
    expect((await c.findBySellerSku("TWIN-1", ctx))?.externalId).toBe(second.externalId);
  });

  it("delists, relists on update, and treats an unknown item as nothing to read or delist", async () => {
    const { client: c } = client();
    const created = await c.createListing(payload("DELIST-1"), ctx);
    await c.delist(created.externalId, ctx);
    expect((await c.getListing(created.externalId, ctx))?.status).toBe("UNLIST");
    expect(await counted(() => c.updateListing(created.externalId, payload("DELIST-1"), ctx))).toEqual({
      unlist_item: 1,
    });
    expect((await c.getListing(created.externalId, ctx))?.status).toBe("NORMAL");
    await expect(c.delist("99999999999", ctx)).resolves.toBeUndefined();
    expect(await c.getListing("99999999999", ctx)).toBeNull();
    expect(await failure(c.getListing("not-an-id", ctx))).toMatchObject({
      errorClass: "VALIDATION",
      field: "externalId",
    });
    expect(await failure(c.updateListing("99999999999", payload("GONE-1"), ctx))).toMatchObject({
      errorClass: "VALIDATION",
      code: "error_item_not_found",
    });
  });

  it("refuses invalid listings as VALIDATION naming the payload field", async () => {
    const { client: c } = client();
    const variants = colours("BAD", ["Red", "Blue"]);
    const cases: [Partial<ListingPayload>, string][] = [
      [{ title: "Mug" }, "title"],
      [{ title: "M".repeat(101) }, "title"],
      [{ description: "Too short." }, "description"],
      [{ weightKg: null }, "weight"],
      [{ marketplace: { ...fields, categoryId: "0" } }, "category_id"],
      [{ price: 0 }, "price"],
      [{ stock: -1 }, "stock"],
      [{ sellerSku: "S".repeat(101) }, "sellerSku"],
      [{ images: [] }, "images"],
      [{ images: Array.from({ length: 10 }, (_, i) => `/img/many-${i}.png`) }, "images"],
      [{ variants: [variants[0]!, { ...variants[1]!, stock: -1 }] }, "variants[1].stock"],
      [{ variants: [variants[0]!, { ...variants[1]!, price: 0 }] }, "variants[1].price"],
      [
        { variants: [variants[0]!, { ...variants[1]!, sellerSku: "V".repeat(101) }] },
        "variants[1].sellerSku",
      ],
    ];
    for (const [change, field] of cases) {
      const err = await failure(c.createListing(payload("BAD-1", change), ctx));
      expect({ field: err.field, errorClass: err.errorClass, code: err.code }).toEqual({
        field,
        errorClass: "VALIDATION",
        code: "error_param",
      });
    }
    const created = await c.createListing(payload("BAD-2", { variants }), ctx);
    const repriced = variants.map((v, i) => (i === 1 ? { ...v, price: 0 } : v));
    expect(
      await failure(c.updateListing(created.externalId, payload("BAD-2", { variants: repriced }), ctx)),
    ).toMatchObject({ errorClass: "VALIDATION", field: "variants[1].price" });
  });
});

describe("ShopeeClient marketplace fields", () => {
  it("sends category, attributes, brand and logistics exactly as the mapping gives them", async () => {
    const { client: c } = client();
    const from = records.length;
    const created = await c.createListing(payload("MAP-1"), ctx);
    const sent = records.slice(from).find((r) => r.endpoint === SHOPEE_PATHS.addItem)!.request as {
      body: Record<string, unknown>;
    };
    expect(sent.body).toMatchObject({
      category_id: Number(fields.categoryId),
      attribute_list: fields.attributes.map((a) => ({
        attribute_id: Number(a.id),
        attribute_value_list: a.values.map((v) => ({
          value_id: v.id === undefined ? 0 : Number(v.id),
          ...(v.name !== undefined ? { original_value_name: v.name } : {}),
          ...(v.unit !== undefined ? { value_unit: v.unit } : {}),
        })),
      })),
      brand: { brand_id: Number(fields.brand!.id), original_brand_name: fields.brand!.name },
      logistic_info:
        fields.shipping.platform === "SHOPEE"
          ? fields.shipping.logistics.map((l) => ({ logistic_id: l.logisticId, enabled: true }))
          : [],
      dimension: { package_length: 12, package_width: 10, package_height: 10 },
    });
    // Read back with a signed call: Shopee holds what was sent.
    const held = await counted(() => c.getListing(created.externalId, ctx));
    expect(held).toEqual({ get_item_base_info: 1 });
  });

  it("refuses a payload without marketplace fields as VALIDATION on category_id, before any call", async () => {
    const { client: c } = client();
    const { marketplace: _omitted, ...bare } = payload("MAP-2");
    const made = await counted(async () => {
      expect(await failure(c.createListing(bare, ctx))).toMatchObject({
        errorClass: "VALIDATION",
        field: "category_id",
      });
    });
    expect(made).toEqual({});
    const tiktokShipping = { ...fields, shipping: { platform: "TIKTOK_SHOP" as const, warehouseId: "1" } };
    expect(
      await failure(c.createListing(payload("MAP-3", { marketplace: tiktokShipping }), ctx)),
    ).toMatchObject({
      errorClass: "VALIDATION",
      field: "logistic_info",
    });
  });

  // An unknown category is the contract suite's case; the rest are Shopee's own rules.
  it("carries each taxonomy refusal of add_item back as VALIDATION with Shopee's code and the field", async () => {
    const { client: c } = client();
    const powerbank = await shopeeFields(c, /Powerbank/);
    const kaos = await shopeeFields(c, /Kaos Pria/);
    const first = fields.attributes[0]!;
    const shopeeLogistics = (logistics: { logisticId: number }[]) => ({
      ...fields,
      shipping: { platform: "SHOPEE" as const, logistics },
    });
    const cases: [string, Partial<ListingPayload>, string][] = [
      ["a category that is not a leaf", { marketplace: { ...fields, categoryId: "100101" } }, "category_id"],
      ["a missing mandatory attribute", { marketplace: { ...fields, attributes: [] } }, "attribute_list"],
      [
        "a value not in the attribute's list",
        { marketplace: { ...fields, attributes: [{ ...first, values: [{ id: "1" }] }] } },
        `attribute_list[${first.name}]`,
      ],
      [
        "a custom value for a drop-down",
        { marketplace: { ...fields, attributes: [{ ...first, values: [{ name: "Bambu" }] }] } },
        `attribute_list[${first.name}]`,
      ],
      [
        "an attribute of another category",
        { marketplace: { ...fields, attributes: [kaos.attributes[0]!] } },
        `attribute_list[${kaos.attributes[0]!.name}]`,
      ],
      ["no brand where the category demands one", { marketplace: { ...powerbank, brand: null } }, "brand"],
      ["an unknown brand", { marketplace: { ...fields, brand: { id: "42", name: "X" } } }, "brand"],
      [
        "an unknown logistics channel",
        { marketplace: shopeeLogistics([{ logisticId: 1 }]) },
        "logistic_info",
      ],
      [
        "a channel the shop disabled",
        { marketplace: shopeeLogistics([{ logisticId: 8011 }]) },
        "logistic_info",
      ],
      [
        "a SIZE_SELECTION channel without size_id",
        { marketplace: shopeeLogistics([{ logisticId: 8010 }]) },
        "logistic_info",
      ],
      ["a weight over the channel's limit", { weightKg: 60 }, "weight"],
      [
        "no size chart where the category needs one",
        { marketplace: { ...kaos, sizeChart: null } },
        "size_chart_info",
      ],
    ];
    for (const [what, change, field] of cases) {
      const err = await failure(c.createListing(payload(`TAX-${field}`, change), ctx));
      expect({ what, errorClass: err.errorClass, code: err.code, field: err.field }).toEqual({
        what,
        errorClass: "VALIDATION",
        code: "error_param",
        field,
      });
    }
  });

  it("lists on a SIZE_SELECTION channel with a size read from get_channel_list", async () => {
    const { client: c } = client();
    const sized = (await c.taxonomy.logisticsChannels(ctx)).find((l) => l.feeType === "SIZE_SELECTION")!;
    const size = sized.sizes[0]!;
    expect(size.id).toBeGreaterThan(0);
    const marketplace = {
      ...fields,
      shipping: { platform: "SHOPEE" as const, logistics: [{ logisticId: sized.id, sizeId: size.id }] },
    };
    const from = records.length;
    await c.createListing(payload("SIZED-1", { marketplace }), ctx);
    const sent = records.slice(from).find((r) => r.endpoint === SHOPEE_PATHS.addItem)!.request as {
      body: { logistic_info: unknown };
    };
    expect(sent.body.logistic_info).toEqual([{ logistic_id: sized.id, enabled: true, size_id: size.id }]);
  });

  it("gives every tier-1 option an image when only some variants have one (all or none)", async () => {
    const { client: c } = client();
    const from = records.length;
    await c.createListing(payload("TIER-IMG", { variants: colours("TIER-IMG", ["Red", "Blue"]) }), ctx);
    const init = records.slice(from).find((r) => r.endpoint === SHOPEE_PATHS.initTierVariation)!.request as {
      body: { tier_variation: { option_list: { image?: { image_id: string } }[] }[] };
    };
    const options = init.body.tier_variation[0]!.option_list;
    expect(options.every((o) => typeof o.image?.image_id === "string")).toBe(true);
    expect(options[0]!.image).not.toEqual(options[1]!.image);
  });
});

describe("ShopeeClient failures", () => {
  it("no answer within timeoutMs → NETWORK", async () => {
    const { client: c } = client({ timeoutMs: 300 });
    control.update({ timeoutRate: 1 });
    expect(await failure(c.getListing("1", ctx))).toMatchObject({ errorClass: "NETWORK", code: "TIMEOUT" });
    expect(records.at(-1)).toMatchObject({ httpStatus: null, response: null, errorClass: "NETWORK" });
  });

  it("a wrong partner key → AUTHENTICATION (error_sign), on shop and public calls", async () => {
    const { client: c } = client({ partnerKey: "not-the-partner-key" });
    secrets.add("not-the-partner-key");
    expect(await failure(c.getListing("1", ctx))).toMatchObject({
      errorClass: "AUTHENTICATION",
      code: "error_sign",
    });
    expect(await failure(c.uploadImage("/img/wrong-key.png", ctx))).toMatchObject({
      errorClass: "AUTHENTICATION",
      code: "error_sign",
    });
  });
});

describe("call records", () => {
  it("report every exchange with tokens, the partner key and signs kept out", () => {
    const endpoints = new Set(records.map((r) => `${r.method} ${r.endpoint}`));
    // The token refresh is recorded and checked in clients.contract.integration.test.ts.
    for (const path of Object.values(SHOPEE_PATHS).filter((p) => p !== SHOPEE_PATHS.refreshToken)) {
      const method = /get_|search_item/.test(path) ? "GET" : "POST";
      expect(endpoints).toContain(`${method} ${path}`);
    }
    for (const r of records) {
      const text = JSON.stringify(r);
      for (const s of secrets) expect(text).not.toContain(s);
      expect(text).not.toMatch(/[0-9a-f]{64}/);
      const query = (r.request as { query: Record<string, string> }).query;
      if ("sign" in query) expect(query.sign).toBe(REDACTED);
      if ("access_token" in query) expect(query.access_token).toBe(REDACTED);
    }
    const failed = records.filter((r) => r.errorClass !== null);
    expect(failed.length).toBeGreaterThan(10);
    for (const r of failed) expect(r.errorMessage).toBeTruthy();
  });
});
