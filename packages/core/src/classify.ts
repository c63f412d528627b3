import type { SyncErrorClass } from "./errors";

/** What is known about one failed marketplace call. */
export interface HttpFailure {
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
 * A platform's own error codes: the class a code means, or null when the code alone does not say.
 * Each marketplace client holds its table next to its protocol (`marketplaces/src/{shopee,tiktok}`).
 */
export type ErrorCodeClassifier = (code: string, message: string) => SyncErrorClass | null;

/**
 * Decides the class of a failed call, which decides what happens next (see `retryDecision`).
 * Order: no answer at all → NETWORK (or UNKNOWN for a local bug); HTTP 429 → RATE_LIMIT whatever
 * the body says; then the marketplace's own code; then a "too many requests" message; then the
 * HTTP status; anything left is UNKNOWN.
 */
export function classifyHttpFailure(
  failure: HttpFailure,
  byPlatformCode: ErrorCodeClassifier = () => null,
): SyncErrorClass {
  const status = failure.httpStatus ?? null;
  const network = failure.networkErrorCode?.trim() ?? "";
  if (status === null && network !== "") return isNetworkCode(network) ? "NETWORK" : "UNKNOWN";
  if (status === 429) return "RATE_LIMIT";

  const code = failure.code === null || failure.code === undefined ? "" : String(failure.code).trim();
  const message = failure.message ?? "";
  const byCode = code === "" ? null : byPlatformCode(code, message);
  if ((byCode === null || byCode === "SYSTEM") && mentionsRateLimit(message)) return "RATE_LIMIT";
  if (byCode !== null) return byCode;
  if (status === null && network === "") return "UNKNOWN";
  return classByStatus(status);
}
