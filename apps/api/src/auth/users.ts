import type { DataSource } from "typeorm";
import { afterClause, dateOrNull, KEYSET_MICROS, toPage, type Page, type UserErrorData } from "./page";
import { hashPassword, normalizeEmail, passwordProblem } from "./passwords";
import { isRole, Role } from "./permissions";

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role | string;
  name?: string | null;
}

const COLUMNS = "id::text, email, name, role, created_at, disabled_at";

export function toUser(r: Record<string, unknown>): UserRecord {
  return {
    id: String(r.id),
    email: String(r.email),
    name: r.name === null || r.name === undefined ? null : String(r.name),
    role: String(r.role) as Role,
    createdAt: dateOrNull(r.created_at)!,
    disabledAt: dateOrNull(r.disabled_at),
  };
}

/** People who sign in with email and password. Passwords are stored as argon2id hashes only. */
export class UserService {
  constructor(private readonly ds: DataSource) {}

  async create(
    input: CreateUserInput,
    path: string[] = ["input"],
  ): Promise<{ user: UserRecord | null; userErrors: UserErrorData[] }> {
    const userErrors: UserErrorData[] = [];
    const email = normalizeEmail(input.email);
    if ("problem" in email)
      userErrors.push({ field: [...path, "email"], code: "INVALID", message: `email ${email.problem}` });
    const weak = passwordProblem(input.password);
    if (weak) userErrors.push({ field: [...path, "password"], code: "INVALID", message: `password ${weak}` });
    if (!isRole(input.role)) {
      userErrors.push({
        field: [...path, "role"],
        code: "INVALID",
        message: `role must be one of ${Object.values(Role).join(", ")}`,
      });
    }
    const name = input.name?.trim() || null;
    if (name !== null && name.length > 200)
      userErrors.push({
        field: [...path, "name"],
        code: "INVALID",
        message: "name must be at most 200 characters",
      });
    if (userErrors.length > 0 || "problem" in email) return { user: null, userErrors };

    const passwordHash = await hashPassword(input.password);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `INSERT INTO users (email, password_hash, role, name) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${COLUMNS}`,
      [email.email, passwordHash, input.role, name],
    );
    if (rows.length === 0) {
      return {
        user: null,
        userErrors: [
          {
            field: [...path, "email"],
            code: "TAKEN",
            message: `a user with email ${email.email} already exists`,
          },
        ],
      };
    }
    return { user: toUser(rows[0]!), userErrors: [] };
  }

  async get(id: string): Promise<UserRecord | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM users WHERE id = $1::uuid`,
      [id],
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** For sign-in only: the one place the password hash leaves the database. */
  async findWithPasswordHash(email: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    const r = rows[0];
    return r ? { ...toUser(r), passwordHash: String(r.password_hash) } : null;
  }

  async list(first: number, after: string | null): Promise<Page<UserRecord>> {
    const params: unknown[] = [first + 1];
    const where = afterClause("user", after, params);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${COLUMNS}, ${KEYSET_MICROS}::text AS micros FROM users WHERE ${where}
         ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query("SELECT count(*)::int AS n FROM users") as Promise<{ n: number }[]>,
    ]);
    return toPage(
      "user",
      rows.map((r) => ({ node: toUser(r), micros: String(r.micros) })),
      first,
      count[0]!.n,
    );
  }
}
