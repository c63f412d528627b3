import { classifyHttpFailure, type HttpFailure, type SyncErrorClass } from "@syncstore/core";
import { describe, expect, it } from "vitest";
import { shopeeCodeClass } from "./error-codes";

const shopee = (code: string | null, httpStatus: number | null = 200, message = ""): HttpFailure => ({
  httpStatus,
  code,
  message,
  networkErrorCode: null,
});

const cases: [string, HttpFailure, SyncErrorClass][] = [
  ["HTTP 429 beats a body code", shopee("error_param", 429), "RATE_LIMIT"],
  ["Shopee error_rate_limit", shopee("error_rate_limit", 200), "RATE_LIMIT"],
  ["Shopee ads rate limit", shopee("ads.rate_limit.exceed_shop_api", 200), "RATE_LIMIT"],
  [
    "Shopee error_server saying too many requests",
    shopee("error_server", 500, "Too many requests, please try again later"),
    "RATE_LIMIT",
  ],
  ["Shopee error_auth", shopee("error_auth", 403, "Invalid access_token."), "AUTHENTICATION"],
  ["Shopee invalid_access_token", shopee("invalid_access_token", 403), "AUTHENTICATION"],
  ["Shopee invalid_acceess_token (their spelling)", shopee("invalid_acceess_token", 403), "AUTHENTICATION"],
  [
    "Shopee error_sign: a bad partner key is configuration",
    shopee("error_sign", 403, "Wrong sign."),
    "AUTHENTICATION",
  ],
  ["Shopee error_permission", shopee("error_permission", 403), "AUTHENTICATION"],
  ["Shopee error_param", shopee("error_param", 400, "Invalid Weight."), "VALIDATION"],
  ["Shopee error_item_not_found", shopee("error_item_not_found", 200), "VALIDATION"],
  ["Shopee error_invalid_category", shopee("error_invalid_category", 200), "VALIDATION"],
  ["Shopee error_price_agp_too_large", shopee("error_price_agp_too_large", 200), "VALIDATION"],
  ["Shopee error_title_exceeds_max_length", shopee("error_title_exceeds_max_length", 200), "VALIDATION"],
  ["Shopee validation code outranks HTTP 500", shopee("error_param", 500), "VALIDATION"],
  ["an unknown Shopee code on HTTP 400", shopee("error_something_new", 400), "VALIDATION"],
  ["Shopee error_server", shopee("error_server", 500, "Something wrong. Please try later."), "SYSTEM"],
  ["Shopee error_inner", shopee("error_inner", 200), "SYSTEM"],
  ["Shopee error_system_busy", shopee("error_system_busy", 200), "SYSTEM"],
  ["an unknown Shopee code on HTTP 200", shopee("error_busi_update_item_failed", 200), "UNKNOWN"],
];

describe("shopeeCodeClass", () => {
  it.each(cases)("%s → %s", (_name, failure, expected) => {
    expect(classifyHttpFailure(failure, shopeeCodeClass)).toBe(expected);
  });
});
