import type { LevelChange, ListingPayload, Platform } from "@syncstore/core";

/** One HTTP exchange with a marketplace: exactly what the sync log stores. Secrets already redacted. */
export interface CallRecord {
  platform: Platform;
  /** The API path without host or query, e.g. `/api/v2/product/add_item`. */
  endpoint: string;
  method: string;
  /** Redacted query parameters and body as sent. */
  request: unknown;
  /** Parsed response body (redacted), or null when there was none (timeout, connection refused). */
  response: unknown;
  httpStatus: number | null;
  durationMs: number;
  /** Set when this call failed; the class and code of the SyncError it produced. */
  errorClass: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/** Passed to every adapter method so the caller can log each call and cancel. */
export interface CallContext {
  onCall?: (call: CallRecord) => void;
  signal?: AbortSignal;
  /**
   * Awaited the moment a create succeeded when further calls must follow before the listing is
   * complete (Shopee: `init_tier_variation`). The caller records the id there, so a follow-up that
   * fails leaves a listing the next attempt resumes by id rather than one it has to find by search;
   * a rejection stops the create before any follow-up.
   */
  onCreated?: (externalId: string) => Promise<void>;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds; null when unknown (a token from configuration). */
  accessTokenExpiresAt: number | null;
  refreshTokenExpiresAt: number | null;
}

/**
 * Where a client reads its channel's current tokens, before every call (keep it cheap: cache). The
 * store's owner runs the token lifecycle — one refresh at a time, adopting a pair another process
 * stored, saving a new pair at once because refresh tokens are single-use (the worker's token store);
 * a client only reads, and exchanges a refresh token when asked.
 */
export interface TokenStore {
  load(): Promise<TokenSet>;
}

/** Remembers the platform's image id for a master image URL, per channel, so nothing uploads twice. */
export interface ImageIdCache {
  get(url: string): Promise<string | null>;
  set(url: string, platformImageId: string): Promise<void>;
}

export interface RemoteVariant {
  sellerSku: string;
  /** Shopee model_id / TikTok sku id. */
  externalId: string;
  price: number;
  stock: number;
}

/** A listing as the marketplace holds it. */
export interface RemoteListing {
  /** Shopee item_id / TikTok product_id, as a string. */
  externalId: string;
  sellerSku: string;
  title: string;
  price: number;
  stock: number;
  /** The marketplace's own status (TikTok Shop PENDING / ACTIVATE / FAILED, Shopee NORMAL / REVIEWING / BANNED). */
  status: string;
  /** Why the marketplace's review refused the listing, when it says. */
  rejectReason?: string | null;
  variants: RemoteVariant[];
}

/** A price or stock change of one sellable unit, with the marketplace's id for it. */
export interface LevelUpdate extends LevelChange {
  /** Shopee model_id / TikTok Shop SKU id; null for a Shopee item without models. */
  variantId: string | null;
}

/**
 * One interface for every marketplace. Clients never retry: a failure throws a SyncError whose
 * class tells the queue what to do. Every HTTP exchange is reported through ctx.onCall.
 */
export interface MarketplaceAdapter {
  readonly platform: Platform;
  /** Exact match on seller SKU (the platforms' searches are fuzzy: the client confirms). */
  findBySellerSku(sellerSku: string, ctx?: CallContext): Promise<RemoteListing | null>;
  /** Batched lookup; the client splits into the platform's page size (TikTok: 10 SKUs a call). */
  findBySellerSkus(sellerSkus: string[], ctx?: CallContext): Promise<Map<string, RemoteListing>>;
  /**
   * The seller SKU to look this payload's listing up by, when it is not `payload.sellerSku`: TikTok
   * Shop has no product-level SKU, so a product with variants is found by its first variant's SKU.
   * Absent means `payload.sellerSku`.
   */
  lookupSku?(payload: ListingPayload): string;
  /**
   * Drops what the client remembers having sent for a listing, so the next update compares with (or
   * replaces) what the marketplace holds. A forced sync calls it: someone may have edited the listing there.
   */
  forget?(externalId: string): void;
  getListing(externalId: string, ctx?: CallContext): Promise<RemoteListing | null>;
  /** Uploads images as needed (through the ImageIdCache), then creates the listing with its variants. */
  createListing(payload: ListingPayload, ctx?: CallContext): Promise<RemoteListing>;
  /** Brings an existing listing to the payload: content, variants, price and stock. */
  updateListing(externalId: string, payload: ListingPayload, ctx?: CallContext): Promise<RemoteListing>;
  /**
   * Only prices and stock, through the platform's dedicated endpoints (Shopee `update_price` /
   * `update_stock`, TikTok Shop prices / inventory update), in as few calls as they allow: never a
   * full update, so the listing is not sent back to review. Reads nothing first: the caller knows
   * the ids and what was last sent.
   */
  updateLevels(
    externalId: string,
    payload: ListingPayload,
    changes: readonly LevelUpdate[],
    ctx?: CallContext,
  ): Promise<void>;
  /**
   * Takes a listing off sale (rollback of a listing a batch created): Shopee `unlist_item`, TikTok
   * Shop `products/deactivate`, never a delete, so that relist can undo it with the same id.
   */
  delist(externalId: string, ctx?: CallContext): Promise<void>;
  /** Puts a delisted listing back on sale (Shopee `unlist_item` unlist false, TikTok Shop `products/activate`). */
  relist(externalId: string, ctx?: CallContext): Promise<void>;
  /** Downloads the image (once) and uploads it; returns the platform's image id or uri. */
  uploadImage(url: string, ctx?: CallContext): Promise<string>;
  /**
   * Exchanges `current.refreshToken` for a new pair and returns it, saving nothing: the refresh token
   * is spent the moment this resolves, so the caller must store the result before anything else.
   */
  refreshTokens(current: TokenSet, ctx?: CallContext): Promise<TokenSet>;
}
