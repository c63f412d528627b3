import type { DataSource } from "typeorm";
import { rateLimited, unauthenticated } from "./auth-errors";
import type { LoginThrottle } from "./login-throttle";
import { dateOrNull, type UserErrorData } from "./page";
import { verifyDecoy, verifyPassword } from "./passwords";
import { generateSessionToken, isWellFormedSessionToken, sha256Hex } from "./tokens";
import { UsageDebounce } from "./usage";
import { toUser, type UserRecord, type UserService } from "./users";
import type { AuthViewer } from "./viewer";

export interface SignInResult {
  token: string | null;
  expiresAt: Date | null;
  user: UserRecord | null;
  userErrors: UserErrorData[];
}

export interface SessionOptions {
  ttlMs: number;
  /** Injected so tests can move time; defaults to Date.now. */
  clock?: () => number;
}

const INVALID: UserErrorData = {
  field: ["input"],
  code: "INVALID_CREDENTIALS",
  message: "Email or password is incorrect",
};

/**
 * Email + password sign-in. The token is random and opaque; only its SHA-256 is stored, so a
 * database leak yields no usable sessions. Expired and revoked sessions are refused, as are
 * sessions of disabled users.
 */
export class SessionService {
  private readonly clock: () => number;
  private readonly usage = new UsageDebounce();

  constructor(
    private readonly ds: DataSource,
    private readonly users: UserService,
    private readonly throttle: LoginThrottle,
    private readonly opts: SessionOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
  }

  async signIn(input: { email: string; password: string }, clientIp: string | null): Promise<SignInResult> {
    const wait = await this.throttle.attempt(input.email, clientIp);
    if (wait > 0) {
      throw rateLimited(`Too many sign-in attempts; try again in ${Math.ceil(wait / 1000)} s`, wait);
    }
    const user = input.password.length <= 1024 ? await this.users.findWithPasswordHash(input.email) : null;
    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyDecoy(input.password);
    if (!ok || !user) return { token: null, expiresAt: null, user: null, userErrors: [INVALID] };
    await this.throttle.succeeded(input.email, clientIp);
    if (user.disabledAt) {
      return {
        token: null,
        expiresAt: null,
        user: null,
        userErrors: [
          { field: ["input", "email"], code: "ACCOUNT_DISABLED", message: "This account is disabled" },
        ],
      };
    }
    const { token, hash } = generateSessionToken();
    const expiresAt = new Date(this.clock() + this.opts.ttlMs);
    await this.ds.query("INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1::uuid, $2, $3)", [
      user.id,
      hash,
      expiresAt,
    ]);
    const { passwordHash: _hash, ...visible } = user;
    return { token, expiresAt, user: visible, userErrors: [] };
  }

  /** The viewer a session token stands for; throws UNAUTHENTICATED for anything unusable. */
  async resolve(token: string): Promise<AuthViewer> {
    if (!isWellFormedSessionToken(token)) throw unauthenticated("Session token is malformed");
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT s.id::text AS session_id, s.expires_at, s.revoked_at,
              u.id::text, u.email, u.name, u.role, u.created_at, u.disabled_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [sha256Hex(token)],
    );
    const r = rows[0];
    if (!r) throw unauthenticated("Session is not valid; sign in again");
    if (r.revoked_at) throw unauthenticated("Session was signed out; sign in again");
    const expiresAt = dateOrNull(r.expires_at)!;
    const now = this.clock();
    if (expiresAt.getTime() <= now) throw unauthenticated("Session expired; sign in again");
    const user = toUser(r);
    if (user.disabledAt) throw unauthenticated("This account is disabled");
    const sessionId = String(r.session_id);
    if (this.usage.due(sessionId, now)) {
      await this.ds.query("UPDATE sessions SET last_used_at = $2 WHERE id = $1::uuid", [
        sessionId,
        new Date(now),
      ]);
    }
    return {
      id: user.id,
      kind: "user",
      role: user.role,
      scopes: [],
      email: user.email,
      name: user.name,
      expiresAt,
      sessionId,
      method: "session",
    };
  }

  /** Revokes one session; false when it was already revoked or is unknown. */
  async revoke(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      // In a CTE, so TypeORM returns the rows (for a bare UPDATE it returns [rows, count]).
      "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
      [sessionId, new Date(this.clock())],
    );
    return rows.length > 0;
  }

  /** Signs a user out everywhere (e.g. after a password change or when disabling them). */
  async revokeAllOf(userId: string): Promise<number> {
    const rows: unknown[] = await this.ds.query(
      "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE user_id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
      [userId, new Date(this.clock())],
    );
    return rows.length;
  }
}
