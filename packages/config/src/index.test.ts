import { describe, expect, it } from "vitest";
import { ConfigError, introspectionEnabled, loadConfig, playgroundEnabled } from "./index";

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

describe("production secrets", () => {
  const strong = {
    SESSION_SECRET: "Qx7vN2pL9sK4mW8rT1yZ6bF3hJ5dG0cA",
    SECRETS_KEY: "uE4iO8aS2dF6gH0jK3lZ7xC1vB5nM9qW",
  };
  const variablesOf = (env: Record<string, string>) => {
    try {
      loadConfig({ NODE_ENV: "production", ...env });
      return [];
    } catch (e) {
      return (e as ConfigError).issues.map((i) => i.variable);
    }
  };

  it("refuses to start with the documented defaults or without SECRETS_KEY", () => {
    expect(variablesOf({})).toEqual(["SESSION_SECRET", "SECRETS_KEY"]);
    expect(
      variablesOf({ SESSION_SECRET: "dev-only-session-secret-change-me", SECRETS_KEY: strong.SECRETS_KEY }),
    ).toEqual(["SESSION_SECRET"]);
  });

  it.each([
    ["short", "short-but-sixteen-chars"],
    ["repetitive", "abababababababababababababababababab"],
    ["a change-me placeholder", "please-change-me-before-going-live-now"],
  ])("refuses a %s SECRETS_KEY", (_label, value) => {
    expect(variablesOf({ SESSION_SECRET: strong.SESSION_SECRET, SECRETS_KEY: value })).toEqual([
      "SECRETS_KEY",
    ]);
  });

  it("refuses one value for both", () => {
    expect(variablesOf({ SESSION_SECRET: strong.SECRETS_KEY, SECRETS_KEY: strong.SECRETS_KEY })).toEqual([
      "SECRETS_KEY",
    ]);
  });

  it("starts with two strong, distinct secrets; development keeps its defaults", () => {
    expect(variablesOf(strong)).toEqual([]);
    expect(loadConfig({}).SESSION_SECRET).toBe("dev-only-session-secret-change-me");
  });
});

describe("playground and introspection defaults", () => {
  it("are on in development, off in production, and explicit settings win", () => {
    expect(playgroundEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(playgroundEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(playgroundEnabled({ NODE_ENV: "production", PLAYGROUND_ENABLED: true })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: "test", INTROSPECTION_ENABLED: false })).toBe(false);
    expect(introspectionEnabled({ NODE_ENV: "production" })).toBe(false);
  });
});
