import { DEFAULT_MAX_VARIANT_PRICE_RATIO, DEFAULT_TITLE_LENGTH } from "./defaults";
import { InvalidInputError, describeValue } from "./invalid-input";
import type { ChannelSettings, Platform } from "./model";

interface Range {
  min: number;
  max: number;
}

/** What one platform accepts. Lengths are in code points (see `codePointLength`). */
export interface ListingRules {
  platform: Platform;
  title: Range;
  description: Range;
  images: Range;
  sellerSkuMaxLength: number;
  /** Prices must be > 0 and at most this, in the listing currency. */
  maxPrice: number;
  stock: Range;
  maxVariants: number;
  /** Highest ÷ lowest variant price allowed; null when the platform has no such rule. */
  maxVariantPriceRatio: number | null;
}

/**
 * A sanity ceiling, not a marketplace figure: Shopee's real price limits differ per market and
 * category (its get_item_limit API), so this only stops an obviously wrong number (a price typed
 * in cents, a runaway multiplier) from being published. One billion covers IDR and VND prices.
 */
export const DEFAULT_MAX_PRICE = 1_000_000_000;

/**
 * Shopee: description 20–3000 characters (3000 is the documented maximum; the minimum varies by
 * market), 1–9 images, stock 0–999,999, at most 50 models per item (the error list says "should be
 * under 50" combinations). Seller SKU ≤ 50 is SyncStore's rule for both platforms: TikTok Shop
 * allows 50 and one SKU must work on both.
 * TikTok Shop 202309: title 25–255, description up to 10,000 and required (12052015), 1–9 main
 * images, at most 100 SKUs per product (12052050).
 */
export const DEFAULT_LISTING_RULES: Readonly<Record<Platform, ListingRules>> = {
  SHOPEE: {
    platform: "SHOPEE",
    title: { ...DEFAULT_TITLE_LENGTH.SHOPEE },
    description: { min: 20, max: 3000 },
    images: { min: 1, max: 9 },
    sellerSkuMaxLength: 50,
    maxPrice: DEFAULT_MAX_PRICE,
    stock: { min: 0, max: 999_999 },
    maxVariants: 50,
    maxVariantPriceRatio: DEFAULT_MAX_VARIANT_PRICE_RATIO.SHOPEE,
  },
  TIKTOK_SHOP: {
    platform: "TIKTOK_SHOP",
    title: { ...DEFAULT_TITLE_LENGTH.TIKTOK_SHOP },
    description: { min: 1, max: 10_000 },
    images: { min: 1, max: 9 },
    sellerSkuMaxLength: 50,
    maxPrice: DEFAULT_MAX_PRICE,
    stock: { min: 0, max: 999_999 },
    maxVariants: 100,
    maxVariantPriceRatio: DEFAULT_MAX_VARIANT_PRICE_RATIO.TIKTOK_SHOP,
  },
};

/** The platform's rules with the channel's own title limits. */
export function listingRulesFor(
  channel: Pick<ChannelSettings, "platform" | "titleMinLength" | "titleMaxLength">,
): ListingRules {
  const base = DEFAULT_LISTING_RULES[channel.platform];
  if (!base) {
    throw new InvalidInputError(
      "platform",
      "INVALID_SETTING",
      `unknown platform ${describeValue(channel.platform)}`,
    );
  }
  return { ...base, title: { min: channel.titleMinLength, max: channel.titleMaxLength } };
}
