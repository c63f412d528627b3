import type { DataSource } from "typeorm";
import type { UserRow } from "./users";

/** A session with the user it belongs to, as sign-in checks it. */
export interface SessionWithUserRow {
  sessionId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  user: UserRow;
}

interface JoinedRow extends UserRow {
  sessionId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** `sessions`: only the SHA-256 of a session token is stored. */
export class SessionRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(row: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.ds.query("INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1::uuid, $2, $3)", [
      row.userId,
      row.tokenHash,
      row.expiresAt,
    ]);
  }

  async findByTokenHash(tokenHash: string): Promise<SessionWithUserRow | null> {
    const rows: JoinedRow[] = await this.ds.query(
      `SELECT s.id::text AS "sessionId", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt",
              u.id::text, u.email, u.name, u.role, u.created_at AS "createdAt", u.disabled_at AS "disabledAt"
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return null;
    const { sessionId, expiresAt, revokedAt, ...user } = r;
    return { sessionId, expiresAt, revokedAt, user };
  }

  async touch(sessionId: string, at: Date): Promise<void> {
    await this.ds.query("UPDATE sessions SET last_used_at = $2 WHERE id = $1::uuid", [sessionId, at]);
  }

  /** False when the session was already revoked or is unknown. */
  async revoke(sessionId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      // In a CTE, so TypeORM returns the rows (for a bare UPDATE it returns [rows, count]).
      "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
      [sessionId, at],
    );
    return rows.length > 0;
  }

  /** How many open sessions of the user were revoked. */
  async revokeAllOf(userId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.ds.query(
      "WITH changed AS (UPDATE sessions SET revoked_at = $2 WHERE user_id = $1::uuid AND revoked_at IS NULL RETURNING id) SELECT id FROM changed",
      [userId, at],
    );
    return rows.length;
  }
}
