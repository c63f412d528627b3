import type { DataSource } from "typeorm";

/** A channel's stored token pair, as sealed in the row (the caller encrypts and decrypts). */
export interface StoredChannelTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
}

interface TokenRow {
  access_token: string | null;
  refresh_token: string | null;
  access_token_expires_at: Date | null;
  refresh_token_expires_at: Date | null;
}

const SELECT_TOKENS =
  "SELECT access_token, refresh_token, access_token_expires_at, refresh_token_expires_at FROM channels WHERE id = $1";
const LOCK_KEY = "hashtext('syncstore:tokens:' || $1::text)";

/** Anything that answers a query: the DataSource, or the one connection holding a lock. */
interface Runs {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** What the refresh lock hands its holder: reads on the connection that holds the lock. */
export interface LockedChannelTokens {
  read(): Promise<StoredChannelTokens | null>;
}

/**
 * The token columns of `channels`. Refresh tokens are single-use and shared by every worker process,
 * so refreshing happens inside `withRefreshLock`: a PostgreSQL advisory lock per channel, held on one
 * connection for the whole exchange.
 */
export class ChannelTokenRepository {
  constructor(private readonly ds: DataSource) {}

  read(channelId: string): Promise<StoredChannelTokens | null> {
    return readOn(this.ds, channelId);
  }

  async write(channelId: string, tokens: StoredChannelTokens): Promise<void> {
    await this.ds.query(
      `UPDATE channels SET access_token = $2, refresh_token = $3, access_token_expires_at = $4, refresh_token_expires_at = $5
       WHERE id = $1`,
      [
        channelId,
        tokens.accessToken,
        tokens.refreshToken,
        tokens.accessTokenExpiresAt,
        tokens.refreshTokenExpiresAt,
      ],
    );
  }

  /**
   * Writes the pair again sealed under the current key (after a SECRETS_KEY rotation, or a plaintext
   * value from before encryption), only if the row still holds what was read: a refresh that landed
   * in between carries newer tokens and wins. Returns whether the row was rewritten.
   */
  async reseal(
    channelId: string,
    read: Pick<StoredChannelTokens, "accessToken" | "refreshToken">,
    resealed: Pick<StoredChannelTokens, "accessToken" | "refreshToken">,
  ): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE channels SET access_token = $4, refresh_token = $5
       WHERE id = $1 AND access_token = $2 AND refresh_token = $3 RETURNING id`,
      [channelId, read.accessToken, read.refreshToken, resealed.accessToken, resealed.refreshToken],
    )) as unknown[];
    return rows.length > 0;
  }

  async withRefreshLock<T>(channelId: string, work: (locked: LockedChannelTokens) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(${LOCK_KEY})`, [channelId]);
      return await work({ read: () => readOn(runner, channelId) });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [channelId]).catch(() => undefined);
      await runner.release();
    }
  }
}

async function readOn(db: Runs, channelId: string): Promise<StoredChannelTokens | null> {
  const rows = (await db.query(SELECT_TOKENS, [channelId])) as TokenRow[];
  const row = rows[0];
  if (!row?.access_token || !row.refresh_token) return null;
  return {
    accessToken: row.access_token,
    refreshToken: row.refresh_token,
    accessTokenExpiresAt: row.access_token_expires_at,
    refreshTokenExpiresAt: row.refresh_token_expires_at,
  };
}
