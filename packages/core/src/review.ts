import type { Platform } from "./model";

/** Where a listing stands after the marketplace's review, as SyncStore records it. */
export type ReviewOutcome = "IN_REVIEW" | "SYNCED" | "REJECTED";

// TikTok Shop 202309 product statuses and Shopee item_status values that mean "not decided yet" or
// "refused". Everything else the platforms report (ACTIVATE, NORMAL, UNLIST, SELLER_DEACTIVATED…) is
// a listing the marketplace accepted.
const UNDER_REVIEW: Record<Platform, ReadonlySet<string>> = {
  TIKTOK_SHOP: new Set(["PENDING"]),
  SHOPEE: new Set(["REVIEWING"]),
};
const REFUSED: Record<Platform, ReadonlySet<string>> = {
  TIKTOK_SHOP: new Set(["FAILED", "PLATFORM_DEACTIVATED", "FREEZE"]),
  SHOPEE: new Set(["BANNED"]),
};

export function reviewOutcome(platform: Platform, marketplaceStatus: string): ReviewOutcome {
  const status = marketplaceStatus.toUpperCase();
  if (UNDER_REVIEW[platform].has(status)) return "IN_REVIEW";
  if (REFUSED[platform].has(status)) return "REJECTED";
  return "SYNCED";
}

/**
 * How long to wait before the next status check of a listing already checked `checks` times: the
 * first delay, doubling each time, capped. Reviews take seconds in the simulator and up to days live.
 */
export function nextReviewCheckDelayMs(checks: number, firstMs: number, maxMs: number): number {
  const exponent = Math.min(30, Math.max(0, checks));
  return Math.min(maxMs, firstMs * 2 ** exponent);
}
