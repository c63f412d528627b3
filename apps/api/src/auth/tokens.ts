import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * Credential formats. Secrets are high-entropy random strings, so a single SHA-256 is enough to
 * store them (a slow hash protects guessable secrets like passwords, not 190-bit random ones).
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const API_KEY_PREFIX_LENGTH = 8;
const API_KEY_SECRET_LENGTH = 40;
const API_KEY_PATTERN = /^ssk_([A-Za-z0-9]{8})_([A-Za-z0-9]{32,128})$/;
const SESSION_TOKEN_PATTERN = /^sst_[A-Za-z0-9_-]{43}$/;
const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Uniformly random characters from [A-Za-z0-9] (rejection-free: randomInt is unbiased). */
function randomAlphanumeric(length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export interface NewApiKey {
  /** The whole key, shown once: `ssk_<prefix>_<40 random characters>`. */
  secret: string;
  /** Eight characters that identify the key in lists and logs without revealing it. */
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomAlphanumeric(API_KEY_PREFIX_LENGTH);
  const secret = `ssk_${prefix}_${randomAlphanumeric(API_KEY_SECRET_LENGTH)}`;
  return { secret, prefix, hash: sha256Hex(secret) };
}

/** The prefix of a well-formed SyncStore API key, or null. */
export function parseApiKey(token: string): { prefix: string } | null {
  const m = API_KEY_PATTERN.exec(token);
  return m ? { prefix: m[1]! } : null;
}

export interface NewSessionToken {
  /** `sst_` + 32 random bytes in base64url: given to the client once. */
  token: string;
  hash: string;
}

export function generateSessionToken(): NewSessionToken {
  const token = `sst_${randomBytes(32).toString("base64url")}`;
  return { token, hash: sha256Hex(token) };
}

export type BearerKind = "apiKey" | "session" | "jwt" | "opaque";

/**
 * What a bearer token looks like it is. "opaque" is anything else (e.g. an ADMIN_API_KEY chosen by
 * an operator), looked up by hash among the API keys.
 */
export function classifyBearer(token: string): BearerKind {
  if (token.startsWith("ssk_")) return "apiKey";
  if (token.startsWith("sst_")) return "session";
  if (JWT_PATTERN.test(token) && token.startsWith("eyJ")) return "jwt";
  return "opaque";
}

export const isWellFormedSessionToken = (token: string): boolean => SESSION_TOKEN_PATTERN.test(token);

/** `Bearer <token>` → the token; undefined/empty header → null; anything else is malformed. */
export function bearerToken(
  header: string | undefined | null,
): { token: string } | { malformed: string } | null {
  if (header === undefined || header === null || header.trim() === "") return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m) return { malformed: "Authorization must be `Bearer <token>`" };
  const token = m[1]!;
  if (token.length > 4096) return { malformed: "the bearer token is too long" };
  return { token };
}
