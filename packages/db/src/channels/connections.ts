import type { DataSource } from "typeorm";
import type { Platform } from "@syncstore/core";

/** A shop the seller authorized, with its token pair already sealed for the row (the caller encrypts). */
export interface AuthorizedShopRow {
  platform: Platform;
  /** Shopee's shop_id, or TikTok Shop's cipher. */
  shopId: string;
  name: string;
  market: string;
  currency: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
}

/** The publishing rules a newly connected shop starts with: the platform's limits, no markup. */
const NEW_SHOP_RULES: Record<Platform, { maxAttempts: number; titleMin: number; titleMax: number }> = {
  SHOPEE: { maxAttempts: 5, titleMin: 5, titleMax: 100 },
  TIKTOK_SHOP: { maxAttempts: 3, titleMin: 25, titleMax: 255 },
};

/**
 * Connecting and disconnecting shops. A shop is identified by (platform, shop_id): authorizing it
 * again only replaces its tokens and enables it, so its listings, settings and history stay its own;
 * another shop of the same platform is another channel.
 */
export class ChannelConnectionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Creates the channel or refreshes its authorization; returns its id and whether it is new. */
  async saveAuthorized(shop: AuthorizedShopRow): Promise<{ id: string; created: boolean }> {
    const rules = NEW_SHOP_RULES[shop.platform];
    const rows = (await this.ds.query(
      `INSERT INTO channels (platform, shop_id, name, market, currency, price_multiplier, max_attempts,
                             title_min_length, title_max_length, access_token, refresh_token,
                             access_token_expires_at, refresh_token_expires_at, enabled)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, $12, true)
       ON CONFLICT (platform, shop_id) DO UPDATE SET
         access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
         access_token_expires_at = EXCLUDED.access_token_expires_at,
         refresh_token_expires_at = EXCLUDED.refresh_token_expires_at, enabled = true
       RETURNING id::text, (xmax = 0) AS created`,
      [
        shop.platform,
        shop.shopId,
        shop.name,
        shop.market,
        shop.currency,
        rules.maxAttempts,
        rules.titleMin,
        rules.titleMax,
        shop.accessToken,
        shop.refreshToken,
        shop.accessTokenExpiresAt,
        shop.refreshTokenExpiresAt,
      ],
    )) as { id: string; created: boolean }[];
    return rows[0]!;
  }

  /**
   * Forgets the shop's tokens and stops publishing to it; the row, its listings and its history stay,
   * so connecting the shop again picks up where it was. False when there is no such channel.
   */
  async disconnect(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
    const rows = (await this.ds.query(
      `WITH cleared AS (
         UPDATE channels SET access_token = NULL, refresh_token = NULL, access_token_expires_at = NULL,
                refresh_token_expires_at = NULL, enabled = false
         WHERE id = $1 RETURNING id)
       SELECT id FROM cleared`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }
}
