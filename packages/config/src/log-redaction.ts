/**
 * What the logger censors even when a caller forgets: credential fields by name at any of the first
 * few levels (pino's redaction needs explicit paths), and credential-looking fragments of messages.
 */
const SECRET_FIELDS = [
  "access_token",
  "refresh_token",
  "accessToken",
  "refreshToken",
  "partner_key",
  "partnerKey",
  "app_secret",
  "appSecret",
  "client_secret",
  "password",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  '["x-tts-access-token"]',
  '["set-cookie"]',
];

const field = (f: string) => (f.startsWith("[") ? f : `.${f}`);
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((f) => [
  f.startsWith("[") ? f.slice(2, -2) : f,
  `*${field(f)}`,
  `*.*${field(f)}`,
  `*.*.*${field(f)}`,
]);

const QUERY_SECRET = /\b(access_token|refresh_token|app_secret|partner_key|sign|code)=[^&\s"']+/gi;
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** URLs with credentials in the query, and Authorization values, quoted into a message or stack. */
export function scrubText(text: string): string {
  return text
    .replace(QUERY_SECRET, (_m, key: string) => `${key}=[REDACTED]`)
    .replace(AUTH_HEADER, (_m, scheme: string) => `${scheme} [REDACTED]`);
}
