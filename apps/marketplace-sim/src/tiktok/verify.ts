import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The simulator's own reading of TikTok's signature, written apart from the client's signer so a
 * mistake in one is caught by the other: HMAC-SHA256(secret, secret + path + sorted(key + value)
 * + body + secret), leaving out `sign` and `access_token`, and the body for GET and multipart.
 */
export function expectedSign(
  secret: string,
  path: string,
  query: URLSearchParams,
  body: Buffer | null,
): string {
  const keys = [...new Set(query.keys())].filter((k) => k !== "sign" && k !== "access_token").sort();
  const parts: Buffer[] = [Buffer.from(secret + path, "utf8")];
  for (const key of keys) parts.push(Buffer.from(key + (query.get(key) ?? ""), "utf8"));
  if (body !== null) parts.push(body);
  parts.push(Buffer.from(secret, "utf8"));
  return createHmac("sha256", secret).update(Buffer.concat(parts)).digest("hex");
}

export function signMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TimestampCheck = "ok" | "missing" | "stale" | "future";

/** TikTok accepts a timestamp up to 5 minutes old and at most 30 seconds ahead. */
export function checkTimestamp(raw: string | null, nowMs: number): TimestampCheck {
  if (raw === null || !/^\d{1,12}$/.test(raw)) return "missing";
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (skew < -300) return "stale";
  if (skew > 30) return "future";
  return "ok";
}
