import { ApiKeyRepository, type ApiKeyRow } from "@syncstore/db";
import type { DataSource } from "typeorm";
import { unauthenticated } from "./auth-errors";
import type { PublishCredentialChange } from "./revocation";
import { positionAfter, toPage, type Page, type UserErrorData } from "./page";
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
  /** Tells every API instance a key was revoked, so its open sockets close (see revocation.ts). */
  publishChange?: PublishCredentialChange;
}

/** The row that ADMIN_API_KEY keeps in step with the environment. */
export const BOOTSTRAP_PREFIX = "ADMIN_API_KEY";
/** A key record from its row: scopes the API no longer knows grant nothing. */
function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return { ...row, scopes: row.scopes.filter(isApiKeyScope) };
}

/**
 * Partner API keys: shown once at creation, stored as SHA-256, identified by a visible prefix,
 * optionally expiring, revocable. last_used_at is written at most once a minute per key.
 */
export class ApiKeyService {
  private readonly clock: () => number;
  private readonly usage = new UsageDebounce();
  private readonly keys: ApiKeyRepository;

  constructor(
    ds: DataSource,
    private readonly opts: ApiKeyOptions = {},
  ) {
    this.clock = opts.clock ?? Date.now;
    this.keys = new ApiKeyRepository(ds);
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
      const row = await this.keys.insert({
        name,
        prefix: key.prefix,
        keyHash: key.hash,
        scopes,
        createdBy,
        createdAt: new Date(this.clock()),
        expiresAt,
      });
      if (row) return { apiKey: toApiKey(row), secret: key.secret, userErrors: [] };
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
    const row = await this.keys.revoke(id, new Date(this.clock()));
    if (!row)
      return {
        apiKey: null,
        userErrors: [{ field: path, code: "NOT_FOUND", message: "No API key has this id" }],
      };
    // Also when it was revoked before: a retry after a failed announcement still closes its sockets.
    await this.opts.publishChange?.({ kind: "apiKey", id: row.id });
    return { apiKey: toApiKey(row), userErrors: [] };
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.keys.get(id);
    return row ? toApiKey(row) : null;
  }

  /** Every key, revoked and expired ones too (an admin wants to see them), newest first. */
  async list(first: number, after: string | null): Promise<Page<ApiKeyRecord>> {
    const page = await this.keys.list(first + 1, positionAfter("apikey", after));
    return toPage("apikey", page, first, toApiKey);
  }

  /** The viewer an API key stands for; throws UNAUTHENTICATED for anything unusable. */
  async resolve(secret: string): Promise<AuthViewer> {
    if (classifyBearer(secret) === "apiKey" && !parseApiKey(secret)) {
      throw unauthenticated("API key is malformed (expected ssk_<prefix>_<secret>)");
    }
    const row = await this.keys.findByHash(sha256Hex(secret));
    if (!row) throw unauthenticated("API key is not valid");
    const key = toApiKey(row);
    if (key.revokedAt) throw unauthenticated(`API key ${key.prefix} was revoked`);
    if (row.creatorDisabled) throw unauthenticated(`API key ${key.prefix} belongs to a disabled user`);
    const now = this.clock();
    if (key.expiresAt && key.expiresAt.getTime() <= now)
      throw unauthenticated(`API key ${key.prefix} expired at ${key.expiresAt.toISOString()}`);
    if (this.usage.due(key.id, now)) await this.keys.touch(key.id, new Date(now));
    return {
      id: key.id,
      kind: "apiKey",
      role: roleOfScopes(key.scopes),
      scopes: [...key.scopes],
      name: key.name,
      expiresAt: key.expiresAt,
      ownerId: key.createdBy,
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
      await this.keys.revokeByPrefix(BOOTSTRAP_PREFIX, now);
      return;
    }
    await this.keys.upsertBootstrap({
      prefix: BOOTSTRAP_PREFIX,
      name: "Bootstrap admin key (ADMIN_API_KEY)",
      keyHash: sha256Hex(secret),
      createdAt: now,
    });
  }
}
