import { setTimeout as sleep } from "node:timers/promises";
import type { DataSource } from "typeorm";
import { SyncError, retryDecision } from "@syncstore/core";
import { SingleFlight, type TokenSet, type TokenStore } from "@syncstore/marketplaces";
import { channelTokenAad, type Logger, type SecretsBox } from "@syncstore/config";
import { ChannelTokenRepository, type StoredChannelTokens } from "@syncstore/db";

/** How a failed refresh is tried again before the jobs waiting on it are told. */
export interface RefreshRetryOptions {
  /** Tries of one refresh for 5xx / network / unknown failures before the waiters are told. */
  maxTries?: number;
  /** Tries spent waiting out 429s; they cost no attempt but must still end. */
  maxRateLimitedTries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told before waiting out a 429, so every call of the channel waits too (the shared rate limiter). */
  onRateLimited?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/**
 * A channel's tokens, and the one place their lifecycle is run. Clients only `load` (cached in memory)
 * and exchange a refresh token when asked. Refresh tokens are single-use and shared by every worker
 * process, so `ensureFresh` refreshes under the repository's per-channel lock: the first process
 * exchanges and saves at once, the others find the new pair stored and adopt it. Within a process one
 * refresh runs at a time. Stored tokens are encrypted (SecretsBox, bound to the channel); a plaintext
 * value from before encryption, or one sealed with SECRETS_KEY_PREVIOUS, is read and sealed again
 * under SECRETS_KEY at once.
 *
 * A refresh that fails for a reason waiting can cure (5xx, timeout, 429) is tried again here, with
 * backoff or as long as the marketplace asks, while every job waiting on it keeps waiting: one bad
 * answer from the token endpoint must not fail all of them at once. Only a refused refresh token
 * (AUTHENTICATION) ends the wait for good.
 */
export class DbTokenStore implements TokenStore {
  private cached: TokenSet | null = null;
  /** Bumped on every change, so a job can tell whether tokens moved since its call. */
  generation = 0;
  private readonly loading = new SingleFlight<"tokens", TokenSet>();
  private readonly refreshing = new SingleFlight<"tokens", void>();
  private readonly repo: ChannelTokenRepository;
  /** After a refresh gave up, the next one waits until then instead of hitting the same window. */
  private notBefore = 0;

  constructor(
    ds: DataSource,
    private readonly channelId: string,
    private readonly fallback: TokenSet,
    private readonly box: SecretsBox,
    private readonly channel: { platform: string; shopId: string },
    private readonly retry: RefreshRetryOptions = {},
  ) {
    this.repo = new ChannelTokenRepository(ds);
  }

  /** True when the tokens in use are known to be past their expiry (a few seconds' margin). */
  expired(now: number = Date.now()): boolean {
    const at = this.cached?.accessTokenExpiresAt ?? null;
    return at !== null && at <= now + 2000;
  }

  /**
   * Drops the pair held in memory, so the next call reads the row: a reconnect (or a disconnect)
   * replaces the tokens from outside any refresh this process could know of.
   */
  forget(): void {
    if (this.cached === null) return;
    this.cached = null;
    this.generation++;
  }

  async load(): Promise<TokenSet> {
    if (this.cached) return this.cached;
    return this.loading.run("tokens", async () => {
      const stored = await this.repo.read(this.channelId);
      const opened = this.open(stored);
      if (stored && opened) await this.resealIfStale(stored, opened);
      this.cached = opened ?? this.fallback;
      return this.cached;
    });
  }

  /**
   * Makes sure the tokens are newer than `seenGeneration`: adopts a pair another process stored, or
   * runs `exchange` on the current pair and saves what it returns before anything else can fail.
   */
  async ensureFresh(
    seenGeneration: number,
    exchange: (current: TokenSet) => Promise<TokenSet>,
  ): Promise<void> {
    if (this.generation > seenGeneration) return;
    await this.refreshing.run("tokens", () => this.refreshPatiently(exchange));
  }

  private async refreshPatiently(exchange: (current: TokenSet) => Promise<TokenSet>): Promise<void> {
    const maxTries = this.retry.maxTries ?? 6;
    const maxRateLimited = this.retry.maxRateLimitedTries ?? 20;
    const policy = { baseDelayMs: this.retry.baseDelayMs ?? 500, maxDelayMs: this.retry.maxDelayMs ?? 8000 };
    const log = this.retry.logger;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      const wait = this.notBefore - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        await this.refreshOnce(exchange);
        if (failures + rateLimited > 0)
          log?.info("token refresh succeeded after failures", { failures, rateLimited });
        this.notBefore = 0;
        return;
      } catch (e) {
        if (!(e instanceof SyncError) || e.errorClass === "AUTHENTICATION" || e.errorClass === "VALIDATION") {
          log?.error("token refresh refused", {
            errorClass: e instanceof SyncError ? e.errorClass : null,
            err: e,
          });
          throw e;
        }
        let delayMs: number;
        if (e.errorClass === "RATE_LIMIT") {
          rateLimited++;
          const d = retryDecision("RATE_LIMIT", 1, 1, { retryAfterMs: e.retryAfterMs });
          delayMs = d.action === "retry" ? Math.max(d.delayMs, 50) : policy.baseDelayMs;
          await this.retry.onRateLimited?.(delayMs).catch(() => undefined);
        } else {
          failures++;
          // Half fixed, half jitter: waiters of every process must not come back together.
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
          delayMs = Math.round(ceiling * (0.5 + Math.random() / 2));
        }
        this.notBefore = Date.now() + delayMs;
        const gaveUp = failures >= maxTries || rateLimited >= maxRateLimited;
        log?.warn(gaveUp ? "token refresh failed, giving up for now" : "token refresh failed, trying again", {
          errorClass: e.errorClass,
          code: e.code,
          message: e.message,
          failures,
          rateLimited,
          delayMs,
        });
        if (gaveUp) throw e;
      }
    }
  }

  private async refreshOnce(exchange: (current: TokenSet) => Promise<TokenSet>): Promise<void> {
    await this.repo.withRefreshLock(this.channelId, async (locked) => {
      const used = this.cached?.accessToken ?? null;
      const stored = this.open(await locked.read());
      if (stored && stored.accessToken !== used) {
        this.adopt(stored);
        return;
      }
      const next = await exchange(stored ?? this.fallback);
      // The old refresh token is spent now.
      await this.repo.write(this.channelId, this.seal(next));
      this.adopt(next);
    });
  }

  /** After a key rotation (SECRETS_KEY_PREVIOUS), what was read under the old key is stored under the new. */
  private async resealIfStale(stored: StoredChannelTokens, tokens: TokenSet): Promise<void> {
    const stale =
      this.box.open(stored.accessToken, this.aad("access_token")).stale ||
      this.box.open(stored.refreshToken, this.aad("refresh_token")).stale;
    if (stale) await this.repo.reseal(this.channelId, stored, this.seal(tokens));
  }

  private adopt(tokens: TokenSet): void {
    this.cached = tokens;
    this.generation++;
  }

  private aad(column: "access_token" | "refresh_token"): string {
    return channelTokenAad(this.channel.platform, this.channel.shopId, column);
  }

  private open(stored: StoredChannelTokens | null): TokenSet | null {
    if (!stored) return null;
    return {
      accessToken: this.box.decrypt(stored.accessToken, this.aad("access_token")),
      refreshToken: this.box.decrypt(stored.refreshToken, this.aad("refresh_token")),
      accessTokenExpiresAt: stored.accessTokenExpiresAt?.getTime() ?? null,
      refreshTokenExpiresAt: stored.refreshTokenExpiresAt?.getTime() ?? null,
    };
  }

  private seal(tokens: TokenSet): StoredChannelTokens {
    return {
      accessToken: this.box.encrypt(tokens.accessToken, this.aad("access_token")),
      refreshToken: this.box.encrypt(tokens.refreshToken, this.aad("refresh_token")),
      accessTokenExpiresAt:
        tokens.accessTokenExpiresAt === null ? null : new Date(tokens.accessTokenExpiresAt),
      refreshTokenExpiresAt:
        tokens.refreshTokenExpiresAt === null ? null : new Date(tokens.refreshTokenExpiresAt),
    };
  }
}
