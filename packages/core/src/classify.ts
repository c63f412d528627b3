import type { SyncErrorClass } from "./errors";
import type { Platform } from "./model";

/** What is known about one failed marketplace call. */
export interface HttpFailure {
  platform: Platform | null;
  /** Null when no answer arrived (connection refused, timeout…). */
  httpStatus?: number | null;
  /** The marketplace's own code: Shopee's `error` (`error_auth`), TikTok's numeric `code` (105002). */
  code?: string | number | null;
  message?: string | null;
  /** Node/undici code when the request never got an answer: `ECONNRESET`, `UND_ERR_SOCKET`, `TIMEOUT`. */
  networkErrorCode?: string | null;
}

/**
 * Failures that happen below HTTP. `TIMEOUT` and `NETWORK_ERROR` are what the marketplaces
 * package's transport reports; the rest are Node's and undici's own codes.
 */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "TIMEOUT",
  "NETWORK_ERROR",
  "TimeoutError",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENETRESET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/**
 * Shopee Open Platform v2 `error` values, from the error list Shopee publishes (as mirrored in
 * open-source v2 SDKs). A bad signature or
 * partner id cannot be fixed by waiting, so it is AUTHENTICATION (refresh once, then dead-letter)
 * rather than VALIDATION. Note `invalid_acceess_token`: Shopee really spells it that way.
 */
const SHOPEE_EXACT: Readonly<Record<string, SyncErrorClass>> = {
  error_rate_limit: "RATE_LIMIT",
  error_auth: "AUTHENTICATION",
  error_sign: "AUTHENTICATION",
  error_token: "AUTHENTICATION",
  error_access_token: "AUTHENTICATION",
  invalid_access_token: "AUTHENTICATION",
  invalid_acceess_token: "AUTHENTICATION",
  invalid_refresh_token: "AUTHENTICATION",
  error_user_refresh_token: "AUTHENTICATION",
  error_auth_shop_not_found: "AUTHENTICATION",
  error_permission: "AUTHENTICATION",
  error_server: "SYSTEM",
  error_inner: "SYSTEM",
  error_system_busy: "SYSTEM",
  error_network: "SYSTEM",
  error_database: "SYSTEM",
  "error category": "VALIDATION",
  "error brand": "VALIDATION",
  "error attribute": "VALIDATION",
};

/**
 * Shopee families of errors about the item's data: fixing the data is the only cure. `error_busi_*`
 * is left out on purpose: it mixes business rules with "update failed, please try later".
 */
const SHOPEE_VALIDATION_PREFIXES = [
  "error_param",
  "error_item_",
  "error_invalid_",
  "error_incalid_",
  "error_price",
  "error_stock",
  "error_title",
  "error_name",
  "error_desc",
  "error_image",
  "error_model",
  "error_tier",
  "error_category",
  "error_brand",
  "error_attribute",
  "error_duplicate",
  "error_less_required_",
  "error_reach_shop_item_limit",
];

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

function shopeeClass(code: string): SyncErrorClass | null {
  const exact = SHOPEE_EXACT[code];
  if (exact) return exact;
  if (code.includes("rate_limit")) return "RATE_LIMIT";
  return SHOPEE_VALIDATION_PREFIXES.some((p) => code.startsWith(p)) ? "VALIDATION" : null;
}

function tiktokClass(code: string, message: string): SyncErrorClass | null {
  const exact = TIKTOK_EXACT[code];
  if (exact) return exact;
  if (code === "36009004")
    return /access[_ ]?token|app[_ ]?key/i.test(message) ? "AUTHENTICATION" : "VALIDATION";
  // 12xxxxxx are product-API business errors (bad title, SKU, image, category…).
  return /^12\d{6}$/.test(code) ? "VALIDATION" : null;
}

function classByCode(platform: Platform | null, code: string, message: string): SyncErrorClass | null {
  if (code === "") return null;
  if (platform === "SHOPEE") return shopeeClass(code);
  if (platform === "TIKTOK_SHOP") return tiktokClass(code, message);
  return shopeeClass(code) ?? tiktokClass(code, message);
}

function isNetworkCode(code: string): boolean {
  return NETWORK_CODES.has(code) || /TIMED?_?OUT/i.test(code);
}

/** Shopee answers some throttling as `error_server` with "Too many requests, please try again later". */
function mentionsRateLimit(message: string): boolean {
  return /too many requests|rate[ _-]?limit/i.test(message);
}

function classByStatus(status: number | null): SyncErrorClass {
  if (status === null) return "UNKNOWN";
  if (status === 429) return "RATE_LIMIT";
  if (status === 401 || status === 403) return "AUTHENTICATION";
  if (status === 408) return "NETWORK";
  if (status >= 500 && status <= 599) return "SYSTEM";
  if (status >= 400 && status <= 499) return "VALIDATION";
  return "UNKNOWN";
}

/**
 * Decides the class of a failed call, which decides what happens next (see `retryDecision`).
 * Order: no answer at all → NETWORK (or UNKNOWN for a local bug); HTTP 429 → RATE_LIMIT whatever
 * the body says; then the marketplace's own code; then a "too many requests" message; then the
 * HTTP status; anything left is UNKNOWN.
 */
export function classifyHttpFailure(failure: HttpFailure): SyncErrorClass {
  const status = failure.httpStatus ?? null;
  const network = failure.networkErrorCode?.trim() ?? "";
  if (status === null && network !== "") return isNetworkCode(network) ? "NETWORK" : "UNKNOWN";
  if (status === 429) return "RATE_LIMIT";

  const code = failure.code === null || failure.code === undefined ? "" : String(failure.code).trim();
  const message = failure.message ?? "";
  const byCode = classByCode(failure.platform, code, message);
  if ((byCode === null || byCode === "SYSTEM") && mentionsRateLimit(message)) return "RATE_LIMIT";
  if (byCode !== null) return byCode;
  if (status === null && network === "") return "UNKNOWN";
  return classByStatus(status);
}
