import * as argon2 from "argon2";

export const MIN_PASSWORD_LENGTH = 10;
/** Hashing cost grows with length; a cap keeps one request from buying a lot of CPU. */
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A corrupt stored hash means "cannot sign in", not a crash of the sign-in request.
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for unknown emails, so the response time does not
 * tell an attacker which addresses have accounts.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= argon2.hash("decoy password that matches nothing", { type: argon2.argon2id });
  await verifyPassword(await decoy, password);
  return false;
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().length === 0) return "must not be only spaces";
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed email, or a reason it is not one. Case is kept; uniqueness ignores it. */
export function normalizeEmail(input: string): { email: string } | { problem: string } {
  const email = input.trim();
  if (email.length === 0) return { problem: "is required" };
  if (email.length > 254) return { problem: "must be at most 254 characters" };
  if (!EMAIL.test(email)) return { problem: "is not an email address" };
  return { email };
}
