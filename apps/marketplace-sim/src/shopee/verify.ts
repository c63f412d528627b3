import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The simulator's own reading of Shopee's signature, written apart from the client's signer so a
 * mistake in one is caught by the other: HMAC-SHA256 keyed with the partner key over the partner id,
 * the API path and the timestamp, then the access token and shop id for shop-level calls.
 */
export function expectedSign(partnerKey: string, signed: readonly string[]): string {
  const mac = createHmac("sha256", Buffer.from(partnerKey, "utf8"));
  for (const part of signed) mac.update(Buffer.from(part, "utf8"));
  return mac.digest("hex");
}

export function signMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TimestampCheck = "ok" | "missing" | "stale" | "future";

/** Shopee accepts a timestamp up to 5 minutes old; a clock a little ahead is tolerated. */
export const TIMESTAMP_MAX_AGE_SEC = 300;
export const TIMESTAMP_MAX_AHEAD_SEC = 30;

export function checkTimestamp(raw: string | null, nowMs: number): TimestampCheck {
  if (raw === null || !/^\d{1,12}$/.test(raw)) return "missing";
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (skew < -TIMESTAMP_MAX_AGE_SEC) return "stale";
  if (skew > TIMESTAMP_MAX_AHEAD_SEC) return "future";
  return "ok";
}
