import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_ATTEMPTS } from "./defaults";
import { SYNC_ERROR_CLASSES } from "./errors";
import { InvalidInputError } from "./invalid-input";
import { DEFAULT_RETRY_POLICY, backoffDelayMs, retryDecision } from "./retry";

const fixed = (r: number) => () => r;

describe("retryDecision", () => {
  it.each([
    [
      "RATE_LIMIT honours Retry-After",
      "RATE_LIMIT",
      1,
      5,
      { retryAfterMs: 7_500 },
      { action: "retry", delayMs: 7_500, spendsAttempt: false },
    ],
    [
      "RATE_LIMIT waits the default without Retry-After",
      "RATE_LIMIT",
      1,
      5,
      {},
      { action: "retry", delayMs: 2_000, spendsAttempt: false },
    ],
    [
      "RATE_LIMIT does not dead-letter at the attempt limit",
      "RATE_LIMIT",
      5,
      5,
      { retryAfterMs: 100 },
      { action: "retry", delayMs: 100, spendsAttempt: false },
    ],
    [
      "RATE_LIMIT clamps a negative Retry-After",
      "RATE_LIMIT",
      1,
      5,
      { retryAfterMs: -50 },
      { action: "retry", delayMs: 0, spendsAttempt: false },
    ],
    [
      "RATE_LIMIT caps an absurd Retry-After",
      "RATE_LIMIT",
      1,
      5,
      { retryAfterMs: 86_400_000 },
      { action: "retry", delayMs: 600_000, spendsAttempt: false },
    ],
    ["AUTHENTICATION refreshes first", "AUTHENTICATION", 1, 5, {}, { action: "refresh-token-then-retry" }],
    [
      "AUTHENTICATION refreshes even on the last attempt",
      "AUTHENTICATION",
      5,
      5,
      { tokenRefreshed: false },
      { action: "refresh-token-then-retry" },
    ],
    [
      "VALIDATION dead-letters at once",
      "VALIDATION",
      1,
      5,
      {},
      {
        action: "dead-letter",
        reason: "the marketplace rejected the data; retrying the same data cannot succeed",
      },
    ],
    [
      "NETWORK backs off",
      "NETWORK",
      1,
      5,
      { random: fixed(0.5) },
      { action: "retry", delayMs: 500, spendsAttempt: true },
    ],
    [
      "SYSTEM doubles the window",
      "SYSTEM",
      3,
      5,
      { random: fixed(0.5) },
      { action: "retry", delayMs: 2_000, spendsAttempt: true },
    ],
    [
      "UNKNOWN backs off like the others",
      "UNKNOWN",
      4,
      50,
      { random: fixed(0.999) },
      { action: "retry", delayMs: 7_992, spendsAttempt: true },
    ],
    [
      "the cap holds for late attempts",
      "NETWORK",
      30,
      50,
      { random: fixed(0.5) },
      { action: "retry", delayMs: 30_000, spendsAttempt: true },
    ],
    [
      "a custom policy",
      "SYSTEM",
      2,
      5,
      { random: fixed(0.5), policy: { baseDelayMs: 100, maxDelayMs: 150 } },
      { action: "retry", delayMs: 75, spendsAttempt: true },
    ],
    [
      "NETWORK dead-letters when attempts are used up",
      "NETWORK",
      5,
      5,
      {},
      { action: "dead-letter", reason: "NETWORK failure after 5 of 5 attempts" },
    ],
    [
      "the slow round follows the fast attempts",
      "SYSTEM",
      3,
      3,
      { slowRetryDelaysMs: [60_000, 300_000], random: fixed(0.5) },
      { action: "retry", delayMs: 60_000, spendsAttempt: true },
    ],
    [
      "the slow round's second wait",
      "NETWORK",
      4,
      3,
      { slowRetryDelaysMs: [60_000, 300_000], random: fixed(0) },
      { action: "retry", delayMs: 270_000, spendsAttempt: true },
    ],
    [
      "dead-letters once the slow round is spent too",
      "UNKNOWN",
      5,
      3,
      { slowRetryDelaysMs: [60_000, 300_000] },
      { action: "dead-letter", reason: "UNKNOWN failure after 5 of 5 attempts (3 fast, 2 slow)" },
    ],
    [
      "VALIDATION skips the slow round",
      "VALIDATION",
      1,
      3,
      { slowRetryDelaysMs: [60_000] },
      {
        action: "dead-letter",
        reason: "the marketplace rejected the data; retrying the same data cannot succeed",
      },
    ],
    [
      "TikTok's 3 attempts",
      "SYSTEM",
      DEFAULT_MAX_ATTEMPTS.TIKTOK_SHOP,
      DEFAULT_MAX_ATTEMPTS.TIKTOK_SHOP,
      {},
      { action: "dead-letter", reason: "SYSTEM failure after 3 of 3 attempts" },
    ],
  ] as const)("%s", (_name, errorClass, attemptsMade, maxAttempts, context, expected) => {
    expect(retryDecision(errorClass, attemptsMade, maxAttempts, { ...context })).toEqual(expected);
  });

  it("dead-letters an authentication failure after the token was refreshed", () => {
    expect(retryDecision("AUTHENTICATION", 2, 5, { tokenRefreshed: true })).toEqual({
      action: "dead-letter",
      reason: "authentication still fails after refreshing the token",
    });
  });

  it.each([
    [0, 5, "attemptsMade"],
    [1.5, 5, "attemptsMade"],
    [1, 0, "maxAttempts"],
  ])("rejects attemptsMade=%d maxAttempts=%d", (made, max, field) => {
    const call = () => retryDecision("NETWORK", made, max);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(new RegExp(`^${field}`));
  });

  it("rejects a random source outside [0, 1)", () => {
    expect(() => retryDecision("NETWORK", 1, 5, { random: fixed(1) })).toThrow(/random\(\) must return/);
  });

  it("uses the platform defaults", () => {
    expect(DEFAULT_MAX_ATTEMPTS).toEqual({ SHOPEE: 5, TIKTOK_SHOP: 3 });
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ baseDelayMs: 1_000, maxDelayMs: 60_000 });
  });
});

describe("backoff properties", () => {
  it("stays within [0, min(cap, base × 2^(attempt−1))]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        (attempt, r, base, cap) => {
          const delay = backoffDelayMs(
            attempt,
            { ...DEFAULT_RETRY_POLICY, baseDelayMs: base, maxDelayMs: cap },
            fixed(r),
          );
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(cap, base * 2 ** Math.min(attempt - 1, 52)));
        },
      ),
    );
  });

  it("retries below the limit and dead-letters at it, for every retryable class", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...SYNC_ERROR_CLASSES.filter((c) => c === "NETWORK" || c === "SYSTEM" || c === "UNKNOWN"),
        ),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (errorClass, made, max) => {
          const decision = retryDecision(errorClass, made, max, { random: Math.random });
          expect(decision.action).toBe(made >= max ? "dead-letter" : "retry");
          if (decision.action === "retry") {
            expect(decision.spendsAttempt).toBe(true);
            expect(decision.delayMs).toBeLessThanOrEqual(60_000);
          }
        },
      ),
    );
  });
});
