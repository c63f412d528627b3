import { describe, expect, it } from "vitest";
import { configuredPublicHosts, OriginPolicy } from "./http-security";

describe("OriginPolicy", () => {
  const policy = new OriginPolicy(" https://partner.example.com/ , http://localhost:5173,,", [
    "api.example.com",
    "API.example.com:4000",
  ]);

  it.each([
    [undefined, true, "no Origin: not a cross-origin browser request"],
    ["https://partner.example.com", true, "listed (trailing slash and spaces ignored)"],
    ["http://localhost:5173", true, "listed dev server"],
    ["https://api.example.com", true, "a public host of the API"],
    ["http://api.example.com:4000", true, "a public host and port of the API (case ignored)"],
    ["https://api.example.com:8443", false, "same name, other port"],
    ["https://evil.example.com", false, "not listed"],
    ["https://partner.example.com.evil.io", false, "a listed origin as a prefix"],
    ["null", false, "an opaque origin"],
  ])("%s → %s (%s)", (origin, allowed, _why) => {
    expect(policy.allows(origin)).toBe(allowed);
  });

  it("does not take the Host header's word: an origin is the API's own only if it is a public host", () => {
    // A DNS-rebinding page on evil.example sends Origin and Host both naming evil.example.
    expect(new OriginPolicy("", ["api.example.com"]).allows("http://evil.example")).toBe(false);
  });

  it("allows every origin with *", () => {
    expect(new OriginPolicy("*").allows("https://anywhere.example")).toBe(true);
  });

  it("allows only the public hosts when CORS_ORIGINS is empty", () => {
    const none = new OriginPolicy("", ["api.example.com"]);
    expect(none.allows("https://partner.example.com")).toBe(false);
    expect(none.allows("http://api.example.com")).toBe(true);
  });
});

describe("configuredPublicHosts", () => {
  it.each([
    [{ PUBLIC_HOSTS: "a.example, b.example:8443" }, ["a.example", "b.example:8443"]],
    [{ PUBLIC_HOSTS: "", PUBLIC_URL: "https://shop.example/" }, ["shop.example"]],
    [{ PUBLIC_URL: "http://127.0.0.1:4000" }, ["127.0.0.1:4000"]],
    [{}, []],
  ])("%j → %j", (config, hosts) => {
    expect(configuredPublicHosts(config)).toEqual(hosts);
  });
});
