import { randomBytes } from "node:crypto";

export type AccessCheck = "ok" | "invalid" | "expired";

export interface IssuedPair {
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds. */
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

/**
 * Access and refresh tokens as both platforms hand them out: a refresh returns a fresh pair, the
 * refresh token is spent on use, and an access token stays valid until its own expiry. Only the
 * shape of the tokens differs between platforms (`mint`).
 */
export class TokenBook {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Map<string, { expiresAt: number; spent: boolean }>();

  constructor(
    private readonly now: () => number,
    private readonly mint: () => { accessToken: string; refreshToken: string } = () => ({
      accessToken: randomBytes(16).toString("hex"),
      refreshToken: randomBytes(16).toString("hex"),
    }),
  ) {}

  /** Accepts configured credentials, valid for the given lifetimes from now. */
  seed(accessToken: string, refreshToken: string, accessTtlSec: number, refreshTtlSec: number): void {
    const now = this.now();
    this.access.set(accessToken, now + accessTtlSec * 1000);
    this.refresh.set(refreshToken, { expiresAt: now + refreshTtlSec * 1000, spent: false });
  }

  check(token: string | null | undefined): AccessCheck {
    const expiresAt = token === undefined || token === null ? undefined : this.access.get(token);
    if (expiresAt === undefined) return "invalid";
    return expiresAt <= this.now() ? "expired" : "ok";
  }

  exchange(
    refreshToken: string,
    accessTtlSec: number,
    refreshTtlSec: number,
  ): IssuedPair | "invalid" | "spent" | "expired" {
    const entry = this.refresh.get(refreshToken);
    if (!entry) return "invalid";
    if (entry.spent) return "spent";
    const now = this.now();
    if (entry.expiresAt <= now) return "expired";
    entry.spent = true;
    const pair: IssuedPair = {
      ...this.mint(),
      accessExpiresAt: now + accessTtlSec * 1000,
      refreshExpiresAt: now + refreshTtlSec * 1000,
    };
    this.access.set(pair.accessToken, pair.accessExpiresAt);
    this.refresh.set(pair.refreshToken, { expiresAt: pair.refreshExpiresAt, spent: false });
    return pair;
  }

  /** Expires every access token issued so far; returns how many were still valid. */
  expireAll(): number {
    const now = this.now();
    let n = 0;
    for (const [token, expiresAt] of this.access) {
      if (expiresAt > now) n++;
      this.access.set(token, now);
    }
    return n;
  }

  get activeAccessTokens(): number {
    const now = this.now();
    let n = 0;
    for (const expiresAt of this.access.values()) if (expiresAt > now) n++;
    return n;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }
}
