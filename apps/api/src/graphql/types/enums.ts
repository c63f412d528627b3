import { registerEnumType } from "type-graphql";

// GraphQL enums mirror the domain's string unions value for value, so no mapping layer is needed.
export enum Platform {
  SHOPEE = "SHOPEE",
  TIKTOK_SHOP = "TIKTOK_SHOP",
}
export enum ListingStatus {
  NOT_LISTED = "NOT_LISTED",
  PENDING = "PENDING",
  IN_REVIEW = "IN_REVIEW",
  SYNCED = "SYNCED",
  OUT_OF_DATE = "OUT_OF_DATE",
  FAILED = "FAILED",
  REJECTED = "REJECTED",
}
export enum SyncErrorClass {
  RATE_LIMIT = "RATE_LIMIT",
  NETWORK = "NETWORK",
  AUTHENTICATION = "AUTHENTICATION",
  VALIDATION = "VALIDATION",
  SYSTEM = "SYSTEM",
  UNKNOWN = "UNKNOWN",
}

export enum ProductOrderField {
  /** The order products were created in (by id: rows of one import share a timestamp). */
  CREATED_AT = "CREATED_AT",
  SKU = "SKU",
  TITLE = "TITLE",
  PRICE = "PRICE",
  STOCK = "STOCK",
  UPDATED_AT = "UPDATED_AT",
}
export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

registerEnumType(ProductOrderField, {
  name: "ProductOrderField",
  description: "What the products list is ordered by.",
});
registerEnumType(OrderDirection, { name: "OrderDirection" });
registerEnumType(Platform, { name: "Platform", description: "A marketplace SyncStore publishes to." });
registerEnumType(ListingStatus, {
  name: "ListingStatus",
  description: "Where a product stands on one channel.",
  valuesConfig: {
    IN_REVIEW: { description: "The marketplace accepted the write and is reviewing the listing." },
    REJECTED: { description: "The marketplace's review refused the listing; `rejectReason` says why." },
  },
});
registerEnumType(SyncErrorClass, {
  name: "SyncErrorClass",
  description: "Why a marketplace call failed; decides whether and when it is retried.",
});
