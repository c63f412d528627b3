import type { DataSource } from "typeorm";
import { SingleFlight, type TokenSet, type TokenStore } from "@syncstore/marketplaces";
import { channelTokenAad, type SecretsBox } from "@syncstore/config";

interface TokenRow {
  access_token: string | null;
  refresh_token: string | null;
  access_token_expires_at: Date | null;
  refresh_token_expires_at: Date | null;
}

/**
 * A channel's tokens in PostgreSQL, cached in memory. Refresh tokens are single-use and shared by
 * every worker process, so a refresh happens under a PostgreSQL advisory lock: the first process
 * refreshes, the others find the new pair already stored and adopt it. Stored tokens are encrypted
 * (SecretsBox, bound to the channel); a plaintext value from before encryption is read as it is and
 * encrypted at the next save.
 */
export class DbTokenStore implements TokenStore {
  private cached: TokenSet | null = null;
  /** Bumped on every change, so a job can tell whether tokens moved since its call. */
  generation = 0;
  private readonly refreshing = new SingleFlight<"tokens", void>();

  constructor(
    private readonly ds: DataSource,
    private readonly channelId: string,
    private readonly fallback: TokenSet,
    private readonly box: SecretsBox,
    private readonly channel: { platform: string; shopId: string },
  ) {}

  private open(row: TokenRow | undefined): TokenSet | null {
    const set = fromRow(row);
    if (!set) return null;
    const { platform, shopId } = this.channel;
    return {
      ...set,
      accessToken: this.box.decrypt(set.accessToken, channelTokenAad(platform, shopId, "access_token")),
      refreshToken: this.box.decrypt(set.refreshToken, channelTokenAad(platform, shopId, "refresh_token")),
    };
  }

  async load(): Promise<TokenSet> {
    if (this.cached) return this.cached;
    const rows: TokenRow[] = await this.ds.query(
      "SELECT access_token, refresh_token, access_token_expires_at, refresh_token_expires_at FROM channels WHERE id = $1",
      [this.channelId],
    );
    this.cached = this.open(rows[0]) ?? this.fallback;
    return this.cached;
  }

  async save(tokens: TokenSet): Promise<void> {
    await this.ds.query(
      `UPDATE channels SET access_token = $2, refresh_token = $3, access_token_expires_at = $4, refresh_token_expires_at = $5
       WHERE id = $1`,
      [
        this.channelId,
        this.box.encrypt(
          tokens.accessToken,
          channelTokenAad(this.channel.platform, this.channel.shopId, "access_token"),
        ),
        this.box.encrypt(
          tokens.refreshToken,
          channelTokenAad(this.channel.platform, this.channel.shopId, "refresh_token"),
        ),
        tokens.accessTokenExpiresAt === null ? null : new Date(tokens.accessTokenExpiresAt),
        tokens.refreshTokenExpiresAt === null ? null : new Date(tokens.refreshTokenExpiresAt),
      ],
    );
    this.cached = tokens;
    this.generation++;
  }

  /**
   * Makes sure the tokens are newer than `seenGeneration`: adopts a pair another process stored, or
   * runs `refresh` (which saves through this store) when nobody has. One refresh at a time per process.
   */
  async ensureFresh(seenGeneration: number, refresh: () => Promise<unknown>): Promise<void> {
    if (this.generation > seenGeneration) return;
    await this.refreshing.run("tokens", () => this.refreshLocked(refresh));
  }

  private async refreshLocked(refresh: () => Promise<unknown>): Promise<void> {
    const used = this.cached?.accessToken ?? null;
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("SELECT pg_advisory_lock(hashtext('syncstore:tokens:' || $1::text))", [
        this.channelId,
      ]);
      const rows: TokenRow[] = await runner.query(
        "SELECT access_token, refresh_token, access_token_expires_at, refresh_token_expires_at FROM channels WHERE id = $1",
        [this.channelId],
      );
      const stored = this.open(rows[0]);
      if (stored && stored.accessToken !== used) {
        this.cached = stored;
        this.generation++;
        return;
      }
      await refresh();
    } finally {
      await runner
        .query("SELECT pg_advisory_unlock(hashtext('syncstore:tokens:' || $1::text))", [this.channelId])
        .catch(() => undefined);
      await runner.release();
    }
  }
}

function fromRow(row: TokenRow | undefined): TokenSet | null {
  if (!row?.access_token || !row.refresh_token) return null;
  return {
    accessToken: row.access_token,
    refreshToken: row.refresh_token,
    accessTokenExpiresAt: row.access_token_expires_at?.getTime() ?? null,
    refreshTokenExpiresAt: row.refresh_token_expires_at?.getTime() ?? null,
  };
}
