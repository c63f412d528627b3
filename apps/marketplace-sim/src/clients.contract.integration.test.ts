import { loadConfig } from "@syncstore/config";
import {
  DownloadCache,
  ImageFetcher,
  MemoryImageIdCache,
  MemoryTokenStore,
  ShopeeAuthorization,
  ShopeeClient,
  TikTokAuthorization,
  TikTokShopClient,
  type AuthorizationGrant,
  type CallRecord,
  type TaxonomyReader,
} from "@syncstore/marketplaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";

/**
 * One contract both clients pass against their simulator: the taxonomy reads in the shared domain
 * shapes, and the seller-authorization exchange (a code works once; replay and expiry are
 * AUTHENTICATION). Platform-specific reads follow in their own blocks.
 */
const config = loadConfig({});
let sims: RunningSimulators;
const records: CallRecord[] = [];
const ctx = { onCall: (r: CallRecord) => records.push(r) };
const closers: (() => Promise<void>)[] = [];
let shopee: ShopeeClient;
let tiktok: TikTokShopClient;

const tokens = (accessToken: string, refreshToken: string) =>
  new MemoryTokenStore({
    accessToken,
    refreshToken,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
  });

beforeAll(async () => {
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
  const common = { imageCache: new MemoryImageIdCache(), downloads: new DownloadCache(), timeoutMs: 5000 };
  shopee = new ShopeeClient({
    baseUrl: sims.shopee.url,
    partnerId: config.SHOPEE_PARTNER_ID,
    partnerKey: config.SHOPEE_PARTNER_KEY,
    shopId: config.SHOPEE_SHOP_ID,
    tokenStore: tokens(config.SHOPEE_ACCESS_TOKEN, config.SHOPEE_REFRESH_TOKEN),
    imageFetcher: new ImageFetcher("SHOPEE", "http://127.0.0.1:1"),
    ...common,
  });
  tiktok = new TikTokShopClient({
    baseUrl: sims.tiktok.url,
    authBaseUrl: sims.tiktokAuth.url,
    appKey: config.TIKTOK_APP_KEY,
    appSecret: config.TIKTOK_APP_SECRET,
    shopCipher: config.TIKTOK_SHOP_CIPHER,
    tokenStore: tokens(config.TIKTOK_ACCESS_TOKEN, config.TIKTOK_REFRESH_TOKEN),
    imageFetcher: new ImageFetcher("TIKTOK_SHOP", "http://127.0.0.1:1"),
    ...common,
  });
  closers.push(
    () => shopee.close(),
    () => tiktok.close(),
  );
});

afterAll(async () => {
  for (const close of closers) await close();
  await sims.close();
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
  },
];

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
    }
  });
});
