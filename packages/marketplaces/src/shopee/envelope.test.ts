import { describe, expect, it } from "vitest";
import { fieldInMessage, readEnvelope, shopeeError } from "./envelope";

describe("readEnvelope", () => {
  it("reads a success: empty error, response kept", () => {
    const env = readEnvelope(200, {
      request_id: "r1",
      error: "",
      message: "",
      warning: "",
      response: { item_id: 7 },
    });
    expect(env).toEqual({
      ok: true,
      response: { item_id: 7 },
      body: expect.objectContaining({ request_id: "r1" }),
      warning: null,
      requestId: "r1",
    });
  });

  it("keeps the top-level body of token answers, which have no `response`", () => {
    const env = readEnvelope(200, { error: "", access_token: "a", refresh_token: "b", expire_in: 14400 });
    expect(env.ok && env.body.access_token).toBe("a");
    expect(env.ok && env.response).toBeNull();
  });

  it("keeps a warning on success", () => {
    const env = readEnvelope(200, { error: "", warning: "item 9 not found", response: { item_list: [] } });
    expect(env.ok && env.warning).toBe("item 9 not found");
  });

  it.each([
    [
      "error code with message",
      403,
      { error: "error_sign", message: "Wrong sign.", request_id: "x" },
      "error_sign",
      "Wrong sign.",
    ],
    [
      "error code with legacy msg",
      400,
      { error: "error_param", msg: "no partner_id" },
      "error_param",
      "no partner_id",
    ],
    ["error code, no message", 500, { error: "error_server" }, "error_server", "Shopee error error_server"],
    [
      "error on HTTP 200",
      200,
      { error: "error_item_not_found", message: "item not found" },
      "error_item_not_found",
      "item not found",
    ],
    [
      "non-2xx with empty error",
      502,
      { error: "", message: "" },
      null,
      "HTTP 502 with an empty Shopee error",
    ],
  ])("reads a failure: %s", (_, status, body, code, message) => {
    expect(readEnvelope(status, body)).toMatchObject({ ok: false, code, message });
  });

  it.each([
    ["empty body", null, "HTTP 502 without a Shopee envelope (empty body)"],
    ["HTML page", { unparsable: "<html>bad gateway</html>" }, null],
    ["array", [1, 2], "HTTP 502 without a Shopee envelope ([1,2])"],
  ])("a body without an error field on a 5xx is a failure without a code: %s", (_, body, message) => {
    const env = readEnvelope(502, body);
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.code).toBeNull();
      if (message) expect(env.message).toBe(message);
    }
  });
});

describe("fieldInMessage", () => {
  it.each([
    ["Wrong parameters, detail: item_name length must be 5 to 100 characters, got 3.", "item_name"],
    ["Wrong parameters, detail: model[2].model_sku is longer than 100 characters.", "model[2].model_sku"],
    [
      "Wrong parameters, detail: image.image_id_list[1] abc is not an uploaded image.",
      "image.image_id_list[1]",
    ],
    [
      "Wrong parameters, detail: dimension.package_width must be a positive whole number.",
      "dimension.package_width",
    ],
    [
      "price_list[0].original_price (model_id 5): price must be greater than 0",
      "price_list[0].original_price",
    ],
    ["description is longer than 3000 characters", "description"],
    [
      "Wrong parameters, detail: attribute_list is missing the mandatory attribute Bahan (100136) of category 100302",
      "attribute_list",
    ],
    [
      "Wrong parameters, detail: attribute_list[1].attribute_value_list[0].value_id 7 is not a value of attribute Bahan",
      "attribute_list[1].attribute_value_list[0].value_id",
    ],
    [
      "Wrong parameters, detail: size_chart_info is required: category 100012 needs a size chart",
      "size_chart_info",
    ],
    ["Something went wrong.", null],
  ])("%s", (message, field) => {
    expect(fieldInMessage(message)).toBe(field);
  });
});

describe("shopeeError", () => {
  it.each([
    ["error_rate_limit", 429, "RATE_LIMIT"],
    ["error_auth", 403, "AUTHENTICATION"],
    ["error_sign", 403, "AUTHENTICATION"],
    ["invalid_acceess_token", 403, "AUTHENTICATION"],
    ["error_param", 400, "VALIDATION"],
    ["error_item_not_found", 200, "VALIDATION"],
    ["error_server", 500, "SYSTEM"],
    [null, 503, "SYSTEM"],
    [null, 429, "RATE_LIMIT"],
  ] as const)("%s on HTTP %s is %s", (code, status, errorClass) => {
    const e = shopeeError({ httpStatus: status, code, message: "m" });
    expect(e.errorClass).toBe(errorClass);
    expect(e.platform).toBe("SHOPEE");
    expect(e.code).toBe(code);
    expect(e.httpStatus).toBe(status);
  });

  it("keeps Retry-After for rate limits only", () => {
    expect(
      shopeeError({ httpStatus: 429, code: "error_rate_limit", message: "slow", retryAfterMs: 2000 })
        .retryAfterMs,
    ).toBe(2000);
    expect(
      shopeeError({ httpStatus: 500, code: "error_server", message: "x", retryAfterMs: 2000 }).retryAfterMs,
    ).toBeNull();
  });

  it("names the payload field of a validation failure through fieldOf", () => {
    const e = shopeeError({
      httpStatus: 400,
      code: "error_param",
      message: "Wrong parameters, detail: item_name length must be 5 to 100 characters.",
      fieldOf: (p) => (p === "item_name" ? "title" : p),
    });
    expect(e.field).toBe("title");
    expect(e.message).toContain("item_name");
  });

  it("does not name a field for failures other than validation", () => {
    expect(shopeeError({ httpStatus: 403, code: "error_auth", message: "Invalid item_id" }).field).toBeNull();
  });
});
