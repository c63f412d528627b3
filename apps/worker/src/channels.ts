import type { DataSource } from "typeorm";
import { SecretsBox, type Config, type Logger } from "@syncstore/config";
import type { ChannelSettings } from "@syncstore/core";
import type { RunnableChannel } from "@syncstore/db";
import {
  ImageFetcher,
  ShopeeClient,
  TikTokShopClient,
  type MarketplaceAdapter,
  type TokenSet,
} from "@syncstore/marketplaces";
import type { RedisRateLimiter } from "@syncstore/queue";
import { DbImageIdCache } from "./image-cache";
import { DbTokenStore } from "./token-store";

/** Everything a job needs to talk to one channel. */
export interface ChannelRuntime {
  settings: ChannelSettings;
  adapter: MarketplaceAdapter;
  tokens: DbTokenStore;
  rateLimitPerSecond: number | null;
  /**
   * The same client and tokens under changed settings of the same shop, as a new snapshot: a job
   * keeps the snapshot it started with, so it never sees half of a change. The rate limit belongs to
   * the shop rather than to a job: every call from now on is spaced by the new one.
   */
  reconfigure(channel: RunnableChannel): ChannelRuntime;
  close(): Promise<void>;
}

/**
 * Builds the marketplace client of a channel. Credentials come from configuration (the same variables
 * the simulators read); tokens live in the channel row, so a refresh by any worker is seen by all.
 */
export function createChannelRuntime(
  ds: DataSource,
  config: Config,
  channel: RunnableChannel,
  limiter: RedisRateLimiter,
  opts: { timeoutMs?: number; secretsBox?: SecretsBox; logger?: Logger } = {},
): ChannelRuntime {
  const mediaBase = config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
  const { settings } = channel;
  let rate = channel.rateLimitPerSecond;
  const imageFetcher = new ImageFetcher(settings.platform, mediaBase, { allow: config.IMAGE_FETCH_ALLOW });
  const imageCache = new DbImageIdCache(ds, settings.id);
  // A little under the marketplace's limit: our spacing and its window boundaries never line up exactly.
  const beforeRequest = async () => {
    if (rate) await limiter.acquire(`channel:${settings.id}`, { perSecond: rate * 0.97 });
  };
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const box = opts.secretsBox ?? SecretsBox.fromConfig(config);
  const shop = { platform: settings.platform, shopId: settings.shopId };
  const refreshRetry = {
    // A 429 on the token endpoint throttles the channel's calls like any other 429.
    onRateLimited: (ms: number) => limiter.pause(`channel:${settings.id}`, ms),
    logger: opts.logger?.child({
      channelId: settings.id,
      platform: settings.platform,
      step: "token-refresh",
    }),
  };

  let adapter: MarketplaceAdapter & { close?: () => Promise<void> };
  let tokens: DbTokenStore;
  if (settings.platform === "SHOPEE") {
    tokens = new DbTokenStore(
      ds,
      settings.id,
      configTokens(config.SHOPEE_ACCESS_TOKEN, config.SHOPEE_REFRESH_TOKEN),
      box,
      shop,
      refreshRetry,
    );
    adapter = new ShopeeClient({
      baseUrl: config.SHOPEE_API_BASE,
      partnerId: config.SHOPEE_PARTNER_ID,
      partnerKey: config.SHOPEE_PARTNER_KEY,
      shopId: Number(settings.shopId),
      tierVariationWaitMs: config.SHOPEE_TIER_VARIATION_WAIT_MS,
      tokenStore: tokens,
      imageCache,
      imageFetcher,
      timeoutMs,
      beforeRequest,
    });
  } else {
    tokens = new DbTokenStore(
      ds,
      settings.id,
      configTokens(config.TIKTOK_ACCESS_TOKEN, config.TIKTOK_REFRESH_TOKEN),
      box,
      shop,
      refreshRetry,
    );
    adapter = new TikTokShopClient({
      baseUrl: config.TIKTOK_API_BASE,
      authBaseUrl: config.TIKTOK_AUTH_BASE,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
      shopCipher: settings.shopId,
      tokenStore: tokens,
      imageCache,
      imageFetcher,
      timeoutMs,
      beforeRequest,
    });
  }
  const close = async () => {
    await adapter.close?.();
    await imageFetcher.close();
  };
  const snapshot = (current: RunnableChannel): ChannelRuntime => ({
    settings: current.settings,
    adapter,
    tokens,
    rateLimitPerSecond: current.rateLimitPerSecond,
    reconfigure(next) {
      rate = next.rateLimitPerSecond;
      return snapshot(next);
    },
    close,
  });
  return snapshot(channel);
}

function configTokens(accessToken: string, refreshToken: string): TokenSet {
  return { accessToken, refreshToken, accessTokenExpiresAt: null, refreshTokenExpiresAt: null };
}
