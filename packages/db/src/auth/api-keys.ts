import type { DataSource } from "typeorm";
import { KEYSET_MICROS, keysetAfter, type KeysetPosition, type KeysetRows } from "./keyset";

/** An `api_keys` row without its hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = `id::text, name, prefix, scopes, created_by AS "createdBy", created_at AS "createdAt",
  expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

/** `api_keys`: only the SHA-256 of a key is stored; the prefix identifies it. */
export class ApiKeyRepository {
  constructor(private readonly ds: DataSource) {}

  /** The new key, or null when its prefix is taken. */
  async insert(row: {
    name: string;
    prefix: string;
    keyHash: string;
    scopes: readonly string[];
    createdBy: string | null;
    createdAt: Date;
    expiresAt: Date | null;
  }): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.ds.query(
      `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [row.name, row.prefix, row.keyHash, row.scopes, row.createdBy, row.createdAt, row.expiresAt],
    );
    return rows[0] ?? null;
  }

  /** Revoking twice keeps the first revocation time; null for an unknown id. */
  async revoke(id: string, at: Date): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.ds.query(
      `WITH changed AS (UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1::uuid RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [id, at],
    );
    return rows[0] ?? null;
  }

  async get(id: string): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1::uuid`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * The key with this hash, and whether the person who created it is disabled now: a disabled
   * user's keys stop working with their sessions (and work again if they are enabled again).
   */
  async findByHash(keyHash: string): Promise<(ApiKeyRow & { creatorDisabled: boolean }) | null> {
    const rows: (ApiKeyRow & { creatorDisabled: boolean })[] = await this.ds.query(
      `SELECT ${COLUMNS}, EXISTS (
         SELECT 1 FROM users u
         WHERE u.disabled_at IS NOT NULL
           AND u.id = CASE WHEN api_keys.created_by ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                           THEN api_keys.created_by::uuid END
       ) AS "creatorDisabled"
       FROM api_keys WHERE key_hash = $1`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /** Every key, revoked and expired ones too, newest first; `limit` rows at most. */
  async list(limit: number, after: KeysetPosition | null): Promise<KeysetRows<ApiKeyRow>> {
    const params: unknown[] = [limit];
    const where = keysetAfter(after, params);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${COLUMNS}, ${KEYSET_MICROS}::text AS micros FROM api_keys WHERE ${where}
         ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<(ApiKeyRow & { micros: string })[]>,
      this.ds.query("SELECT count(*)::int AS n FROM api_keys") as Promise<{ n: number }[]>,
    ]);
    return { rows: rows.map(({ micros, ...row }) => ({ row, micros })), totalCount: count[0]?.n ?? 0 };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.ds.query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1::uuid", [id, at]);
  }

  /** Revokes the open key with this prefix, if any. */
  async revokeByPrefix(prefix: string, at: Date): Promise<void> {
    await this.ds.query("UPDATE api_keys SET revoked_at = $2 WHERE prefix = $1 AND revoked_at IS NULL", [
      prefix,
      at,
    ]);
  }

  /**
   * The admin key the environment names, by prefix: its hash follows the environment, and a revocation
   * sticks until the hash changes.
   */
  async upsertBootstrap(row: {
    prefix: string;
    name: string;
    keyHash: string;
    createdAt: Date;
  }): Promise<void> {
    await this.ds.query(
      `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, created_at)
       VALUES ($4, $1, $2, ARRAY['admin']::text[], 'environment', $3)
       ON CONFLICT (prefix) DO UPDATE SET
         key_hash = EXCLUDED.key_hash,
         scopes = EXCLUDED.scopes,
         expires_at = NULL,
         revoked_at = CASE WHEN api_keys.key_hash = EXCLUDED.key_hash THEN api_keys.revoked_at END`,
      [row.prefix, row.keyHash, row.createdAt, row.name],
    );
  }
}
