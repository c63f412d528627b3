import type { SyncErrorClass } from "@syncstore/core";

/**
 * TikTok Shop 202309 codes from its common and product error lists. 36009004 is TikTok's generic
 * "invalid param" and also how it reports a malformed access token or app key, so the message
 * decides between AUTHENTICATION and VALIDATION.
 */
const TIKTOK_EXACT: Readonly<Record<string, SyncErrorClass>> = {
  "36009002": "RATE_LIMIT",
  "105001": "AUTHENTICATION",
  "105002": "AUTHENTICATION",
  "105003": "AUTHENTICATION",
  "105005": "AUTHENTICATION",
  "106001": "AUTHENTICATION",
  // Token endpoint: refresh token unknown, spent or expired, or the app secret wrong.
  "36004004": "AUTHENTICATION",
  "36009003": "SYSTEM",
  "12001000": "SYSTEM",
  "33001002": "SYSTEM",
  "12019059": "VALIDATION",
  "98001004": "VALIDATION",
};

/** The class a TikTok Shop `code` means (see `classifyHttpFailure` for the order of the rules). */
export function tiktokCodeClass(code: string, message: string): SyncErrorClass | null {
  const exact = TIKTOK_EXACT[code];
  if (exact) return exact;
  if (code === "36009004")
    return /access[_ ]?token|app[_ ]?key/i.test(message) ? "AUTHENTICATION" : "VALIDATION";
  // 12xxxxxx are product-API business errors (bad title, SKU, image, category…).
  return /^12\d{6}$/.test(code) ? "VALIDATION" : null;
}
