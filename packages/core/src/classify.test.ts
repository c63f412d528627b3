import { describe, expect, it } from "vitest";
import { type HttpFailure, classifyHttpFailure } from "./classify";
import type { SyncErrorClass } from "./errors";

const shopee = (code: string | null, httpStatus: number | null = 200, message = ""): HttpFailure => ({
  platform: "SHOPEE",
  httpStatus,
  code,
  message,
  networkErrorCode: null,
});
const tiktok = (
  code: number | string | null,
  httpStatus: number | null = 200,
  message = "",
): HttpFailure => ({
  platform: "TIKTOK_SHOP",
  httpStatus,
  code,
  message,
  networkErrorCode: null,
});
const network = (networkErrorCode: string): HttpFailure => ({
  platform: "SHOPEE",
  httpStatus: null,
  code: null,
  message: "socket hang up",
  networkErrorCode,
});

const cases: [string, HttpFailure, SyncErrorClass][] = [
  // Rate limits
  ["HTTP 429 without a body", shopee(null, 429), "RATE_LIMIT"],
  ["HTTP 429 beats a body code", shopee("error_param", 429), "RATE_LIMIT"],
  ["Shopee error_rate_limit", shopee("error_rate_limit", 200), "RATE_LIMIT"],
  ["Shopee ads rate limit", shopee("ads.rate_limit.exceed_shop_api", 200), "RATE_LIMIT"],
  [
    "Shopee error_server saying too many requests",
    shopee("error_server", 500, "Too many requests, please try again later"),
    "RATE_LIMIT",
  ],
  ["TikTok 36009002", tiktok(36009002, 200, "Too many requests."), "RATE_LIMIT"],
  ["TikTok 36009002 as text", tiktok("36009002", 429), "RATE_LIMIT"],
  // Authentication and configuration
  ["Shopee error_auth", shopee("error_auth", 403, "Invalid access_token."), "AUTHENTICATION"],
  ["Shopee invalid_access_token", shopee("invalid_access_token", 403), "AUTHENTICATION"],
  ["Shopee invalid_acceess_token (their spelling)", shopee("invalid_acceess_token", 403), "AUTHENTICATION"],
  [
    "Shopee error_sign: a bad partner key is configuration",
    shopee("error_sign", 403, "Wrong sign."),
    "AUTHENTICATION",
  ],
  ["Shopee error_permission", shopee("error_permission", 403), "AUTHENTICATION"],
  ["TikTok 105001 invalid token", tiktok(105001, 401), "AUTHENTICATION"],
  ["TikTok 105002 expired token", tiktok(105002, 401, "Expired credentials."), "AUTHENTICATION"],
  ["TikTok 105003", tiktok(105003, 401), "AUTHENTICATION"],
  ["TikTok 106001 bad sign", tiktok(106001, 401, "signature is invalid"), "AUTHENTICATION"],
  [
    "TikTok 36009004 about the access token",
    tiktok(36009004, 401, "Invalid credentials. Invalid access_token."),
    "AUTHENTICATION",
  ],
  ["HTTP 401 without a code", tiktok(null, 401), "AUTHENTICATION"],
  // Validation
  ["Shopee error_param", shopee("error_param", 400, "Invalid Weight."), "VALIDATION"],
  ["Shopee error_item_not_found", shopee("error_item_not_found", 200), "VALIDATION"],
  ["Shopee error_invalid_category", shopee("error_invalid_category", 200), "VALIDATION"],
  ["Shopee error_price_agp_too_large", shopee("error_price_agp_too_large", 200), "VALIDATION"],
  ["Shopee error_title_exceeds_max_length", shopee("error_title_exceeds_max_length", 200), "VALIDATION"],
  ["Shopee validation code outranks HTTP 500", shopee("error_param", 500), "VALIDATION"],
  ["TikTok 12019059 invalid seller SKU", tiktok(12019059, 400, "seller sku is invalid"), "VALIDATION"],
  ["TikTok 12052051 title too long", tiktok(12052051, 200), "VALIDATION"],
  ["TikTok 36009004 about a parameter", tiktok(36009004, 400, "invalid param error"), "VALIDATION"],
  ["an unknown Shopee code on HTTP 400", shopee("error_something_new", 400), "VALIDATION"],
  ["HTTP 422 without a code", tiktok(null, 422), "VALIDATION"],
  // System
  ["HTTP 500 without a code", shopee(null, 500), "SYSTEM"],
  ["HTTP 503 without a code", tiktok(null, 503), "SYSTEM"],
  ["Shopee error_server", shopee("error_server", 500, "Something wrong. Please try later."), "SYSTEM"],
  ["Shopee error_inner", shopee("error_inner", 200), "SYSTEM"],
  ["Shopee error_system_busy", shopee("error_system_busy", 200), "SYSTEM"],
  ["TikTok 36009003", tiktok(36009003, 500, "Internal error. Please try again."), "SYSTEM"],
  ["TikTok 12001000 product api internal error", tiktok(12001000, 200), "SYSTEM"],
  // Network
  ["ECONNRESET", network("ECONNRESET"), "NETWORK"],
  ["ECONNREFUSED", network("ECONNREFUSED"), "NETWORK"],
  ["ETIMEDOUT", network("ETIMEDOUT"), "NETWORK"],
  ["the transport's TIMEOUT", network("TIMEOUT"), "NETWORK"],
  ["undici socket error", network("UND_ERR_SOCKET"), "NETWORK"],
  ["undici headers timeout", network("UND_ERR_HEADERS_TIMEOUT"), "NETWORK"],
  ["DNS failure", network("ENOTFOUND"), "NETWORK"],
  ["HTTP 408", shopee(null, 408), "NETWORK"],
  // Unknown
  ["a local error that is not a network failure", network("ERR_INVALID_URL"), "UNKNOWN"],
  ["an unknown TikTok code on HTTP 200", tiktok(16015006, 200), "UNKNOWN"],
  ["an unknown Shopee code on HTTP 200", shopee("error_busi_update_item_failed", 200), "UNKNOWN"],
  ["nothing known at all", { platform: null }, "UNKNOWN"],
];

describe("classifyHttpFailure", () => {
  it.each(cases)("%s → %s", (_name, failure, expected) => {
    expect(classifyHttpFailure(failure)).toBe(expected);
  });

  it("falls back to both code tables when the platform is not known", () => {
    expect(classifyHttpFailure({ platform: null, code: "error_auth", httpStatus: 403 })).toBe(
      "AUTHENTICATION",
    );
    expect(classifyHttpFailure({ platform: null, code: 36009002, httpStatus: 200 })).toBe("RATE_LIMIT");
  });
});
