import { describe, expect, it } from "vitest";
import { nextReviewCheckDelayMs, reviewOutcome } from "./review";

describe("reviewOutcome", () => {
  it.each([
    ["TIKTOK_SHOP", "PENDING", "IN_REVIEW"],
    ["TIKTOK_SHOP", "ACTIVATE", "SYNCED"],
    ["TIKTOK_SHOP", "FAILED", "REJECTED"],
    ["TIKTOK_SHOP", "PLATFORM_DEACTIVATED", "REJECTED"],
    ["TIKTOK_SHOP", "SELLER_DEACTIVATED", "SYNCED"],
    ["SHOPEE", "REVIEWING", "IN_REVIEW"],
    ["SHOPEE", "NORMAL", "SYNCED"],
    ["SHOPEE", "BANNED", "REJECTED"],
    ["SHOPEE", "PENDING", "SYNCED"],
  ] as const)("%s %s → %s", (platform, status, outcome) => {
    expect(reviewOutcome(platform, status)).toBe(outcome);
  });
});

describe("nextReviewCheckDelayMs", () => {
  it("doubles from the first delay up to the cap", () => {
    expect([0, 1, 2, 3, 10, 1000].map((n) => nextReviewCheckDelayMs(n, 2500, 60_000))).toEqual([
      2500, 5000, 10_000, 20_000, 60_000, 60_000,
    ]);
  });
});
