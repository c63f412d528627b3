import { describe, expect, it } from "vitest";
import {
  bearerToken,
  classifyBearer,
  generateApiKey,
  generateSessionToken,
  isWellFormedSessionToken,
  parseApiKey,
  sha256Hex,
} from "./tokens";

describe("API keys", () => {
  it("look like ssk_<8-char prefix>_<40 random characters> and hash to the stored SHA-256", () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^ssk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}$/);
    expect(key.secret.startsWith(`ssk_${key.prefix}_`)).toBe(true);
    expect(key.hash).toBe(sha256Hex(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseApiKey(key.secret)).toEqual({ prefix: key.prefix });
  });

  it("are different every time", () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().secret));
    const prefixes = new Set(Array.from({ length: 200 }, () => generateApiKey().prefix));
    expect(keys.size).toBe(200);
    expect(prefixes.size).toBeGreaterThan(195);
  });

  it.each([
    ["ssk_ABCDEFGH_" + "a".repeat(32), "ABCDEFGH"],
    ["ssk_abc12345_" + "Z9".repeat(64), "abc12345"],
  ])("parses %s", (key, prefix) => {
    expect(parseApiKey(key)).toEqual({ prefix });
  });

  it.each([
    ["short secret", "ssk_ABCDEFGH_" + "a".repeat(31)],
    ["short prefix", "ssk_ABCDEFG_" + "a".repeat(40)],
    ["symbols", "ssk_ABCDEFGH_" + "a".repeat(39) + "!"],
    ["wrong marker", "sk_ABCDEFGH_" + "a".repeat(40)],
    ["trailing space", "ssk_ABCDEFGH_" + "a".repeat(40) + " "],
    ["too long", "ssk_ABCDEFGH_" + "a".repeat(129)],
    ["empty", ""],
  ])("refuses a key with %s", (_label, key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});

describe("session tokens", () => {
  it("are sst_ + 32 random bytes in base64url, hashed with SHA-256", () => {
    const t = generateSessionToken();
    expect(t.token).toMatch(/^sst_[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedSessionToken(t.token)).toBe(true);
    expect(t.hash).toBe(sha256Hex(t.token));
    expect(generateSessionToken().token).not.toBe(t.token);
  });
});

describe("classifyBearer", () => {
  it.each([
    ["ssk_ABCDEFGH_" + "a".repeat(40), "apiKey"],
    ["ssk_malformed", "apiKey"],
    ["sst_" + "a".repeat(43), "session"],
    ["eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "jwt"],
    ["my-own-admin-key-from-the-env", "opaque"],
    ["a.b.c", "opaque"],
  ])("%s is %s", (token, kind) => {
    expect(classifyBearer(token)).toBe(kind);
  });
});

describe("bearerToken", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["   ", null],
    ["Bearer abc", { token: "abc" }],
    ["bearer   abc  ", { token: "abc" }],
    ["Basic dXNlcjpwYXNz", { malformed: "Authorization must be `Bearer <token>`" }],
    ["Bearer", { malformed: "Authorization must be `Bearer <token>`" }],
    ["Bearer a b", { malformed: "Authorization must be `Bearer <token>`" }],
    ["Bearer " + "x".repeat(4097), { malformed: "the bearer token is too long" }],
  ])("%j → %j", (header, expected) => {
    expect(bearerToken(header)).toEqual(expected);
  });
});
