import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { loadConfig } from "@syncstore/config";
import {
  DownloadCache,
  ImageFetcher,
  MemoryImageIdCache,
  MemoryTokenStore,
  SHOPEE_PATHS,
  ShopeeAuthorization,
  ShopeeClient,
  TikTokAuthorization,
  TikTokShopClient,
  type AuthorizationGrant,
  type CallRecord,
  type MarketplaceAdapter,
  type MarketplaceListingFields,
  type TaxonomyReader,
  type TokenSet,
} from "@syncstore/marketplaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";
import { shopeeFields, tiktokFields } from "./testing/listing-fields";

type ListingPayload = Parameters<MarketplaceAdapter["createListing"]>[0];

/**
 * One contract both clients pass against their simulator, through the MarketplaceAdapter the worker
 * uses: the taxonomy reads in the shared domain shapes, the seller-authorization exchange (a code
 * works once; replay and expiry are AUTHENTICATION), create / find / update round trips, and the
 * failure classes the queue acts on. Each platform's own wire behaviour (which endpoints an update
 * needs, tier variation timing, image pixels, per-field refusal tables) stays in
 * shopee/ and tiktok/ client.integration.test.ts.
 */
const config = loadConfig({});
let sims: RunningSimulators;
const records: CallRecord[] = [];
const ctx = { onCall: (r: CallRecord) => records.push(r) };
const closers: (() => Promise<void>)[] = [];
let shopee: ShopeeClient;
let tiktok: TikTokShopClient;
/** Every token pair issued during the run: none may show up in a record. */
const secrets = new Set<string>();
let imageServer: http.Server;
let shopeeListing: MarketplaceListingFields;
let tiktokListing: MarketplaceListingFields;

const tokens = (accessToken: string, refreshToken: string) =>
  new MemoryTokenStore({
    accessToken,
    refreshToken,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
  });
const shopeeTokens = tokens(config.SHOPEE_ACCESS_TOKEN, config.SHOPEE_REFRESH_TOKEN);
const tiktokTokens = tokens(config.TIKTOK_ACCESS_TOKEN, config.TIKTOK_REFRESH_TOKEN);

/** Builds a client as the worker would: a fresh one has no memory of what an earlier one sent. */
let newShopee: () => ShopeeClient;
let newTikTok: () => TikTokShopClient;

beforeAll(async () => {
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
  // A real 400×400 PNG: within both platforms' pixel bounds, so it is uploaded as it is.
  const png = await sharp({
    create: { width: 400, height: 400, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  imageServer = http.createServer((_req, res) =>
    res.writeHead(200, { "content-type": "image/png", "content-length": png.length }).end(png),
  );
  await new Promise<void>((r) => imageServer.listen(0, "127.0.0.1", r));
  const imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  const common = () => ({
    imageCache: new MemoryImageIdCache(),
    downloads: new DownloadCache(),
    timeoutMs: 5000,
  });
  newShopee = () => {
    const c = new ShopeeClient({
      baseUrl: sims.shopee.url,
      partnerId: config.SHOPEE_PARTNER_ID,
      partnerKey: config.SHOPEE_PARTNER_KEY,
      shopId: config.SHOPEE_SHOP_ID,
      tokenStore: shopeeTokens,
      imageFetcher: new ImageFetcher("SHOPEE", imageBase, { allow: [`${imageBase}/img/`] }),
      // Just past the simulator's own wait (50 ms): the rule is honoured without Shopee's 5 s.
      tierVariationWaitMs: 60,
      ...common(),
    });
    closers.push(() => c.close());
    return c;
  };
  newTikTok = () => {
    const c = new TikTokShopClient({
      baseUrl: sims.tiktok.url,
      authBaseUrl: sims.tiktokAuth.url,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
      shopCipher: config.TIKTOK_SHOP_CIPHER,
      tokenStore: tiktokTokens,
      imageFetcher: new ImageFetcher("TIKTOK_SHOP", imageBase, { allow: [`${imageBase}/img/`] }),
      ...common(),
    });
    closers.push(() => c.close());
    return c;
  };
  shopee = newShopee();
  tiktok = newTikTok();
  shopeeListing = await shopeeFields(shopee);
  tiktokListing = await tiktokFields(tiktok);
});

afterAll(async () => {
  for (const close of closers) await close();
  await sims.close();
  await new Promise((r) => imageServer.close(r));
});

/** What the consent form posts: the shop choice and the Approve button; answers the redirect. */
async function approve(url: string): Promise<URL> {
  const res = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ shop: "new", shop_name: "Toko Kontrak", decision: "approve" }).toString(),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

interface Platform {
  name: string;
  reader: () => TaxonomyReader;
  /** Runs the consent page and returns a function that redeems its code. */
  authorize: () => Promise<() => Promise<AuthorizationGrant>>;
  expireCodes: (ttlSec: number) => void;
  /** The shared client, as the worker sees it, and a fresh one (a restarted worker). */
  adapter: () => MarketplaceAdapter;
  freshAdapter: () => MarketplaceAdapter;
  tokenStore: MemoryTokenStore;
  /** What the payload needs on this platform: currency, marketplace fields, prices in its unit. */
  listing: () => Pick<ListingPayload, "platform" | "currency" | "category" | "marketplace">;
  /** SGD cents are not IDR: one contract price, scaled to an amount each market accepts. */
  priceUnit: number;
  simUrl: () => string;
  /** The simulator's name for the endpoint `findBySellerSku` calls first. */
  searchEndpoint: string;
  /** Where refreshTokens exchanges a refresh token. */
  refreshEndpoint: string;
  /**
   * The price a listing with variants reports: Shopee's item shows its cheapest model; TikTok Shop
   * has no product-level price, so the client keeps the payload's.
   */
  priceWithVariants: (payload: ListingPayload) => number;
  /** The marketplace's own codes for the outcomes the contract checks. */
  codes: {
    expiredToken: [code: string, httpStatus: number];
    spentRefreshToken: string;
    unknownCategory: [categoryId: string, code: string];
    server: string;
    rateLimit: string;
  };
}

const platforms: Platform[] = [
  {
    name: "Shopee",
    reader: () => shopee.taxonomy,
    async authorize() {
      const auth = new ShopeeAuthorization({
        baseUrl: sims.shopee.url,
        partnerId: config.SHOPEE_PARTNER_ID,
        partnerKey: config.SHOPEE_PARTNER_KEY,
      });
      closers.push(() => auth.close());
      const back = await approve(auth.authorizationUrl("http://127.0.0.1:4000/connect/shopee/callback"));
      const code = back.searchParams.get("code")!;
      const shopId = Number(back.searchParams.get("shop_id"));
      return () => auth.exchangeCode(code, shopId, ctx);
    },
    expireCodes: (ttl) => sims.shopee.control.update({ authCodeTtlSec: ttl }),
    adapter: () => shopee,
    freshAdapter: () => newShopee(),
    tokenStore: shopeeTokens,
    listing: () => ({
      platform: "SHOPEE",
      currency: "SGD",
      category: "Kitchen > Mugs",
      marketplace: shopeeListing,
    }),
    priceUnit: 1,
    simUrl: () => sims.shopee.url,
    searchEndpoint: SHOPEE_PATHS.searchItem,
    refreshEndpoint: SHOPEE_PATHS.refreshToken,
    priceWithVariants: (sent) => Math.min(...sent.variants.map((v) => v.price)),
    codes: {
      expiredToken: ["invalid_acceess_token", 403],
      spentRefreshToken: "error_auth",
      unknownCategory: ["999999", "error_param"],
      server: "error_server",
      rateLimit: "error_rate_limit",
    },
  },
  {
    name: "TikTok Shop",
    reader: () => tiktok.taxonomy,
    async authorize() {
      const auth = new TikTokAuthorization({
        baseUrl: sims.tiktok.url,
        authBaseUrl: sims.tiktokAuth.url,
        appKey: config.TIKTOK_APP_KEY,
        appSecret: config.TIKTOK_APP_SECRET,
      });
      closers.push(() => auth.close());
      const back = await approve(auth.authorizationUrl("contract-state"));
      expect(back.searchParams.get("state")).toBe("contract-state");
      const code = back.searchParams.get("code")!;
      return () => auth.exchangeCode(code, ctx);
    },
    expireCodes: (ttl) => sims.tiktok.control.update({ authCodeTtlSec: ttl }),
    adapter: () => tiktok,
    freshAdapter: () => newTikTok(),
    tokenStore: tiktokTokens,
    listing: () => ({
      platform: "TIKTOK_SHOP",
      currency: "IDR",
      category: "600001",
      marketplace: tiktokListing,
    }),
    priceUnit: 1000,
    simUrl: () => sims.tiktok.url,
    searchEndpoint: "/product/202309/products/search",
    refreshEndpoint: "/api/v2/token/refresh",
    priceWithVariants: (sent) => sent.price,
    codes: {
      expiredToken: ["105002", 401],
      spentRefreshToken: "36004004",
      unknownCategory: ["1", "12052024"],
      server: "36009003",
      rateLimit: "36009002",
    },
  },
];

function payload(p: Platform, sku: string, overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    ...p.listing(),
    sellerSku: sku,
    // Long enough for TikTok's 25-character minimum, short enough for Shopee's 100.
    title: `Hand-Thrown Stoneware Mug ${sku} With Speckled Glaze`,
    description: "Thrown by hand, glazed twice, dishwasher safe.",
    brand: "Kiln & Co",
    price: 21.5 * p.priceUnit,
    stock: 12,
    weightKg: 0.42,
    dimensions: { lengthCm: 12, widthCm: 9, heightCm: 10 },
    images: ["/img/mug-front.png", "/img/mug-side.png"],
    attributes: { Material: "Stoneware" },
    variants: [],
    ...overrides,
  };
}

function colours(p: Platform, prefix: string): ListingPayload["variants"] {
  return ["Red", "Blue"].map((name, i) => ({
    sellerSku: `${prefix}-${name.toUpperCase()}`,
    options: { Colour: name },
    price: (19 + i) * p.priceUnit,
    stock: 3 + i,
    image: i === 0 ? "/img/first-colour.png" : null,
  }));
}

/** The SKU the worker finds a payload's listing by (TikTok Shop has no product-level SKU). */
const lookupSku = (a: MarketplaceAdapter, payload: ListingPayload) =>
  a.lookupSku?.(payload) ?? payload.sellerSku;

interface Failure {
  errorClass: string;
  code: string | null;
  field: string | null;
  retryAfterMs: number | null;
  httpStatus: number | null;
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    return e as Failure;
  }
  throw new Error("expected the call to fail");
}

async function simPost(url: string, body?: unknown): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe.each(platforms)("$name client contract", (p) => {
  it("reads the category tree: ids, names, parents, and leaves that parents point to", async () => {
    const categories = await p.reader().categories(ctx);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const leaves = categories.filter((c) => c.isLeaf);
    expect(leaves.length).toBeGreaterThanOrEqual(10);
    for (const c of categories) {
      expect(c.id).toMatch(/^\d+$/);
      expect(c.name).not.toBe("");
      if (c.parentId !== null) expect(byId.get(c.parentId)?.isLeaf).toBe(false);
    }
    // Three levels: a leaf's grandparent exists.
    const deep = leaves.find((l) => byId.get(byId.get(l.parentId ?? "")?.parentId ?? "") !== undefined);
    expect(deep).toBeDefined();
  });

  it("reads a leaf's attributes with required flags, value lists and units, and its brands", async () => {
    const reader = p.reader();
    const leaves = (await reader.categories(ctx)).filter((c) => c.isLeaf);
    const all = await Promise.all(leaves.map((l) => reader.attributes(l.id, ctx)));
    const product = all.flat().filter((a) => !a.salesProperty);
    expect(product.some((a) => a.required && a.inputType === "SELECT" && a.values.length > 0)).toBe(true);
    expect(product.some((a) => a.inputType === "NUMBER" && a.units.length > 0)).toBe(true);
    expect(product.some((a) => a.inputType === "TEXT")).toBe(true);
    for (const a of product) {
      expect(a.id).toMatch(/^\d+$/);
      for (const v of a.values) expect(v.id).toMatch(/^\d+$/);
    }
    const brandLists = await Promise.all(leaves.map((l) => reader.brands(l.id, ctx)));
    expect(brandLists.some((b) => b.brands.length > 0)).toBe(true);
    for (const b of brandLists.flatMap((l) => l.brands))
      expect(b).toEqual({ id: expect.any(String), name: expect.any(String) });
  });

  it("refuses attributes of a category that is not a leaf as VALIDATION naming the category", async () => {
    const reader = p.reader();
    const parent = (await reader.categories(ctx)).find((c) => !c.isLeaf)!;
    await expect(reader.attributes(parent.id, ctx)).rejects.toMatchObject({
      errorClass: "VALIDATION",
      message: expect.stringMatching(/category_id|leaf/),
    });
  });

  it("recommends leaf categories for a title, as a suggestion", async () => {
    const reader = p.reader();
    const leaves = new Set((await reader.categories(ctx)).filter((c) => c.isLeaf).map((c) => c.id));
    const { categoryIds } = await reader.recommendCategories("Kaos katun pria lengan pendek", ctx);
    expect(categoryIds.length).toBeGreaterThan(0);
    for (const id of categoryIds) expect(leaves.has(id)).toBe(true);
  });

  it("exchanges an authorization code once for a token pair; replay and expiry are AUTHENTICATION", async () => {
    const redeem = await p.authorize();
    const grant = await redeem();
    expect(grant.tokens.accessToken).not.toBe("");
    expect(grant.tokens.refreshToken).not.toBe("");
    expect(grant.tokens.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    await expect(redeem()).rejects.toMatchObject({ errorClass: "AUTHENTICATION" });

    p.expireCodes(0);
    try {
      const late = await p.authorize();
      await expect(late()).rejects.toMatchObject({ errorClass: "AUTHENTICATION" });
    } finally {
      p.expireCodes(600);
    }
  });

  it("creates a listing with variants and finds it by seller SKU, from a fresh client too", async () => {
    const a = p.adapter();
    const variants = colours(p, "C-VAR");
    const sent = payload(p, "C-VAR-BASE", { variants });
    const created = await a.createListing(sent, ctx);
    expect(created.externalId).toMatch(/^\d+$/);
    expect(created.variants).toEqual([
      {
        sellerSku: "C-VAR-RED",
        externalId: expect.stringMatching(/^\d+$/),
        price: 19 * p.priceUnit,
        stock: 3,
      },
      {
        sellerSku: "C-VAR-BLUE",
        externalId: expect.stringMatching(/^\d+$/),
        price: 20 * p.priceUnit,
        stock: 4,
      },
    ]);
    // The listing's stock is its variants' sum.
    expect(created).toMatchObject({ price: p.priceWithVariants(sent), stock: 7 });

    const fresh = p.freshAdapter();
    const found = await fresh.findBySellerSku(lookupSku(fresh, sent), ctx);
    expect(found?.externalId).toBe(created.externalId);
    expect(found?.variants).toEqual(created.variants);
    expect(await fresh.getListing(created.externalId, ctx)).toMatchObject({
      externalId: created.externalId,
      title: sent.title,
      variants: created.variants,
    });
    const batch = await fresh.findBySellerSkus([lookupSku(fresh, sent), "C-ABSENT"], ctx);
    expect([...batch.keys()]).toEqual([lookupSku(fresh, sent)]);
    // A prefix is not the SKU: the platforms' fuzzy searches are confirmed exactly.
    expect(await fresh.findBySellerSku("C-VAR-", ctx)).toBeNull();
  });

  it("updates title, price and stock, and a fresh client reads back the new values", async () => {
    const a = p.adapter();
    const created = await a.createListing(payload(p, "C-UPD-1"), ctx);
    const changed = payload(p, "C-UPD-1", {
      title: "Renamed Hand-Thrown Stoneware Mug, Speckled",
      price: 30 * p.priceUnit,
      stock: 5,
    });
    const updated = await a.updateListing(created.externalId, changed, ctx);
    const expected = {
      externalId: created.externalId,
      title: "Renamed Hand-Thrown Stoneware Mug, Speckled",
      price: 30 * p.priceUnit,
      stock: 5,
    };
    expect(updated).toMatchObject(expected);
    expect(await p.freshAdapter().getListing(created.externalId, ctx)).toMatchObject(expected);

    // A process that never wrote the listing brings it to the payload as well.
    const other = p.freshAdapter();
    await other.updateListing(created.externalId, { ...changed, stock: 9 }, ctx);
    expect(await p.freshAdapter().getListing(created.externalId, ctx)).toMatchObject({
      ...expected,
      stock: 9,
    });
  });

  it("maps a create the marketplace refuses to VALIDATION naming the field, with the platform's code", async () => {
    const a = p.adapter();
    const [categoryId, code] = p.codes.unknownCategory;
    const from = records.length;
    const err = await failure(
      a.createListing(
        payload(p, "C-BAD-1", { marketplace: { ...p.listing().marketplace!, categoryId } }),
        ctx,
      ),
    );
    expect({ errorClass: err.errorClass, code: err.code, field: err.field }).toEqual({
      errorClass: "VALIDATION",
      code,
      field: "category_id",
    });
    // The refusal came from the marketplace, not from a check before the call.
    expect(records.slice(from).some((r) => r.errorClass === "VALIDATION" && r.httpStatus !== null)).toBe(
      true,
    );
    expect(await a.findBySellerSku("C-BAD-1", ctx)).toBeNull();
  });

  it("expired token → AUTHENTICATION; refreshTokens returns a new pair; once stored, calls work; the old refresh token is spent", async () => {
    const a = p.adapter();
    const control = p.name === "Shopee" ? sims.shopee.control : sims.tiktok.control;
    control.update({ accessTokenTtlSec: 3600 });
    await expect(a.findBySellerSku("C-ANY", ctx)).resolves.toBeNull();
    await simPost(`${p.simUrl()}/__sim/${p.name === "Shopee" ? "shopee" : "tiktok"}/expire-tokens`);
    const [code, httpStatus] = p.codes.expiredToken;
    expect(await failure(a.findBySellerSku("C-ANY", ctx))).toMatchObject({
      errorClass: "AUTHENTICATION",
      code,
      httpStatus,
    });

    const spent = await p.tokenStore.load();
    secrets.add(spent.accessToken).add(spent.refreshToken);
    const started = Date.now();
    const from = records.length;
    const next: TokenSet = await a.refreshTokens(spent, ctx);
    // One exchange: a second would spend the new refresh token before anyone stored it.
    expect(records.slice(from).map((r) => [r.endpoint, r.errorClass])).toEqual([[p.refreshEndpoint, null]]);
    secrets.add(next.accessToken).add(next.refreshToken);
    expect(next.accessToken).not.toBe(spent.accessToken);
    expect(next.refreshToken).not.toBe(spent.refreshToken);
    expect(next.accessTokenExpiresAt).toBeGreaterThanOrEqual(started + 3_599_000);
    expect(next.accessTokenExpiresAt).toBeLessThanOrEqual(Date.now() + 3_601_000);
    // The client saves nothing: storing the pair is the token store's job.
    expect(await p.tokenStore.load()).toEqual(spent);
    await p.tokenStore.save(next);
    await expect(a.findBySellerSku("C-ANY", ctx)).resolves.toBeNull();

    expect(await failure(a.refreshTokens(spent, ctx))).toMatchObject({
      errorClass: "AUTHENTICATION",
      code: p.codes.spentRefreshToken,
    });
  });

  it("a 5xx → SYSTEM and a 429 → RATE_LIMIT with retryAfterMs, each for the call it hit", async () => {
    const a = p.adapter();
    const faults = `${p.simUrl()}/__sim/faults`;
    await simPost(faults, { endpoint: p.searchEndpoint, outcome: "error", count: 1 });
    expect(await failure(a.findBySellerSku("C-FAULT", ctx))).toMatchObject({
      errorClass: "SYSTEM",
      code: p.codes.server,
      httpStatus: 500,
    });
    await simPost(faults, { endpoint: p.searchEndpoint, outcome: "rate_limited", count: 1 });
    const limited = await failure(a.findBySellerSku("C-FAULT", ctx));
    expect(limited).toMatchObject({ errorClass: "RATE_LIMIT", code: p.codes.rateLimit, httpStatus: 429 });
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
    // Each fault was served once: the next call goes through.
    await expect(a.findBySellerSku("C-FAULT", ctx)).resolves.toBeNull();
  });
});

describe("Shopee-only reads", () => {
  it("item limits, and logistics channels with fee types, sizes and weight limits", async () => {
    const leaf = (await shopee.taxonomy.categories(ctx)).find((c) => c.isLeaf)!;
    const limits = await shopee.taxonomy.itemLimits(leaf.id, ctx);
    expect(limits.itemName).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
    expect(limits.price?.max).toBeGreaterThan(0);
    expect(typeof limits.sizeChartMandatory).toBe("boolean");
    const channels = await shopee.taxonomy.logisticsChannels(ctx);
    expect(channels.length).toBeGreaterThanOrEqual(2);
    const sized = channels.find((c) => c.feeType === "SIZE_SELECTION");
    expect(sized?.sizes.length).toBeGreaterThan(0);
    for (const c of channels) expect(c.weightKg.max).toBeGreaterThan(0);
  });

  it("brand lists say whether the category refuses No Brand", async () => {
    const leaves = (await shopee.taxonomy.categories(ctx)).filter((c) => c.isLeaf);
    const lists = await Promise.all(leaves.map((l) => shopee.taxonomy.brands(l.id, ctx)));
    expect(lists.some((l) => l.mandatory === true)).toBe(true);
    expect(lists.some((l) => l.mandatory === false)).toBe(true);
  });
});

describe("TikTok Shop-only reads", () => {
  it("category rules, warehouses with a default, prerequisites, and shops with their cipher", async () => {
    const leaves = (await tiktok.taxonomy.categories(ctx)).filter((c) => c.isLeaf);
    const rules = await Promise.all(leaves.map((l) => tiktok.taxonomy.rules(l.id, ctx)));
    expect(rules.some((r) => r.sizeChartRequired)).toBe(true);
    const warehouses = await tiktok.taxonomy.warehouses(ctx);
    expect(warehouses.length).toBeGreaterThanOrEqual(2);
    expect(warehouses.filter((w) => w.isDefault)).toHaveLength(1);
    expect(await tiktok.taxonomy.prerequisites(ctx)).toEqual({ ready: true, failed: [] });

    const auth = new TikTokAuthorization({
      baseUrl: sims.tiktok.url,
      authBaseUrl: sims.tiktokAuth.url,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
    });
    closers.push(() => auth.close());
    const back = await approve(auth.authorizationUrl("shops"));
    const grant = await auth.exchangeCode(back.searchParams.get("code")!, ctx);
    const shops = await auth.shops(grant.tokens, ctx);
    expect(shops).toHaveLength(1);
    expect(shops[0]!.cipher).toMatch(/\S/);
    // The cipher opens the new shop's API.
    const shopClient = new TikTokShopClient({
      baseUrl: sims.tiktok.url,
      authBaseUrl: sims.tiktokAuth.url,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
      shopCipher: shops[0]!.cipher!,
      tokenStore: new MemoryTokenStore(grant.tokens),
      imageCache: new MemoryImageIdCache(),
      imageFetcher: new ImageFetcher("TIKTOK_SHOP", "http://127.0.0.1:1"),
    });
    closers.push(() => shopClient.close());
    await expect(shopClient.taxonomy.warehouses(ctx)).resolves.toHaveLength(warehouses.length);
  });
});

describe("call records of the reads and exchanges", () => {
  it("keep codes, tokens and secrets out", () => {
    for (const r of records) {
      const text = JSON.stringify(r);
      expect(text).not.toContain(config.SHOPEE_PARTNER_KEY);
      expect(text).not.toContain(config.TIKTOK_APP_SECRET);
      expect(text).not.toMatch(/TTP_|TTR_/);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // The token exchanges were recorded, tokens and all, and nothing above found one in clear.
    for (const p of platforms)
      expect(records.some((r) => r.endpoint === p.refreshEndpoint && r.errorClass === null)).toBe(true);
  });
});
