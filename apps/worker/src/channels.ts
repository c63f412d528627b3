import type { DataSource } from "typeorm";
import { SecretsBox, type Config, type Logger } from "@syncstore/config";
import type { ChannelSettings, Platform } from "@syncstore/core";
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

export interface ChannelRow {
  id: string;
  platform: Platform;
  shop_id: string;
  currency: string;
  price_multiplier: string;
  max_attempts: number;
  slow_retry_delays_ms: number[];
  title_min_length: number;
  title_max_length: number;
  rate_limit_per_second: number | null;
  enabled: boolean;
}

/** Everything a job needs to talk to one channel. */
export interface ChannelRuntime {
  settings: ChannelSettings;
  adapter: MarketplaceAdapter;
  tokens: DbTokenStore;
  rateLimitPerSecond: number | null;
  close(): Promise<void>;
}

export async function loadChannelRows(ds: DataSource): Promise<ChannelRow[]> {
  const rows: ChannelRow[] = await ds.query(
    `SELECT id::text, platform, shop_id, currency, price_multiplier::text, max_attempts, slow_retry_delays_ms, title_min_length, title_max_length,
            rate_limit_per_second, enabled
     FROM channels ORDER BY id`,
  );
  return rows;
}

export function toSettings(row: ChannelRow): ChannelSettings {
  return {
    id: row.id,
    platform: row.platform,
    shopId: row.shop_id,
    currency: row.currency,
    priceMultiplier: row.price_multiplier,
    maxAttempts: row.max_attempts,
    slowRetryDelaysMs: row.slow_retry_delays_ms,
    titleMinLength: row.title_min_length,
    titleMaxLength: row.title_max_length,
  };
}

/**
 * Builds the marketplace client of a channel. Credentials come from configuration (the same variables
 * the simulators read); tokens live in the channel row, so a refresh by any worker is seen by all.
 */
export function createChannelRuntime(
  ds: DataSource,
  config: Config,
  row: ChannelRow,
  limiter: RedisRateLimiter,
  opts: { timeoutMs?: number; secretsBox?: SecretsBox; logger?: Logger } = {},
): ChannelRuntime {
  const mediaBase = config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
  const imageFetcher = new ImageFetcher(row.platform, mediaBase, { allow: config.IMAGE_FETCH_ALLOW });
  const imageCache = new DbImageIdCache(ds, row.id);
  const rate = row.rate_limit_per_second;
  // A little under the marketplace's limit: our spacing and its window boundaries never line up exactly.
  const beforeRequest = rate
    ? () => limiter.acquire(`channel:${row.id}`, { perSecond: rate * 0.97 })
    : undefined;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const box = opts.secretsBox ?? SecretsBox.fromConfig(config);
  const channel = { platform: row.platform, shopId: row.shop_id };
  const refreshRetry = {
    // A 429 on the token endpoint throttles the channel's calls like any other 429.
    onRateLimited: (ms: number) => limiter.pause(`channel:${row.id}`, ms),
    logger: opts.logger?.child({ channelId: row.id, platform: row.platform, step: "token-refresh" }),
  };

  let adapter: MarketplaceAdapter & { close?: () => Promise<void> };
  let tokens: DbTokenStore;
  if (row.platform === "SHOPEE") {
    tokens = new DbTokenStore(
      ds,
      row.id,
      configTokens(config.SHOPEE_ACCESS_TOKEN, config.SHOPEE_REFRESH_TOKEN),
      box,
      channel,
      refreshRetry,
    );
    adapter = new ShopeeClient({
      baseUrl: config.SHOPEE_API_BASE,
      partnerId: config.SHOPEE_PARTNER_ID,
      partnerKey: config.SHOPEE_PARTNER_KEY,
      shopId: Number(row.shop_id),
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
      row.id,
      configTokens(config.TIKTOK_ACCESS_TOKEN, config.TIKTOK_REFRESH_TOKEN),
      box,
      channel,
      refreshRetry,
    );
    adapter = new TikTokShopClient({
      baseUrl: config.TIKTOK_API_BASE,
      authBaseUrl: config.TIKTOK_AUTH_BASE,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
      shopCipher: row.shop_id,
      tokenStore: tokens,
      imageCache,
      imageFetcher,
      timeoutMs,
      beforeRequest,
    });
  }
  return {
    settings: toSettings(row),
    adapter,
    tokens,
    rateLimitPerSecond: rate,
    async close() {
      await adapter.close?.();
      await imageFetcher.close();
    },
  };
}

function configTokens(accessToken: string, refreshToken: string): TokenSet {
  return { accessToken, refreshToken, accessTokenExpiresAt: null, refreshTokenExpiresAt: null };
}
