import type { SimResponse } from "../http";
import type { SimControl } from "../control";

/**
 * TikTok Shop codes the simulator answers with. Those from the public documentation keep their
 * meaning; those marked (sim) are the simulator's choice within TikTok's product-error family,
 * because TikTok publishes no single code for them.
 */
export const TTS_CODES = {
  OK: 0,
  /** Signature does not match. */
  SIGN_INVALID: 106001,
  /** Unknown access token. */
  TOKEN_INVALID: 105001,
  /** Access token past its expiry. */
  TOKEN_EXPIRED: 105002,
  /** Refresh token unknown, spent or expired; wrong app secret on the token endpoint. */
  REFRESH_INVALID: 36004004,
  TOO_MANY_REQUESTS: 36009002,
  INTERNAL_ERROR: 36009003,
  /** Request-level problems: app_key, timestamp, missing sign, shop_cipher, malformed body or query. */
  PARAM_INVALID: 36009004,
  PATH_NOT_FOUND: 36009009,
  /** A listing field that breaks the rules (sim). */
  PRODUCT_FIELD_INVALID: 12052002,
  /** Description missing or too long. */
  DESCRIPTION_INVALID: 12052015,
  SELLER_SKU_INVALID: 12019059,
  STOCK_INVALID: 12019024,
  PRODUCT_NOT_FOUND: 12052032,
  TOO_MANY_SKUS: 12052050,
  /** The category is unknown or not a leaf ("must be a leaf category"). */
  CATEGORY_NOT_LEAF: 12052024,
  /** The category tree version is not the market's (VN/ID: v2). */
  CATEGORY_VERSION_INVALID: 12052217,
  /** A required product attribute is missing. */
  ATTRIBUTE_REQUIRED: 12052104,
  /** An attribute or value id that the category does not have, or a malformed custom value. */
  ATTRIBUTE_VALUE_INVALID: 12052105,
  /** The warehouse is missing or not one of the shop's. */
  WAREHOUSE_INVALID: 12019022,
  /** A brand that is not authorized for the category, or none where the category demands one. */
  BRAND_INVALID: 12052201,
  /** A size chart the category's rules demand is missing (sim). */
  SIZE_CHART_REQUIRED: 12052230,
  /** An image TikTok cannot take: format or pixel size (the code integrators report for image sync). */
  IMAGE_INVALID: 12038001,
  /** New Shop Probation Period: the shop's daily listing quota is used up. */
  LISTING_QUOTA: 12019068,
} as const;

let sequence = 0;

/** Shaped like TikTok's: a timestamp, then an opaque suffix. */
export function requestId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, "").slice(0, 14);
  sequence = (sequence + 1) % 0x100000000;
  return `${stamp}${sequence.toString(16).toUpperCase().padStart(8, "0")}SIM`;
}

export function success(data: unknown, now: number): SimResponse {
  return { status: 200, body: { code: TTS_CODES.OK, message: "Success", data, request_id: requestId(now) } };
}

export function failure(
  status: number,
  code: number,
  message: string,
  now: number,
  headers?: Record<string, string>,
): SimResponse {
  const r: SimResponse = { status, body: { code, message, data: null, request_id: requestId(now) } };
  if (headers) r.headers = headers;
  return r;
}

/** A listing rule broken: TikTok answers business errors with HTTP 200 and the code in the envelope. */
export interface Violation {
  code: number;
  /** TikTok's parameter path, e.g. `skus[1].seller_sku`. */
  field: string;
  message: string;
}

export function violation(code: number, field: string, reason: string): Violation {
  return { code, field, message: `Invalid \`${field}\`: ${reason}` };
}

/** The control's verdict as TikTok answers it (API host and auth host alike). */
export function injectedFault(control: SimControl, outcome: string, now: number): SimResponse | null {
  if (outcome === "timeout") return { status: 0, body: null };
  if (outcome === "rate_limited") {
    const retryAfter = Math.max(1, Math.ceil(control.msUntilNextWindow(now) / 1000));
    return failure(
      429,
      TTS_CODES.TOO_MANY_REQUESTS,
      "Too many requests. The shop exceeded its rate limit.",
      now,
      { "Retry-After": String(retryAfter) },
    );
  }
  if (outcome === "error")
    return failure(500, TTS_CODES.INTERNAL_ERROR, "Internal error. Please retry the request later.", now);
  return null;
}
