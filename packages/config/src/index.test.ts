import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/syncstore");
    expect(c.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(c.PORT).toBe(4000);
    expect(c.SHOPEE_API_BASE).toBe("http://127.0.0.1:4101");
    expect(c.TIKTOK_API_BASE).toBe("http://127.0.0.1:4102");
  });

  it("coerces numbers and treats empty strings as unset", () => {
    const c = loadConfig({ PORT: "5000", SYNC_CONCURRENCY: "", SHOPEE_PARTNER_ID: "42" });
    expect(c.PORT).toBe(5000);
    expect(c.SYNC_CONCURRENCY).toBe(64);
    expect(c.SHOPEE_PARTNER_ID).toBe(42);
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x@y/z"],
    ["REDIS_URL", "not a url"],
    ["SYNC_CONCURRENCY", "0"],
    ["ADMIN_API_KEY", "short"],
  ])("fails fast naming %s when it is %j", (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual([variable]);
    expect((error as ConfigError).message).toContain(variable);
  });
});
