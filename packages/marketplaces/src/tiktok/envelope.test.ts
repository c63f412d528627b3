import { describe, expect, it } from "vitest";
import { fieldInMessage, readEnvelope, tiktokError } from "./envelope";

describe("readEnvelope", () => {
  it.each([
    {
      name: "success",
      status: 200,
      body: { code: 0, message: "Success", data: { product_id: "1" }, request_id: "R1" },
      expected: { ok: true, data: { product_id: "1" }, requestId: "R1" },
    },
    {
      name: "success without data",
      status: 200,
      body: { code: 0, message: "Success", request_id: "R2" },
      expected: { ok: true, data: null, requestId: "R2" },
    },
    {
      name: "business error on HTTP 200",
      status: 200,
      body: { code: 12052015, message: "Invalid `description`", data: null, request_id: "R3" },
      expected: { ok: false, code: "12052015", message: "Invalid `description`", requestId: "R3" },
    },
    {
      name: "code sent as a string",
      status: 401,
      body: { code: "105002", message: "Expired credentials", request_id: "R4" },
      expected: { ok: false, code: "105002", message: "Expired credentials", requestId: "R4" },
    },
    {
      name: "code 0 on an error status is not success",
      status: 500,
      body: { code: 0, message: "", request_id: "R5" },
      expected: { ok: false, code: "0", message: "TikTok Shop code 0", requestId: "R5" },
    },
  ])("$name", ({ status, body, expected }) => {
    expect(readEnvelope(status, body)).toEqual(expected);
  });

  it.each([
    [502, null, /HTTP 502 without a TikTok envelope \(empty body\)/],
    [503, { unparsable: "<html>busy</html>" }, /HTTP 503 without a TikTok envelope .*busy/],
    [200, { code: "abc" }, /HTTP 200 without a TikTok envelope/],
  ])("HTTP %i without an envelope is a failure with no code", (status, body, message) => {
    const e = readEnvelope(status, body);
    expect(e.ok).toBe(false);
    if (!e.ok) {
      expect(e.code).toBeNull();
      expect(e.message).toMatch(message);
    }
  });
});

describe("fieldInMessage", () => {
  it.each([
    ["Invalid `skus[1].seller_sku`: seller SKU appears twice", "skus[1].seller_sku"],
    ["Invalid `title`: too short", "title"],
    ["Invalid timestamp. The value of the `timestamp` query parameter ...", "timestamp"],
    ["Product does not exist", null],
  ])("%s → %s", (message, field) => expect(fieldInMessage(message)).toBe(field));
});

describe("tiktokError", () => {
  it.each([
    {
      httpStatus: 401,
      code: "106001",
      message: "Invalid credentials. The `sign` does not match the request.",
      errorClass: "AUTHENTICATION",
    },
    {
      httpStatus: 401,
      code: "105001",
      message: "Invalid credentials. The `x-tts-access-token` header is invalid.",
      errorClass: "AUTHENTICATION",
    },
    { httpStatus: 401, code: "105002", message: "Expired credentials.", errorClass: "AUTHENTICATION" },
    {
      httpStatus: 401,
      code: "36004004",
      message: "Invalid credentials. The `refresh_token` is invalid.",
      errorClass: "AUTHENTICATION",
    },
    {
      httpStatus: 200,
      code: "36004004",
      message: "The refresh token has already been used.",
      errorClass: "AUTHENTICATION",
    },
    {
      httpStatus: 400,
      code: "36009004",
      message: "Invalid credentials. Invalid `app_key` query parameter.",
      errorClass: "AUTHENTICATION",
    },
    { httpStatus: 429, code: "36009002", message: "Too many requests.", errorClass: "RATE_LIMIT" },
    { httpStatus: 500, code: "36009003", message: "Internal error.", errorClass: "SYSTEM" },
    { httpStatus: 200, code: "12019059", message: "Invalid `skus[0].seller_sku`", errorClass: "VALIDATION" },
    { httpStatus: 200, code: "12052015", message: "Invalid `description`", errorClass: "VALIDATION" },
    { httpStatus: 502, code: null, message: "HTTP 502 without a TikTok envelope", errorClass: "SYSTEM" },
  ])("$code on HTTP $httpStatus → $errorClass", ({ httpStatus, code, message, errorClass }) => {
    const e = tiktokError({ httpStatus, code, message });
    expect(e).toMatchObject({ errorClass, code, httpStatus, message, platform: "TIKTOK_SHOP" });
  });

  it("keeps retryAfterMs for rate limits only", () => {
    expect(
      tiktokError({ httpStatus: 429, code: "36009002", message: "slow down", retryAfterMs: 2000 })
        .retryAfterMs,
    ).toBe(2000);
    expect(
      tiktokError({ httpStatus: 500, code: "36009003", message: "x", retryAfterMs: 2000 }).retryAfterMs,
    ).toBeNull();
  });

  it("names the field of a validation failure in the payload's terms", () => {
    const e = tiktokError({
      httpStatus: 200,
      code: "12019059",
      message: "Invalid `skus[1].seller_sku`: too long",
      fieldOf: (p) => p.replace("skus", "variants").replace("seller_sku", "sellerSku"),
    });
    expect(e.field).toBe("variants[1].sellerSku");
    expect(tiktokError({ httpStatus: 401, code: "106001", message: "The `sign` is wrong" }).field).toBeNull();
  });
});
