/** Values this repository documents or ships as examples: anyone can read them, so they protect nothing. */
export const DOCUMENTED_SECRETS: readonly string[] = [
  "dev-only-session-secret-change-me",
  "change-me",
  "changeme",
  "secret",
  "postgres",
];

/**
 * Why `value` is not fit to protect production data, or null when it is: at least 32 characters,
 * not a documented value, and not one character pattern repeated (`aaaa…`, `abab…`).
 */
export function weakSecretReason(value: string | undefined): string | null {
  if (value === undefined || value === "") return "is required in production";
  if (DOCUMENTED_SECRETS.includes(value) || /change-?me/i.test(value)) {
    return "is a documented default; generate one (openssl rand -base64 32)";
  }
  if (value.length < 32) return "must be at least 32 characters in production (openssl rand -base64 32)";
  if (new Set(value).size < 10) return "is too repetitive to be a secret (fewer than 10 distinct characters)";
  return null;
}
