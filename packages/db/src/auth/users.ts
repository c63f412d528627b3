import type { DataSource } from "typeorm";
import { KEYSET_MICROS, keysetAfter, type KeysetPosition, type KeysetRows } from "./keyset";

/** A `users` row as the API sees it (the password hash only through findWithPasswordHash). */
export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  createdAt: Date;
  disabledAt: Date | null;
}

const COLUMNS = `id::text, email, name, role, created_at AS "createdAt", disabled_at AS "disabledAt"`;

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

  /** For sign-in only: the one place the password hash leaves the database. */
  async findWithPasswordHash(email: string): Promise<(UserRow & { passwordHash: string }) | null> {
    const rows: (UserRow & { passwordHash: string })[] = await this.ds.query(
      `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
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
