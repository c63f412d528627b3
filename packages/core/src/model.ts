/** The master catalog as the domain sees it: plain data, no ORM, no I/O. */

export const PLATFORMS = ["SHOPEE", "TIKTOK_SHOP"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const LISTING_STATUSES = [
  "NOT_LISTED",
  "PENDING",
  "IN_REVIEW",
  "SYNCED",
  "OUT_OF_DATE",
  "FAILED",
  "REJECTED",
] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Prices travel as decimal strings (PostgreSQL numeric) so no float ever touches money. */
export type Decimal = string;

export interface Dimensions {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

export interface MasterVariant {
  id: string;
  sku: string;
  /** Option name → value, e.g. { Color: "Red", Size: "M" }. */
  options: Record<string, string>;
  price: Decimal;
  stock: number;
  image: string | null;
}

export interface MasterProduct {
  id: string;
  sku: string;
  title: string;
  description: string;
  brand: string | null;
  category: string | null;
  price: Decimal;
  currency: string;
  stock: number;
  weightGrams: number | null;
  dimensions: Dimensions | null;
  /** Absolute URLs, or paths relative to the API's public URL (the demo catalog's own images). */
  images: string[];
  attributes: Record<string, string>;
  variants: MasterVariant[];
}

/** A platform plus a shop, with the rules SyncStore applies when publishing there. */
export interface ChannelSettings {
  id: string;
  platform: Platform;
  shopId: string;
  currency: string;
  priceMultiplier: Decimal;
  maxAttempts: number;
  /** After the fast attempts, one more after each of these waits (transient failures); none when absent. */
  slowRetryDelaysMs?: readonly number[];
  titleMinLength: number;
  titleMaxLength: number;
}

export interface ListingVariantPayload {
  sellerSku: string;
  options: Record<string, string>;
  /** In the channel currency, already rounded by its currency rule. */
  price: number;
  stock: number;
  image: string | null;
}

/** What gets sent to one channel for one product: the output of the transform, the input of the adapter. */
export interface ListingPayload {
  platform: Platform;
  sellerSku: string;
  title: string;
  description: string;
  brand: string | null;
  category: string | null;
  price: number;
  currency: string;
  stock: number;
  weightKg: number | null;
  dimensions: Dimensions | null;
  images: string[];
  attributes: Record<string, string>;
  variants: ListingVariantPayload[];
  /**
   * What only the marketplace's own taxonomy can say: the leaf category, its attributes, brand and
   * shipping, resolved by the worker from the channel's mapping. The adapter sends these as given and
   * never invents them; absent, it refuses to send (VALIDATION naming `category_id`).
   */
  marketplace?: MarketplaceListingFields;
}

/** One attribute value as the marketplace knows it: a value id from its list, or a free value. */
export interface MarketplaceAttributeValue {
  /** The marketplace's value id, when the attribute has a value list. */
  id?: string;
  /** Free text or number (as text), or the display name of `id`. */
  name?: string;
  /** For number-with-unit attributes (Shopee `value_unit`, TikTok unit). */
  unit?: string;
}

export interface MarketplaceAttributeValues {
  /** The marketplace's attribute id. */
  id: string;
  /** The attribute's name on the marketplace, for error messages (`attribute_list[Bahan]`). */
  name: string;
  values: MarketplaceAttributeValue[];
}

export type MarketplaceShipping =
  | {
      platform: "SHOPEE";
      /** Enabled logistics channels from `logistics/get_channel_list`. */
      logistics: { logisticId: number; sizeId?: number; shippingFee?: number }[];
    }
  | {
      platform: "TIKTOK_SHOP";
      /** From `GET /logistics/202309/warehouses`; required on every SKU's inventory. */
      warehouseId: string;
      deliveryOptionIds?: string[];
    };

export interface MarketplaceListingFields {
  /** A leaf category of the shop's market. */
  categoryId: string;
  /** TikTok Shop `category_version` (v1 / v2) where the market requires it. */
  categoryVersion?: string;
  attributes: MarketplaceAttributeValues[];
  /** The marketplace's brand id (Shopee `brand_id`, TikTok `brand_id`); null = no brand. */
  brand: { id: string; name: string } | null;
  shipping: MarketplaceShipping;
  /** Where the category's rules require a size chart (TikTok image uri or template id; Shopee size_chart id). */
  sizeChart?: { imageUrl?: string; templateId?: string } | null;
}
