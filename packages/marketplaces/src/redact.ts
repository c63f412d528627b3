/**
 * Keys whose values are credentials. Matching is on the key name, case-insensitive, anywhere in the
 * structure, so a new endpoint that echoes a token is covered without a code change.
 */
const SECRET_KEYS =
  /^(access_token|refresh_token|auth_code|partner_key|app_secret|sign|x-tts-access-token|authorization|password|secret|client_secret)$/i;

export const REDACTED = "[REDACTED]";

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) && v !== null && v !== "" ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

/** Removes known secret values wherever they appear in a string (error messages, URLs). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join(REDACTED);
  return out;
}
