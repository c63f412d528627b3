import { randomBytes } from "node:crypto";

export type Redeemed<T> = { ok: true; grant: T } | { ok: false; reason: "invalid" | "spent" | "expired" };

/**
 * Authorization codes as both platforms hand them to the seller's browser: random, single-use and
 * short-lived. A spent code stays known, so a replay is told apart from a made-up code.
 */
export class AuthCodes<T> {
  private readonly codes = new Map<string, { grant: T; expiresAt: number; spent: boolean }>();

  constructor(private readonly now: () => number) {}

  issue(grant: T, ttlSec: number): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { grant, expiresAt: this.now() + ttlSec * 1000, spent: false });
    return code;
  }

  redeem(code: string): Redeemed<T> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: "invalid" };
    if (entry.spent) return { ok: false, reason: "spent" };
    entry.spent = true;
    if (entry.expiresAt <= this.now()) return { ok: false, reason: "expired" };
    return { ok: true, grant: entry.grant };
  }

  clear(): void {
    this.codes.clear();
  }
}
