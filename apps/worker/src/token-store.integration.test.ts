import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretsBox, channelTokenAad, loadConfig, type Config } from "@syncstore/config";
import { ChannelDirectory, ChannelTokenRepository, seedChannels, type ChannelRef } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { startSimulators, type RunningSimulators } from "@syncstore/marketplace-sim";
import {
  ImageFetcher,
  MemoryImageIdCache,
  SHOPEE_PATHS,
  ShopeeClient,
  TIKTOK_PATHS,
  TikTokShopClient,
  type MarketplaceAdapter,
} from "@syncstore/marketplaces";
import { DbTokenStore } from "./token-store";

/**
 * The token lifecycle against the real simulators and PostgreSQL: two worker processes (two stores
 * over one channel row) and concurrent refreshes in each spend the single-use refresh token once.
 */
let db: TestDatabase;
let sims: RunningSimulators;
let config: Config;
let rows: ChannelRef[];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  sims = await startSimulators(loadConfig({}), { shopee: 0, tiktok: 0 });
  config = loadConfig({
    DATABASE_URL: db.url,
    SHOPEE_API_BASE: sims.shopee.url,
    TIKTOK_API_BASE: sims.tiktok.url,
    TIKTOK_AUTH_BASE: sims.tiktokAuth.url,
  });
  await seedChannels(db.dataSource, config);
  rows = await new ChannelDirectory(db.dataSource).all();
});

afterAll(async () => {
  for (const close of closers) await close();
  for (const s of [sims.shopee.server, sims.tiktok.server, sims.tiktokAuth.server]) s.closeAllConnections();
  await sims.close();
  await db.drop();
});

/** One worker process's view of a channel: its own store and client. */
function workerProcess(row: ChannelRef): { tokens: DbTokenStore; adapter: MarketplaceAdapter } {
  const fallback = {
    accessToken: "",
    refreshToken: "",
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
  };
  const tokens = new DbTokenStore(db.dataSource, row.id, fallback, SecretsBox.fromConfig(config), {
    platform: row.platform,
    shopId: row.shopId,
  });
  const shared = { tokenStore: tokens, imageCache: new MemoryImageIdCache() };
  const imageFetcher = new ImageFetcher(row.platform, "http://127.0.0.1:1");
  const adapter =
    row.platform === "SHOPEE"
      ? new ShopeeClient({
          baseUrl: config.SHOPEE_API_BASE,
          partnerId: config.SHOPEE_PARTNER_ID,
          partnerKey: config.SHOPEE_PARTNER_KEY,
          shopId: Number(row.shopId),
          imageFetcher,
          ...shared,
        })
      : new TikTokShopClient({
          baseUrl: config.TIKTOK_API_BASE,
          appKey: config.TIKTOK_APP_KEY,
          appSecret: config.TIKTOK_APP_SECRET,
          authBaseUrl: config.TIKTOK_AUTH_BASE,
          shopCipher: row.shopId,
          imageFetcher,
          ...shared,
        });
  closers.push(async () => {
    await (adapter as { close(): Promise<void> }).close();
    await imageFetcher.close();
  });
  return { tokens, adapter };
}

const platforms = [
  {
    platform: "SHOPEE",
    sim: () => sims.shopee,
    expire: "/__sim/shopee/expire-tokens",
    path: SHOPEE_PATHS.refreshToken,
  },
  {
    platform: "TIKTOK_SHOP",
    sim: () => sims.tiktok,
    expire: "/__sim/tiktok/expire-tokens",
    path: TIKTOK_PATHS.tokenRefresh,
  },
] as const;

describe.each(platforms)("DbTokenStore on $platform", ({ platform, sim, expire, path }) => {
  it("spends the refresh token once across processes and concurrent jobs; every process adopts the pair", async () => {
    const row = rows.find((r) => r.platform === platform)!;
    const a = workerProcess(row);
    const b = workerProcess(row);
    await a.adapter.findBySellerSku("ANY");
    await b.adapter.findBySellerSku("ANY");
    await fetch(`${sim().url}${expire}`, { method: "POST" });
    await expect(a.adapter.findBySellerSku("ANY")).rejects.toMatchObject({ errorClass: "AUTHENTICATION" });

    const before = sim().control.stats.calls[path] ?? 0;
    const seenA = a.tokens.generation;
    const seenB = b.tokens.generation;
    const exchange = (p: typeof a) => (current: Parameters<MarketplaceAdapter["refreshTokens"]>[0]) =>
      p.adapter.refreshTokens(current);
    await Promise.all([
      a.tokens.ensureFresh(seenA, exchange(a)),
      a.tokens.ensureFresh(seenA, exchange(a)),
      b.tokens.ensureFresh(seenB, exchange(b)),
    ]);
    expect((sim().control.stats.calls[path] ?? 0) - before).toBe(1);
    expect(await a.tokens.load()).toEqual(await b.tokens.load());
    await expect(a.adapter.findBySellerSku("ANY")).resolves.toBeNull();
    await expect(b.adapter.findBySellerSku("ANY")).resolves.toBeNull();

    // A job that saw the tokens move since its call does not refresh again.
    await a.tokens.ensureFresh(seenA, exchange(a));
    expect((sim().control.stats.calls[path] ?? 0) - before).toBe(1);

    // Stored sealed: the row holds no plaintext token.
    const [stored] = (await db.dataSource.query("SELECT access_token FROM channels WHERE id = $1", [
      row.id,
    ])) as { access_token: string }[];
    expect(stored!.access_token).toMatch(/^v1:/);
  });

  it("after forget() uses the pair a reconnect stored, not the one it held", async () => {
    const row = rows.find((r) => r.platform === platform)!;
    const w = workerProcess(row);
    const held = await w.tokens.load();
    // What the API's callback writes when the seller authorizes the shop again.
    const box = SecretsBox.fromConfig(config);
    const aad = (k: "access_token" | "refresh_token") => channelTokenAad(row.platform, row.shopId, k);
    await new ChannelTokenRepository(db.dataSource).write(row.id, {
      accessToken: box.encrypt("reconnected-access", aad("access_token")),
      refreshToken: box.encrypt("reconnected-refresh", aad("refresh_token")),
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
    });
    expect(await w.tokens.load()).toEqual(held);
    const generation = w.tokens.generation;
    w.tokens.forget();
    expect(w.tokens.generation).toBeGreaterThan(generation);
    expect(await w.tokens.load()).toMatchObject({
      accessToken: "reconnected-access",
      refreshToken: "reconnected-refresh",
    });
  });
});
