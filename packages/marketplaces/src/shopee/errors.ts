import { SyncError } from "@syncstore/core";

/** A success envelope without what the call must return: a protocol drift, not the seller's data. */
export function malformed(path: string, what: string): SyncError {
  return new SyncError("UNKNOWN", `Shopee ${path} answered success with ${what}`, {
    platform: "SHOPEE",
    code: "MALFORMED_RESPONSE",
  });
}

export function cannotDropVariations(itemId: string): SyncError {
  return new SyncError(
    "VALIDATION",
    `Shopee item ${itemId} has variations and the payload has none; Shopee cannot turn a variation item back into a single one`,
    { platform: "SHOPEE", code: "SHOPEE_VARIATIONS_NOT_REMOVABLE", field: "variants" },
  );
}

/** Shopee item ids are positive integers; anything else is refused here, naming the id. */
export function itemIdOf(externalId: string): string {
  if (!/^[1-9]\d{0,18}$/.test(externalId)) {
    throw new SyncError("VALIDATION", `"${externalId}" is not a Shopee item_id`, {
      platform: "SHOPEE",
      code: "INVALID_ITEM_ID",
      field: "externalId",
    });
  }
  return externalId;
}
