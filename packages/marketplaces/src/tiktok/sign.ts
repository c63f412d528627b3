import { createHmac } from "node:crypto";

export interface TikTokSignInput {
  appSecret: string;
  /** The API path exactly as requested, without host or query. */
  path: string;
  /** Every query parameter that will be sent; `sign` and `access_token` are left out of the signature. */
  query: Readonly<Record<string, string>>;
  /** The exact body bytes sent; null for GET and multipart requests, whose bodies are not signed. */
  body: Buffer | null;
}

const UNSIGNED_PARAMS = new Set(["sign", "access_token"]);

/**
 * TikTok Shop request signature: hex HMAC-SHA256 keyed with the app secret over
 * `secret + path + sorted(key + value) + body + secret`. The body is hashed as bytes, so the caller
 * must send the very Buffer it signed: re-serialising the JSON could change a byte and void the sign.
 */
export function signTikTokRequest(input: TikTokSignInput): string {
  const hmac = createHmac("sha256", input.appSecret);
  hmac.update(input.appSecret);
  hmac.update(input.path);
  const keys = Object.keys(input.query)
    .filter((k) => !UNSIGNED_PARAMS.has(k))
    .sort();
  for (const key of keys) {
    hmac.update(key);
    hmac.update(input.query[key] ?? "");
  }
  if (input.body !== null) hmac.update(input.body);
  hmac.update(input.appSecret);
  return hmac.digest("hex");
}
