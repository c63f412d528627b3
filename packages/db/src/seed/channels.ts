import { SecretsBox, channelTokenAad } from "@syncstore/config";
import type { Config } from "@syncstore/config";
import type { DataSource, EntityManager } from "typeorm";

type ChannelConfig = Pick<
  Config,
  | "SHOPEE_SHOP_ID"
  | "SHOPEE_ACCESS_TOKEN"
  | "SHOPEE_REFRESH_TOKEN"
  | "TIKTOK_SHOP_CIPHER"
  | "TIKTOK_ACCESS_TOKEN"
  | "TIKTOK_REFRESH_TOKEN"
  | "SECRETS_KEY"
  | "SESSION_SECRET"
>;

export interface ChannelSeed {
  platform: "SHOPEE" | "TIKTOK_SHOP";
  shopId: string;
  name: string;
  currency: string;
  priceMultiplier: string;
  maxAttempts: number;
  titleMinLength: number;
  titleMaxLength: number;
  accessToken: string;
  refreshToken: string;
}

/** The two demo shops, one per platform, with the platforms' default rules. */
export function demoChannels(config: ChannelConfig): ChannelSeed[] {
  return [
    {
      platform: "SHOPEE",
      shopId: String(config.SHOPEE_SHOP_ID),
      name: "Shopee Indonesia",
      currency: "IDR",
      priceMultiplier: "1.1500",
      maxAttempts: 5,
      titleMinLength: 5,
      titleMaxLength: 100,
      accessToken: config.SHOPEE_ACCESS_TOKEN,
      refreshToken: config.SHOPEE_REFRESH_TOKEN,
    },
    {
      platform: "TIKTOK_SHOP",
      shopId: config.TIKTOK_SHOP_CIPHER,
      name: "TikTok Shop Indonesia",
      currency: "IDR",
      priceMultiplier: "1.2000",
      maxAttempts: 3,
      titleMinLength: 25,
      titleMaxLength: 255,
      accessToken: config.TIKTOK_ACCESS_TOKEN,
      refreshToken: config.TIKTOK_REFRESH_TOKEN,
    },
  ];
}

/**
 * Creates the configured channels that do not exist yet; returns how many it created. An existing
 * channel is left alone: its tokens may have been refreshed since, and the stored pair is the live one.
 */
export async function seedChannels(db: DataSource | EntityManager, config: ChannelConfig): Promise<number> {
  const seeds = demoChannels(config);
  // Tokens are stored encrypted (AES-256-GCM, key from SECRETS_KEY), bound to their channel.
  const box = SecretsBox.fromConfig(config);
  const seal = (s: ChannelSeed, kind: "access_token" | "refresh_token", value: string | null) =>
    value === null ? null : box.encrypt(value, channelTokenAad(s.platform, s.shopId, kind));
  const created: unknown[] = await db.query(
    `INSERT INTO channels (platform, shop_id, name, currency, price_multiplier, max_attempts, title_min_length,
                           title_max_length, access_token, refresh_token, enabled)
     SELECT *, true FROM unnest($1::text[], $2::text[], $3::text[], $4::bpchar[], $5::numeric[], $6::int[], $7::int[],
                                $8::int[], $9::text[], $10::text[])
     ON CONFLICT (platform, shop_id) DO NOTHING RETURNING id`,
    [
      seeds.map((s) => s.platform),
      seeds.map((s) => s.shopId),
      seeds.map((s) => s.name),
      seeds.map((s) => s.currency),
      seeds.map((s) => s.priceMultiplier),
      seeds.map((s) => s.maxAttempts),
      seeds.map((s) => s.titleMinLength),
      seeds.map((s) => s.titleMaxLength),
      seeds.map((s) => seal(s, "access_token", s.accessToken)),
      seeds.map((s) => seal(s, "refresh_token", s.refreshToken)),
    ],
  );
  return created.length;
}
