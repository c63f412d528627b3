import type { Logger } from "@syncstore/config";
import { SessionRepository } from "@syncstore/db";
import type { DataSource } from "typeorm";
import { rateLimited, unauthenticated } from "./auth-errors";
import type { LoginThrottle } from "./login-throttle";
import type { PublishCredentialChange } from "./revocation";
import type { UserErrorData } from "./page";
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
  /** Where failed sign-ins of existing accounts are reported (the account alert). */
  log: Pick<Logger, "warn">;
  /** Injected so tests can move time; defaults to Date.now. */
  clock?: () => number;
  /** Tells every API instance a session ended, so its open sockets close (see revocation.ts). */
  publishChange?: PublishCredentialChange;
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
  private readonly sessions: SessionRepository;
  private readonly log: Pick<Logger, "warn">;

  constructor(
    ds: DataSource,
    private readonly users: UserService,
    private readonly throttle: LoginThrottle,
    private readonly opts: SessionOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log;
    this.sessions = new SessionRepository(ds);
  }

  async signIn(input: { email: string; password: string }, clientIp: string | null): Promise<SignInResult> {
    // Unusable input is a failure without a database round trip or a hash (whose cost grows with length).
    const usable = input.email.length <= 254 && input.password.length <= 1024;
    const { canonicalEmail, user } = usable
      ? await this.users.lookupForSignIn(input.email.trim())
      : { canonicalEmail: "", user: null };
    // The throttle counts per account identity, never per spelling: every variant of an address
    // (case, `İ`, a Kelvin sign) that reaches one user shares that user's counters.
    const account = user ? `user:${user.id}` : `email:${canonicalEmail}`;
    const decision = await this.throttle.attempt(account, clientIp);
    if (!decision.allowed) {
      const wait = decision.waitMs;
      if (user && decision.reason === "PAIR_DELAY")
        this.log.warn("sign-in throttled", { userId: user.id, client: clientIp, waitMs: wait });
      throw rateLimited(`Too many sign-in attempts; try again in ${Math.ceil(wait / 1000)} s`, wait);
    }
    let ok: boolean;
    try {
      ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDecoy(input.password);
    } catch (e) {
      await decision.ticket.release();
      throw e;
    }
    if (!ok || !user) {
      const failures = await decision.ticket.failed();
      if (user) {
        await this.users.recordSignInFailure(user.id, clientIp, new Date(this.clock()));
        this.log.warn("failed sign-in for an existing account", {
          userId: user.id,
          client: clientIp,
          failuresFromClient: failures,
        });
      }
      return { token: null, expiresAt: null, user: null, userErrors: [INVALID] };
    }
    await decision.ticket.succeeded();
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
    await this.sessions.insert({ userId: user.id, tokenHash: hash, expiresAt });
    const { passwordHash: _hash, ...visible } = user;
    return { token, expiresAt, user: visible, userErrors: [] };
  }

  /** The viewer a session token stands for; throws UNAUTHENTICATED for anything unusable. */
  async resolve(token: string): Promise<AuthViewer> {
    if (!isWellFormedSessionToken(token)) throw unauthenticated("Session token is malformed");
    const session = await this.sessions.findByTokenHash(sha256Hex(token));
    if (!session) throw unauthenticated("Session is not valid; sign in again");
    if (session.revokedAt) throw unauthenticated("Session was signed out; sign in again");
    const { expiresAt, sessionId } = session;
    const now = this.clock();
    if (expiresAt.getTime() <= now) throw unauthenticated("Session expired; sign in again");
    const user = toUser(session.user);
    if (user.disabledAt) throw unauthenticated("This account is disabled");
    if (this.usage.due(sessionId, now)) await this.sessions.touch(sessionId, new Date(now));
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

  /**
   * Revokes one session; false when it was already revoked or is unknown. Announced either way, so a
   * retry after a failed announcement still closes the session's sockets.
   */
  async revoke(sessionId: string): Promise<boolean> {
    const revoked = await this.sessions.revoke(sessionId, new Date(this.clock()));
    await this.opts.publishChange?.({ kind: "session", id: sessionId });
    return revoked;
  }

  /** Signs a user out everywhere (e.g. after a password change or when disabling them). */
  async revokeAllOf(userId: string): Promise<number> {
    const count = await this.sessions.revokeAllOf(userId, new Date(this.clock()));
    await this.opts.publishChange?.({ kind: "user", id: userId });
    return count;
  }
}
