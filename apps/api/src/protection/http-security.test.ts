import { describe, expect, it } from "vitest";
import { OriginPolicy } from "./http-security";

describe("OriginPolicy", () => {
  const policy = new OriginPolicy(" https://partner.example.com/ , http://localhost:5173,,");

  it.each([
    [undefined, "api.example.com", true, "no Origin: not a cross-origin browser request"],
    ["https://partner.example.com", "api.example.com", true, "listed (trailing slash and spaces ignored)"],
    ["http://localhost:5173", "api.example.com", true, "listed dev server"],
    ["https://api.example.com", "api.example.com", true, "the API's own host"],
    ["http://api.example.com:4000", "api.example.com:4000", true, "the API's own host and port"],
    ["https://api.example.com:8443", "api.example.com", false, "same name, other port"],
    ["https://evil.example.com", "api.example.com", false, "not listed"],
    ["https://partner.example.com.evil.io", "api.example.com", false, "a listed origin as a prefix"],
    ["null", "api.example.com", false, "an opaque origin"],
    ["https://api.example.com", undefined, false, "no Host header to compare with"],
  ])("%s on host %s → %s (%s)", (origin, host, allowed, _why) => {
    expect(policy.allows(origin, host)).toBe(allowed);
  });

  it("allows every origin with *", () => {
    expect(new OriginPolicy("*").allows("https://anywhere.example", "api.example.com")).toBe(true);
  });

  it("allows only the API's own origin when CORS_ORIGINS is empty", () => {
    const none = new OriginPolicy("");
    expect(none.allows("https://partner.example.com", "api.example.com")).toBe(false);
    expect(none.allows("http://api.example.com", "api.example.com")).toBe(true);
  });
});
