import { describe, expect, it } from "vitest";
import { SecretsBox, SecretsBoxError } from "./secrets-box";

const box = new SecretsBox("a-secrets-key-of-enough-length");

function swapPart(value: string, index: number, replace: (b: Buffer) => Buffer): string {
  const parts = value.split(":");
  parts[index] = replace(Buffer.from(parts[index]!, "base64")).toString("base64");
  return parts.join(":");
}
const flipFirstBit = (b: Buffer) => {
  const c = Buffer.from(b);
  c[0] = c[0]! ^ 1;
  return c;
};

describe("SecretsBox", () => {
  it.each(["sim-shopee-access-token", "", "ünïcödé ✓ token", "x".repeat(10_000)])(
    "round-trips %j",
    (plain) => {
      const sealed = box.encrypt(plain);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
      expect(sealed).not.toContain(plain || "\u0000");
      expect(box.decrypt(sealed)).toBe(plain);
    },
  );

  it("uses a fresh IV every time, so equal tokens do not look equal", () => {
    expect(box.encrypt("same")).not.toBe(box.encrypt("same"));
  });

  it("decrypts with another instance built from the same secret (api and worker agree)", () => {
    expect(new SecretsBox("a-secrets-key-of-enough-length").decrypt(box.encrypt("shared"))).toBe("shared");
  });

  it("derives from SECRETS_KEY, or SESSION_SECRET when it is unset", () => {
    const sealed = box.encrypt("t");
    expect(
      SecretsBox.fromConfig({
        SECRETS_KEY: "a-secrets-key-of-enough-length",
        SESSION_SECRET: "other-session-secret",
      }).decrypt(sealed),
    ).toBe("t");
    expect(
      SecretsBox.fromConfig({
        SECRETS_KEY: undefined,
        SESSION_SECRET: "a-secrets-key-of-enough-length",
      }).decrypt(sealed),
    ).toBe("t");
  });

  it.each([
    ["the IV", 1],
    ["the tag", 2],
    ["the ciphertext", 3],
  ])("detects a change to %s", (_label, index) => {
    const tampered = swapPart(box.encrypt("access-token-123"), index, flipFirstBit);
    expect(() => box.decrypt(tampered)).toThrow(SecretsBoxError);
  });

  it("refuses a value encrypted under another key", () => {
    expect(() => new SecretsBox("a-different-secrets-key").decrypt(box.encrypt("t"))).toThrow(
      /altered or SECRETS_KEY changed/,
    );
  });

  it("binds a value to its associated data", () => {
    const sealed = box.encrypt("t", "channels:1:access_token");
    expect(box.decrypt(sealed, "channels:1:access_token")).toBe("t");
    expect(() => box.decrypt(sealed, "channels:2:access_token")).toThrow(SecretsBoxError);
    expect(() => box.decrypt(sealed)).toThrow(SecretsBoxError);
  });

  it.each(["sim-tiktok-access-token", "ROW:with:colons", ""])(
    "returns a legacy plaintext %j unchanged",
    (legacy) => {
      expect(SecretsBox.isEncrypted(legacy)).toBe(false);
      expect(box.decrypt(legacy)).toBe(legacy);
    },
  );

  it.each(["v1:abc", "v1:" + Buffer.alloc(12).toString("base64") + ":short:AAAA", "v1:a:b:c:d"])(
    "refuses a malformed v1 value %j",
    (bad) => {
      expect(() => box.decrypt(bad)).toThrow(/malformed/);
    },
  );

  it("refuses a key shorter than 16 characters", () => {
    expect(() => new SecretsBox("short")).toThrow(SecretsBoxError);
  });
});

describe("SecretsBox key rotation", () => {
  const old = new SecretsBox("the-key-before-rotation-0123456789");
  const rotated = new SecretsBox("the-key-after-rotation-9876543210", ["the-key-before-rotation-0123456789"]);

  it("opens values sealed with the previous key and says they are stale", () => {
    const sealed = old.encrypt("token", "aad");
    expect(rotated.open(sealed, "aad")).toEqual({ plaintext: "token", stale: true });
    expect(rotated.open(rotated.encrypt("token", "aad"), "aad")).toEqual({
      plaintext: "token",
      stale: false,
    });
    expect(rotated.open("plain-from-before-encryption")).toEqual({
      plaintext: "plain-from-before-encryption",
      stale: true,
    });
  });

  it("seals with the current key only", () => {
    expect(() => old.decrypt(rotated.encrypt("token"))).toThrow(SecretsBoxError);
  });

  it("reads SECRETS_KEY_PREVIOUS from the configuration", () => {
    const box = SecretsBox.fromConfig({
      SECRETS_KEY: "the-key-after-rotation-9876543210",
      SESSION_SECRET: "unused-session-secret",
      SECRETS_KEY_PREVIOUS: "the-key-before-rotation-0123456789",
    });
    expect(box.decrypt(old.encrypt("t"))).toBe("t");
  });
});
