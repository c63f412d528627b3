import { randomBytes } from "node:crypto";

export type AccessCheck = "ok" | "invalid" | "expired";

export interface IssuedPair {
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds. */
  accessExpiresAt: number;
  refreshExpiresAt: number;
  subject: string;
}

/**
 * Access and refresh tokens as both platforms hand them out: a refresh returns a fresh pair, the
 * refresh token is spent on use, and an access token stays valid until its own expiry. Only the
 * shape of the tokens differs between platforms (`mint`). Every pair belongs to a subject (the
 * Shopee shop id, the TikTok shop cipher) that a refresh carries over.
 */
export class TokenBook {
  private readonly access = new Map<string, { expiresAt: number; subject: string }>();
  private readonly refresh = new Map<string, { expiresAt: number; spent: boolean; subject: string }>();

  constructor(
    private readonly now: () => number,
    private readonly mint: () => { accessToken: string; refreshToken: string } = () => ({
      accessToken: randomBytes(16).toString("hex"),
      refreshToken: randomBytes(16).toString("hex"),
    }),
  ) {}

  /** Accepts configured credentials, valid for the given lifetimes from now. */
  seed(
    accessToken: string,
    refreshToken: string,
    accessTtlSec: number,
    refreshTtlSec: number,
    subject = "",
  ): void {
    const now = this.now();
    this.access.set(accessToken, { expiresAt: now + accessTtlSec * 1000, subject });
    this.refresh.set(refreshToken, { expiresAt: now + refreshTtlSec * 1000, spent: false, subject });
  }

  /** A fresh pair for a subject, as an authorization-code exchange hands it out. */
  issue(subject: string, accessTtlSec: number, refreshTtlSec: number): IssuedPair {
    const now = this.now();
    const pair: IssuedPair = {
      ...this.mint(),
      accessExpiresAt: now + accessTtlSec * 1000,
      refreshExpiresAt: now + refreshTtlSec * 1000,
      subject,
    };
    this.access.set(pair.accessToken, { expiresAt: pair.accessExpiresAt, subject });
    this.refresh.set(pair.refreshToken, { expiresAt: pair.refreshExpiresAt, spent: false, subject });
    return pair;
  }

  check(token: string | null | undefined): AccessCheck {
    const entry = token === undefined || token === null ? undefined : this.access.get(token);
    if (entry === undefined) return "invalid";
    return entry.expiresAt <= this.now() ? "expired" : "ok";
  }

  /** Whose token this is; undefined for an unknown token. */
  subjectOf(token: string | null | undefined): string | undefined {
    return token === undefined || token === null ? undefined : this.access.get(token)?.subject;
  }

  /** Whose refresh token this is; undefined for an unknown one. */
  refreshSubjectOf(token: string): string | undefined {
    return this.refresh.get(token)?.subject;
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
    return this.issue(entry.subject, accessTtlSec, refreshTtlSec);
  }

  /** Expires every access token issued so far; returns how many were still valid. */
  expireAll(): number {
    const now = this.now();
    let n = 0;
    for (const entry of this.access.values()) {
      if (entry.expiresAt > now) n++;
      entry.expiresAt = now;
    }
    return n;
  }

  get activeAccessTokens(): number {
    const now = this.now();
    let n = 0;
    for (const { expiresAt } of this.access.values()) if (expiresAt > now) n++;
    return n;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }
}
