import {
  SyncError,
  type ListingPayload,
  type MarketplaceListingFields,
  type MarketplaceShipping,
  type Platform,
} from "@syncstore/core";

type ShippingOf<P extends Platform> = Extract<MarketplaceShipping, { platform: P }>;

export type PlatformListingFields<P extends Platform> = Omit<MarketplaceListingFields, "shipping"> & {
  shipping: ShippingOf<P>;
};

/**
 * The marketplace-only fields of a payload (leaf category, attributes, brand, shipping), checked before
 * any call. They come from the channel's mapping and are sent as given, never invented: without them
 * the listing would be refused, so the item is a VALIDATION failure naming the marketplace field.
 */
export function listingFields<P extends Platform>(
  payload: ListingPayload,
  platform: P,
  fields: { category: string; shipping: string },
): PlatformListingFields<P> {
  const refuse = (field: string, why: string) =>
    new SyncError("VALIDATION", `${field}: ${why}`, { platform, code: "MISSING_MARKETPLACE_FIELD", field });
  const m = payload.marketplace;
  if (!m || m.categoryId.trim() === "")
    throw refuse(fields.category, "no marketplace leaf category mapped for this product's category");
  if (m.shipping.platform !== platform)
    throw refuse(fields.shipping, `the shipping profile is for ${m.shipping.platform}, not ${platform}`);
  return m as PlatformListingFields<P>;
}

/** Ids the platform types as integers: anything else is refused naming the field, never sent. */
export function integerId(value: string, platform: Platform, field: string): number {
  if (!/^\d{1,15}$/.test(value)) {
    throw new SyncError("VALIDATION", `${field}: ${JSON.stringify(value)} is not a ${platform} id`, {
      platform,
      code: "INVALID_MARKETPLACE_ID",
      field,
    });
  }
  return Number(value);
}

export type { MarketplaceListingFields } from "@syncstore/core";
