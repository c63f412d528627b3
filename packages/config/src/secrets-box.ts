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

/** A value as read back: the plaintext, and whether it should be written again under the current key. */
export interface OpenedSecret {
  plaintext: string;
  /** Stored in plaintext (before encryption existed) or sealed with SECRETS_KEY_PREVIOUS. */
  stale: boolean;
}

function deriveKey(secret: string): Buffer {
  if (secret.length < 16) throw new SecretsBoxError("the secrets key must be at least 16 characters");
  return scryptSync(secret, SALT, 32, { N: 1 << 14, r: 8, p: 1 });
}

/**
 * AES-256-GCM for marketplace tokens at rest: `v1:<base64 iv>:<base64 tag>:<base64 ciphertext>`.
 * The key comes from SECRETS_KEY (or SESSION_SECRET) through scrypt, because those are
 * operator-chosen strings, not random keys. Values written before encryption existed (no `v1:`)
 * decrypt to themselves, so existing rows keep working and are encrypted on their next write.
 * Rotation: with SECRETS_KEY_PREVIOUS set, values sealed under the old key still open; `open` reports
 * them stale so the repository that read them writes them back under the new key.
 */
export class SecretsBox {
  private readonly key: Buffer;
  private readonly previous: Buffer[];

  constructor(secret: string, previous: string[] = []) {
    this.key = deriveKey(secret);
    this.previous = previous.filter((p) => p !== secret).map(deriveKey);
  }

  static fromConfig(config: {
    SECRETS_KEY?: string | undefined;
    SESSION_SECRET: string;
    SECRETS_KEY_PREVIOUS?: string | undefined;
  }): SecretsBox {
    return new SecretsBox(
      config.SECRETS_KEY ?? config.SESSION_SECRET,
      config.SECRETS_KEY_PREVIOUS ? [config.SECRETS_KEY_PREVIOUS] : [],
    );
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
    return this.open(value, aad).plaintext;
  }

  open(value: string, aad?: string): OpenedSecret {
    if (!SecretsBox.isEncrypted(value)) return { plaintext: value, stale: true };
    const parts = value.split(":");
    const [, ivText, tagText, dataText] = parts;
    const iv = Buffer.from(ivText ?? "", "base64");
    const tag = Buffer.from(tagText ?? "", "base64");
    if (parts.length !== 4 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES || dataText === undefined) {
      throw new SecretsBoxError("encrypted value is malformed (expected v1:<iv>:<tag>:<ciphertext>)");
    }
    const data = Buffer.from(dataText, "base64");
    for (const [i, key] of [this.key, ...this.previous].entries()) {
      const plaintext = tryOpen(key, iv, tag, data, aad);
      if (plaintext !== null) return { plaintext, stale: i > 0 };
    }
    throw new SecretsBoxError(
      "cannot decrypt: the value was altered or SECRETS_KEY changed (set SECRETS_KEY_PREVIOUS to the old key)",
    );
  }

  static isEncrypted(value: string): boolean {
    return value.startsWith(`${VERSION}:`);
  }
}

function tryOpen(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer, aad?: string): string | null {
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    return null;
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
