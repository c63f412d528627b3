import { classifyHttpFailure, type HttpFailure, type SyncErrorClass } from "@syncstore/core";
import { describe, expect, it } from "vitest";
import { tiktokCodeClass } from "./error-codes";

const tiktok = (
  code: number | string | null,
  httpStatus: number | null = 200,
  message = "",
): HttpFailure => ({
  httpStatus,
  code,
  message,
  networkErrorCode: null,
});

const cases: [string, HttpFailure, SyncErrorClass][] = [
  ["TikTok 36009002", tiktok(36009002, 200, "Too many requests."), "RATE_LIMIT"],
  ["TikTok 36009002 as text", tiktok("36009002", 429), "RATE_LIMIT"],
  ["TikTok 105001 invalid token", tiktok(105001, 401), "AUTHENTICATION"],
  ["TikTok 105002 expired token", tiktok(105002, 401, "Expired credentials."), "AUTHENTICATION"],
  ["TikTok 105003", tiktok(105003, 401), "AUTHENTICATION"],
  ["TikTok 106001 bad sign", tiktok(106001, 401, "signature is invalid"), "AUTHENTICATION"],
  [
    "TikTok 36009004 about the access token",
    tiktok(36009004, 401, "Invalid credentials. Invalid access_token."),
    "AUTHENTICATION",
  ],
  ["TikTok 12019059 invalid seller SKU", tiktok(12019059, 400, "seller sku is invalid"), "VALIDATION"],
  ["TikTok 12052051 title too long", tiktok(12052051, 200), "VALIDATION"],
  ["TikTok 36009004 about a parameter", tiktok(36009004, 400, "invalid param error"), "VALIDATION"],
  ["TikTok 36009003", tiktok(36009003, 500, "Internal error. Please try again."), "SYSTEM"],
  ["TikTok 12001000 product api internal error", tiktok(12001000, 200), "SYSTEM"],
  ["an unknown TikTok code on HTTP 200", tiktok(16015006, 200), "UNKNOWN"],
];

describe("tiktokCodeClass", () => {
  it.each(cases)("%s → %s", (_name, failure, expected) => {
    expect(classifyHttpFailure(failure, tiktokCodeClass)).toBe(expected);
  });
});
