import type { Decimal, Platform } from "./model";

/** Price multiplier a new channel starts with; each channel can change its own. */
export const DEFAULT_PRICE_MULTIPLIER: Readonly<Record<Platform, Decimal>> = {
  SHOPEE: "1.15",
  TIKTOK_SHOP: "1.20",
};

/** Attempts before a failing item is dead-lettered; each channel can change its own. */
export const DEFAULT_MAX_ATTEMPTS: Readonly<Record<Platform, number>> = {
  SHOPEE: 5,
  TIKTOK_SHOP: 3,
};

/**
 * Title limits in characters. Shopee's item_name limits vary by market (its get_item_limit API
 * tells the shop's own); 5–100 is SyncStore's default. TikTok Shop 202309 documents 25–255.
 */
export const DEFAULT_TITLE_LENGTH: Readonly<Record<Platform, { min: number; max: number }>> = {
  SHOPEE: { min: 5, max: 100 },
  TIKTOK_SHOP: { min: 25, max: 255 },
};

/**
 * Shopee refuses an item whose dearest model costs more than 7 times its cheapest
 * (`error_price_agp_too_large`: "the max price is 7 larger the min price", from the error list
 * published with Shopee Open Platform v2). TikTok Shop documents no such rule.
 */
export const DEFAULT_MAX_VARIANT_PRICE_RATIO: Readonly<Record<Platform, number | null>> = {
  SHOPEE: 7,
  TIKTOK_SHOP: null,
};

export const PLATFORM_LABEL: Readonly<Record<Platform, string>> = {
  SHOPEE: "Shopee",
  TIKTOK_SHOP: "TikTok Shop",
};
