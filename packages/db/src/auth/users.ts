import type { DataSource } from "typeorm";
import { KEYSET_MICROS, keysetAfter, type KeysetPosition, type KeysetRows } from "./keyset";

/** A `users` row as the API sees it (the password hash only through lookupForSignIn). */
export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  createdAt: Date;
  disabledAt: Date | null;
}

const COLUMNS = `id::text, email, name, role, created_at AS "createdAt", disabled_at AS "disabledAt"`;

/** What sign-in looks up: the email folded the way the unique index folds it, and its user if any. */
export interface SignInLookupRow {
  /** `lower(email)` as PostgreSQL computes it: `İ` and `i` fold alike here, unlike JavaScript. */
  canonicalEmail: string;
  user: (UserRow & { passwordHash: string }) | null;
}

/** Recent failed sign-ins of one user. */
export interface SignInFailureSummaryRow {
  userId: string;
  count: number;
  lastAt: Date | null;
  /** Distinct clients (IP addresses), most recent first, at most five. */
  clients: string[];
}

export type UserChangeRefusal = "NOT_FOUND" | "LAST_ADMIN";

/** Serialises changes that could leave no active admin, across API instances. */
const ADMINS_LOCK = "hashtext('syncstore:active-admins')";

export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  /** The new user, or null when the email (case-insensitively) is taken. */
  async insert(row: {
    email: string;
    passwordHash: string;
    role: string;
    name: string | null;
  }): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `INSERT INTO users (email, password_hash, role, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${COLUMNS}`,
      [row.email, row.passwordHash, row.role, row.name],
    );
    return rows[0] ?? null;
  }

  async get(id: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM users WHERE id = $1::uuid`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Sign-in's one query. The user is matched with the same `lower()` as the unique index, and the
   * canonical form comes from PostgreSQL too, so the throttle and the lookup can never disagree
   * about which account an address names.
   */
  async lookupForSignIn(email: string): Promise<SignInLookupRow> {
    const rows: ({ canonicalEmail: string } & Partial<UserRow & { passwordHash: string }>)[] =
      await this.ds.query(
        `SELECT lower($1) AS "canonicalEmail", u.id::text, u.email, u.name, u.role, u.created_at AS "createdAt",
                u.disabled_at AS "disabledAt", u.password_hash AS "passwordHash"
         FROM (SELECT 1) one LEFT JOIN users u ON lower(u.email) = lower($1)`,
        [email],
      );
    const { canonicalEmail, ...user } = rows[0]!;
    return {
      canonicalEmail,
      user: user.id ? (user as UserRow & { passwordHash: string }) : null,
    };
  }

  /**
   * Role and/or disabled state. Refuses (LAST_ADMIN) a change that would leave no enabled ADMIN;
   * disabling also revokes every open session of the user, in the same transaction.
   */
  async update(
    id: string,
    change: { role?: string; disabled?: boolean; name?: string | null },
    at: Date,
  ): Promise<{ user: UserRow; revokedSessions: number } | { refused: UserChangeRefusal }> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${ADMINS_LOCK})`);
      const current: UserRow[] = await m.query(
        `SELECT ${COLUMNS} FROM users WHERE id = $1::uuid FOR UPDATE`,
        [id],
      );
      const before = current[0];
      if (!before) return { refused: "NOT_FOUND" as const };
      const activeAdmin = before.role === "ADMIN" && before.disabledAt === null;
      const staysActiveAdmin =
        (change.role ?? before.role) === "ADMIN" && !(change.disabled ?? before.disabledAt !== null);
      if (activeAdmin && !staysActiveAdmin) {
        const others: { n: number }[] = await m.query(
          "SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1::uuid",
          [id],
        );
        if ((others[0]?.n ?? 0) === 0) return { refused: "LAST_ADMIN" as const };
      }
      const rows: UserRow[] = await m.query(
        `WITH changed AS (
           UPDATE users SET
             role = COALESCE($2, role),
             disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at
                                WHEN $3::boolean THEN COALESCE(disabled_at, $4) ELSE NULL END,
             name = CASE WHEN $5::boolean THEN $6 ELSE name END
           WHERE id = $1::uuid RETURNING ${COLUMNS})
         SELECT * FROM changed`,
        [
          id,
          change.role ?? null,
          change.disabled ?? null,
          at,
          change.name !== undefined,
          change.name ?? null,
        ],
      );
      let revokedSessions = 0;
      if (change.disabled === true) {
        const revoked: unknown[] = await m.query(
          "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE user_id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
          [id, at],
        );
        revokedSessions = revoked.length;
      }
      return { user: rows[0]!, revokedSessions };
    });
  }

  /** A new password hash; every open session of the user is revoked with it. Null for an unknown id. */
  async setPassword(
    id: string,
    passwordHash: string,
    at: Date,
  ): Promise<{ user: UserRow; revokedSessions: number } | null> {
    return this.ds.transaction(async (m) => {
      const rows: UserRow[] = await m.query(
        `WITH changed AS (UPDATE users SET password_hash = $2 WHERE id = $1::uuid RETURNING ${COLUMNS})
         SELECT * FROM changed`,
        [id, passwordHash],
      );
      if (!rows[0]) return null;
      const revoked: unknown[] = await m.query(
        "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE user_id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
        [id, at],
      );
      return { user: rows[0], revokedSessions: revoked.length };
    });
  }

  /** Whether anyone at all can sign in yet (the first start creates an admin when nobody can). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.ds.query("SELECT 1 FROM users LIMIT 1");
    return rows.length > 0;
  }

  /** The user with this email (case folded as the unique index folds it). */
  async findByEmail(email: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  /** Records a failed sign-in, and forgets this user's failures older than 30 days. */
  async recordSignInFailure(userId: string, client: string | null, at: Date): Promise<void> {
    await this.ds.query(
      `WITH pruned AS (DELETE FROM sign_in_failures WHERE user_id = $1::uuid AND at < $3::timestamptz - interval '30 days')
       INSERT INTO sign_in_failures (user_id, client, at) VALUES ($1::uuid, $2, $3)`,
      [userId, client, at],
    );
  }

  /** Failed sign-ins since `since`, one summary per user asked for (count 0 when none). */
  async signInFailureSummaries(userIds: readonly string[], since: Date): Promise<SignInFailureSummaryRow[]> {
    const rows: SignInFailureSummaryRow[] = await this.ds.query(
      `SELECT u.id::text AS "userId", count(f.id)::int AS count, max(f.at) AS "lastAt",
              COALESCE((SELECT array_agg(c.client) FROM (
                 SELECT client FROM sign_in_failures g
                 WHERE g.user_id = u.id AND g.at >= $2 AND g.client IS NOT NULL
                 GROUP BY client ORDER BY max(g.at) DESC LIMIT 5) c), '{}') AS clients
       FROM unnest($1::uuid[]) AS u(id)
       LEFT JOIN sign_in_failures f ON f.user_id = u.id AND f.at >= $2
       GROUP BY u.id`,
      [userIds, since],
    );
    return rows;
  }

  /** Newest first; `limit` rows at most (ask for one more than a page to learn whether one follows). */
  async list(limit: number, after: KeysetPosition | null): Promise<KeysetRows<UserRow>> {
    const params: unknown[] = [limit];
    const where = keysetAfter(after, params);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${COLUMNS}, ${KEYSET_MICROS}::text AS micros FROM users WHERE ${where}
         ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<(UserRow & { micros: string })[]>,
      this.ds.query("SELECT count(*)::int AS n FROM users") as Promise<{ n: number }[]>,
    ]);
    return { rows: rows.map(({ micros, ...row }) => ({ row, micros })), totalCount: count[0]?.n ?? 0 };
  }
}
