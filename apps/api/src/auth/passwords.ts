import * as argon2 from "argon2";
import { ruleRef, type RuleRef } from "@syncstore/core";

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

/** Why a new password is not acceptable, in English and as a rule, or null. */
export function passwordRefusal(password: string): ({ problem: string } & RuleRef) | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return {
      problem: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      ...ruleRef("MIN_LENGTH", { min: MIN_PASSWORD_LENGTH }),
    };
  if (password.length > MAX_PASSWORD_LENGTH)
    return {
      problem: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
      ...ruleRef("MAX_LENGTH", { max: MAX_PASSWORD_LENGTH, actual: password.length }),
    };
  if (password.trim().length === 0) return { problem: "must not be only spaces", ...ruleRef("BLANK", {}) };
  return null;
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  return passwordRefusal(password)?.problem ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed email, or a reason it is not one. Case is kept; uniqueness ignores it. */
export function normalizeEmail(input: string): { email: string } | ({ problem: string } & RuleRef) {
  const email = input.trim();
  if (email.length === 0) return { problem: "is required", ...ruleRef("REQUIRED", {}) };
  if (email.length > 254)
    return {
      problem: "must be at most 254 characters",
      ...ruleRef("MAX_LENGTH", { max: 254, actual: email.length }),
    };
  if (!EMAIL.test(email)) return { problem: "is not an email address", ...ruleRef("EMAIL", {}) };
  return { email };
}
