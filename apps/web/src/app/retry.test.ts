import { describe, expect, it } from "vitest";
import { retryDelayMs, shouldRetry, MAX_ATTEMPTS } from "./retry";

describe("shouldRetry", () => {
  it.each([
    [1, 429, false, true],
    [1, 429, true, true],
    [1, 503, true, true],
    [1, null, false, true],
    [1, null, true, false],
    [1, 400, false, false],
    [1, 500, false, false],
    [MAX_ATTEMPTS, 429, false, false],
  ])("attempt %i, status %j, mutation %j → %j", (attempt, status, mutation, expected) => {
    expect(shouldRetry(attempt, { status, retryAfter: null, mutation })).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it.each([
    [1, "2", 2000],
    [1, "0", 0],
    [1, "600", 30_000],
    [1, "Wed, 01 Jan 2025 00:00:03 GMT", 3000],
    [1, null, 300],
    [2, null, 600],
    [3, "soon", 1200],
    [10, null, 10_000],
  ])("attempt %i, Retry-After %j → %i ms", (attempt, retryAfter, expected) => {
    expect(retryDelayMs(attempt, { status: 429, retryAfter, mutation: false }, now)).toBe(expected);
  });
});
