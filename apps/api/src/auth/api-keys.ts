import type { DataSource } from "typeorm";
import { unauthenticated } from "./auth-errors";
import { afterClause, dateOrNull, KEYSET_MICROS, toPage, type Page, type UserErrorData } from "./page";
import { ApiKeyScope, isApiKeyScope, roleOfScopes } from "./permissions";
import { classifyBearer, generateApiKey, parseApiKey, sha256Hex } from "./tokens";
import { UsageDebounce } from "./usage";
import type { AuthViewer } from "./viewer";

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface CreateApiKeyInput {
  name: string;
  scopes: readonly string[];
  expiresAt?: Date | null;
}

export interface ApiKeyOptions {
  clock?: () => number;
}

/** The row that ADMIN_API_KEY keeps in step with the environment. */
export const BOOTSTRAP_PREFIX = "ADMIN_API_KEY";
const COLUMNS =
  "id::text, name, prefix, scopes, created_by, created_at, expires_at, revoked_at, last_used_at";

function toApiKey(r: Record<string, unknown>): ApiKeyRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    prefix: String(r.prefix),
    scopes: (r.scopes as string[]).filter(isApiKeyScope),
    createdBy: r.created_by === null || r.created_by === undefined ? null : String(r.created_by),
    createdAt: dateOrNull(r.created_at)!,
    expiresAt: dateOrNull(r.expires_at),
    revokedAt: dateOrNull(r.revoked_at),
    lastUsedAt: dateOrNull(r.last_used_at),
  };
}

/**
 * Partner API keys: shown once at creation, stored as SHA-256, identified by a visible prefix,
 * optionally expiring, revocable. last_used_at is written at most once a minute per key.
 */
export class ApiKeyService {
  private readonly clock: () => number;
  private readonly usage = new UsageDebounce();

  constructor(
    private readonly ds: DataSource,
    opts: ApiKeyOptions = {},
  ) {
    this.clock = opts.clock ?? Date.now;
  }

  async create(
    input: CreateApiKeyInput,
    createdBy: string | null,
    path: string[] = ["input"],
  ): Promise<{ apiKey: ApiKeyRecord | null; secret: string | null; userErrors: UserErrorData[] }> {
    const userErrors: UserErrorData[] = [];
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) {
      userErrors.push({
        field: [...path, "name"],
        code: "INVALID",
        message: "name must be 1–100 characters",
      });
    }
    const scopes = [...new Set(input.scopes)];
    const unknown = scopes.filter((s) => !isApiKeyScope(s));
    if (scopes.length === 0 || unknown.length > 0) {
      userErrors.push({
        field: [...path, "scopes"],
        code: "INVALID",
        message: `scopes must be one or more of ${Object.values(ApiKeyScope).join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`,
      });
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= this.clock())) {
      userErrors.push({
        field: [...path, "expiresAt"],
        code: "INVALID",
        message: "expiresAt must be in the future",
      });
    }
    if (userErrors.length > 0) return { apiKey: null, secret: null, userErrors };

    // A prefix collision (1 in 62^8 per pair) just draws again.
    for (let attempt = 0; ; attempt++) {
      const key = generateApiKey();
      const rows: Record<string, unknown>[] = await this.ds.query(
        `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [name, key.prefix, key.hash, scopes, createdBy, new Date(this.clock()), expiresAt],
      );
      if (rows[0]) return { apiKey: toApiKey(rows[0]), secret: key.secret, userErrors: [] };
      if (attempt >= 3) throw new Error("could not draw a unique API key prefix");
    }
  }

  async revoke(
    id: string,
    path: string[] = ["id"],
  ): Promise<{ apiKey: ApiKeyRecord | null; userErrors: UserErrorData[] }> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
      return {
        apiKey: null,
        userErrors: [{ field: path, code: "NOT_FOUND", message: "No API key has this id" }],
      };
    }
    // Revoking twice keeps the first revocation time.
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH changed AS (UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1::uuid RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [id, new Date(this.clock())],
    );
    if (!rows[0])
      return {
        apiKey: null,
        userErrors: [{ field: path, code: "NOT_FOUND", message: "No API key has this id" }],
      };
    return { apiKey: toApiKey(rows[0]), userErrors: [] };
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE id = $1::uuid`,
      [id],
    );
    return rows[0] ? toApiKey(rows[0]) : null;
  }

  /** Every key, revoked and expired ones too (an admin wants to see them), newest first. */
  async list(first: number, after: string | null): Promise<Page<ApiKeyRecord>> {
    const params: unknown[] = [first + 1];
    const where = afterClause("apikey", after, params);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${COLUMNS}, ${KEYSET_MICROS}::text AS micros FROM api_keys WHERE ${where}
         ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query("SELECT count(*)::int AS n FROM api_keys") as Promise<{ n: number }[]>,
    ]);
    return toPage(
      "apikey",
      rows.map((r) => ({ node: toApiKey(r), micros: String(r.micros) })),
      first,
      count[0]!.n,
    );
  }

  /** The viewer an API key stands for; throws UNAUTHENTICATED for anything unusable. */
  async resolve(secret: string): Promise<AuthViewer> {
    if (classifyBearer(secret) === "apiKey" && !parseApiKey(secret)) {
      throw unauthenticated("API key is malformed (expected ssk_<prefix>_<secret>)");
    }
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`,
      [sha256Hex(secret)],
    );
    const r = rows[0];
    if (!r) throw unauthenticated("API key is not valid");
    const key = toApiKey(r);
    if (key.revokedAt) throw unauthenticated(`API key ${key.prefix} was revoked`);
    const now = this.clock();
    if (key.expiresAt && key.expiresAt.getTime() <= now)
      throw unauthenticated(`API key ${key.prefix} expired at ${key.expiresAt.toISOString()}`);
    if (this.usage.due(key.id, now)) {
      await this.ds.query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1::uuid", [
        key.id,
        new Date(now),
      ]);
    }
    return {
      id: key.id,
      kind: "apiKey",
      role: roleOfScopes(key.scopes),
      scopes: [...key.scopes],
      name: key.name,
      expiresAt: key.expiresAt,
      method: "apiKey",
    };
  }

  /**
   * Keeps the ADMIN_API_KEY row in step with the environment at start-up: set → an admin key with
   * that hash (a revocation sticks until the value changes); unset → the row, if any, is revoked.
   */
  async syncBootstrapKey(secret: string | undefined): Promise<void> {
    const now = new Date(this.clock());
    if (!secret) {
      await this.ds.query("UPDATE api_keys SET revoked_at = $2 WHERE prefix = $1 AND revoked_at IS NULL", [
        BOOTSTRAP_PREFIX,
        now,
      ]);
      return;
    }
    await this.ds.query(
      `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, created_at)
       VALUES ('Bootstrap admin key (ADMIN_API_KEY)', $1, $2, ARRAY['admin']::text[], 'environment', $3)
       ON CONFLICT (prefix) DO UPDATE SET
         key_hash = EXCLUDED.key_hash,
         scopes = EXCLUDED.scopes,
         expires_at = NULL,
         revoked_at = CASE WHEN api_keys.key_hash = EXCLUDED.key_hash THEN api_keys.revoked_at END`,
      [BOOTSTRAP_PREFIX, sha256Hex(secret), now],
    );
  }
}
