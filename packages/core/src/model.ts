/** The master catalog as the domain sees it: plain data, no ORM, no I/O. */

export const PLATFORMS = ["SHOPEE", "TIKTOK_SHOP"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const LISTING_STATUSES = ["NOT_LISTED", "PENDING", "SYNCED", "OUT_OF_DATE", "FAILED"] as const;
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
}
