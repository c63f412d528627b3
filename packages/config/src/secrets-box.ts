import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Fixed salt: the key must be the same in every process (api and worker) for the same secret.
const SALT = "syncstore/secrets-box/v1";

export class SecretsBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsBoxError";
  }
}

/**
 * AES-256-GCM for marketplace tokens at rest: `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`.
 * The key comes from SECRETS_KEY (or SESSION_SECRET) through scrypt, because those are
 * operator-chosen strings, not random keys. Values written before encryption existed (no `v1:`)
 * decrypt to themselves, so existing rows keep working and are encrypted on their next write.
 */
export class SecretsBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new SecretsBoxError("the secrets key must be at least 16 characters");
    this.key = scryptSync(secret, SALT, 32, { N: 1 << 14, r: 8, p: 1 });
  }

  static fromConfig(config: { SECRETS_KEY?: string | undefined; SESSION_SECRET: string }): SecretsBox {
    return new SecretsBox(config.SECRETS_KEY ?? config.SESSION_SECRET);
  }

  /** `aad` binds a value to where it belongs (e.g. `channels:7:access_token`), so rows cannot be swapped. */
  encrypt(plaintext: string, aad?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [
      VERSION,
      iv.toString("base64"),
      cipher.getAuthTag().toString("base64"),
      ciphertext.toString("base64"),
    ].join(":");
  }

  decrypt(value: string, aad?: string): string {
    if (!SecretsBox.isEncrypted(value)) return value;
    const parts = value.split(":");
    const [, ivText, tagText, dataText] = parts;
    const iv = Buffer.from(ivText ?? "", "base64");
    const tag = Buffer.from(tagText ?? "", "base64");
    if (parts.length !== 4 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES || dataText === undefined) {
      throw new SecretsBoxError("encrypted value is malformed (expected v1:<iv>:<tag>:<ciphertext>)");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.key, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(dataText, "base64")), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new SecretsBoxError("cannot decrypt: the value was altered or SECRETS_KEY changed");
    }
  }

  static isEncrypted(value: string): boolean {
    return value.startsWith(`${VERSION}:`);
  }
}

/** Where a channel token is bound to (AES-GCM associated data): a value copied to another row will not decrypt. */
export function channelTokenAad(
  platform: string,
  shopId: string,
  kind: "access_token" | "refresh_token",
): string {
  return `channels:${platform}:${shopId}:${kind}`;
}
