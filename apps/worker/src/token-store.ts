import type { DataSource } from "typeorm";
import { SingleFlight, type TokenSet, type TokenStore } from "@syncstore/marketplaces";
import { channelTokenAad, type SecretsBox } from "@syncstore/config";
import { ChannelTokenRepository, type StoredChannelTokens } from "@syncstore/db";

/**
 * A channel's tokens, and the one place their lifecycle is run. Clients only `load` (cached in memory)
 * and exchange a refresh token when asked. Refresh tokens are single-use and shared by every worker
 * process, so `ensureFresh` refreshes under the repository's per-channel lock: the first process
 * exchanges and saves at once, the others find the new pair stored and adopt it. Within a process one
 * refresh runs at a time. Stored tokens are encrypted (SecretsBox, bound to the channel); a plaintext
 * value from before encryption, or one sealed with SECRETS_KEY_PREVIOUS, is read and sealed again
 * under SECRETS_KEY at once.
 */
export class DbTokenStore implements TokenStore {
  private cached: TokenSet | null = null;
  /** Bumped on every change, so a job can tell whether tokens moved since its call. */
  generation = 0;
  private readonly loading = new SingleFlight<"tokens", TokenSet>();
  private readonly refreshing = new SingleFlight<"tokens", void>();
  private readonly repo: ChannelTokenRepository;

  constructor(
    ds: DataSource,
    private readonly channelId: string,
    private readonly fallback: TokenSet,
    private readonly box: SecretsBox,
    private readonly channel: { platform: string; shopId: string },
  ) {
    this.repo = new ChannelTokenRepository(ds);
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
    await this.refreshing.run("tokens", () =>
      this.repo.withRefreshLock(this.channelId, async (locked) => {
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
      }),
    );
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
