import { describe, expect, it } from "vitest";
import {
  checkCurrency,
  checkDescription,
  checkImages,
  checkNonNegativeInt,
  checkPrice,
  checkSku,
  checkTitle,
  isImageUrl,
} from "./product-rules";

describe("checkPrice", () => {
  it.each([
    ["15000", "15000.00"],
    ["15000.5", "15000.50"],
    ["0", "0.00"],
    ["007.10", "7.10"],
    [" 12.34 ", "12.34"],
    [199.99, "199.99"],
    [0, "0.00"],
    ["999999999999.99", "999999999999.99"],
  ])("accepts %j as %s", (input, normalized) => {
    expect(checkPrice(input)).toEqual({ ok: true, value: normalized });
  });

  it.each([
    ["-1", "OUT_OF_RANGE"],
    [-0.5, "OUT_OF_RANGE"],
    ["1.234", "INVALID"],
    [0.1 + 0.2, "INVALID"],
    ["1e5", "INVALID"],
    ["Rp 15.000", "INVALID"],
    ["", "INVALID"],
    [null, "INVALID"],
    [Number.NaN, "INVALID"],
    [Number.POSITIVE_INFINITY, "INVALID"],
    ["1000000000000", "OUT_OF_RANGE"],
  ])("rejects %j with %s", (input, code) => {
    const r = checkPrice(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ field: "price", code });
  });
});

describe("checkNonNegativeInt", () => {
  it.each([
    [0, 0],
    [12, 12],
    ["7", 7],
    [2147483647, 2147483647],
  ])("accepts %j", (input, value) =>
    expect(checkNonNegativeInt(input, "stock")).toEqual({ ok: true, value }),
  );

  it.each([
    [-1, "OUT_OF_RANGE"],
    ["-3", "OUT_OF_RANGE"],
    [1.5, "INVALID"],
    ["1.5", "INVALID"],
    ["ten", "INVALID"],
    [2147483648, "OUT_OF_RANGE"],
  ])("rejects %j with %s", (input, code) => {
    const r = checkNonNegativeInt(input, "stock");
    expect(r.ok ? null : r.error).toMatchObject({ field: "stock", code });
  });
});

describe("text fields", () => {
  it.each([
    [checkTitle("  Kaos Polos  "), { ok: true, value: "Kaos Polos" }],
    [checkTitle("x".repeat(255)), { ok: true, value: "x".repeat(255) }],
    [checkTitle("é".repeat(255)), { ok: true, value: "é".repeat(255) }],
  ])("accepts %#", (r, expected) => expect(r).toEqual(expected));

  it.each([
    [checkTitle("   "), "title", "BLANK"],
    [checkTitle(""), "title", "BLANK"],
    [checkTitle("x".repeat(256)), "title", "TOO_LONG"],
    [checkTitle(5), "title", "INVALID"],
    [checkDescription("d".repeat(10_001)), "description", "TOO_LONG"],
    [checkDescription(null), "description", "INVALID"],
    [checkSku(""), "sku", "REQUIRED"],
    [checkSku("AB C"), "sku", "INVALID"],
    [checkSku("S".repeat(101)), "sku", "TOO_LONG"],
    [checkCurrency("Rupiah"), "currency", "INVALID"],
  ])("rejects %#", (r, field, code) => expect(r.ok ? null : r.error).toMatchObject({ field, code }));

  it("accepts a 10,000-character description and normalizes currency", () => {
    expect(checkDescription("d".repeat(10_000)).ok).toBe(true);
    expect(checkCurrency(" idr ")).toEqual({ ok: true, value: "IDR" });
  });
});

describe("unsafe characters", () => {
  it.each([
    ["a NUL byte", "Kaos\u0000Polos"],
    ["a bell", "Kaos\u0007Polos"],
    ["a right-to-left override", "Kaos \u202egpj.exe"],
    ["a first-strong isolate", "Kaos \u2068Polos"],
    ["a newline", "Kaos\nPolos"],
  ])("a title with %s is refused", (_label, title) => {
    expect(checkTitle(title)).toMatchObject({ ok: false, error: { field: "title", code: "INVALID" } });
  });

  it("a description may break lines, but carries no NUL or override", () => {
    expect(checkDescription("line one\n\tline two").ok).toBe(true);
    expect(checkDescription("a\u0000b")).toMatchObject({ ok: false, error: { code: "INVALID" } });
    expect(checkDescription("a\u202eb")).toMatchObject({ ok: false, error: { code: "INVALID" } });
  });

  it("ordinary scripts pass", () => {
    expect(checkTitle("Kaos Polos — كوب Ñandú 杯子 😀").ok).toBe(true);
  });
});

describe("images", () => {
  it.each([
    ["https://cdn.example.com/a.jpg", true],
    ["http://127.0.0.1:4000/media/demo/fashion-1.png", true],
    ["/media/demo/fashion-1.png", true],
    ["/media/../etc/passwd", false],
    ["/media/%2e%2e/%2e%2e/metrics", false],
    ["/media/.%2E/metrics", false],
    ["/media/..%2f..%2fmetrics", false],
    ["/media/..%5Cmetrics", false],
    ["/media/a\\..\\metrics", false],
    ["https://user:pass@cdn.example.com/a.jpg", false],
    ["https://token@cdn.example.com/a.jpg", false],
    ["/images/a.png", false],
    ["ftp://example.com/a.png", false],
    ["https://", false],
    ["https://exa mple.com/a.png", false],
    ["data:image/png;base64,AAAA", false],
  ])("isImageUrl(%j) = %s", (url, expected) => expect(isImageUrl(url)).toBe(expected));

  it("accepts 0 to 9 valid images", () => {
    expect(checkImages([])).toEqual({ ok: true, value: [] });
    const nine = Array.from({ length: 9 }, (_, i) => `/media/demo/x-${i}.png`);
    expect(checkImages(nine)).toEqual({ ok: true, value: nine });
  });

  it.each([
    [Array.from({ length: 10 }, () => "/media/a.png"), "images", "TOO_MANY"],
    [["/media/a.png", "nope"], "images[1]", "INVALID"],
    [["/media/a.png", 3], "images[1]", "INVALID"],
    ["/media/a.png", "images", "INVALID"],
  ])("rejects %j at %s", (input, field, code) => {
    const r = checkImages(input);
    expect(r.ok ? null : r.error).toMatchObject({ field, code });
  });
});
