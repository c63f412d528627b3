import { UserRepository, type UserRow } from "@syncstore/db";
import type { DataSource } from "typeorm";
import { positionAfter, toPage, type Page, type UserErrorData } from "./page";
import { ruleRef } from "@syncstore/core";
import { ruleFields } from "../graphql/types/common";
import { hashPassword, normalizeEmail, passwordRefusal } from "./passwords";
import { isRole, Role } from "./permissions";

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

/** How far back "recent failed sign-ins" look. */
export const RECENT_FAILURES_DAYS = 7;

export interface SignInFailures {
  count: number;
  lastAt: Date | null;
  /** Distinct client addresses, most recent first, at most five. */
  clients: string[];
  days: number;
}

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role | string;
  name?: string | null;
}

/** A user record from its row; the role column is constrained to the roles, checked here once more. */
export function toUser(row: UserRow): UserRecord {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role ${row.role}`);
  return { ...row, role: row.role };
}

/** People who sign in with email and password. Passwords are stored as argon2id hashes only. */
export class UserService {
  private readonly users: UserRepository;

  constructor(ds: DataSource) {
    this.users = new UserRepository(ds);
  }

  async create(
    input: CreateUserInput,
    path: string[] = ["input"],
  ): Promise<{ user: UserRecord | null; userErrors: UserErrorData[] }> {
    const userErrors: UserErrorData[] = [];
    const email = normalizeEmail(input.email);
    if ("problem" in email)
      userErrors.push({
        field: [...path, "email"],
        code: "INVALID",
        message: `email ${email.problem}`,
        ...ruleFields(email),
      });
    const weak = passwordRefusal(input.password);
    if (weak)
      userErrors.push({
        field: [...path, "password"],
        code: "INVALID",
        message: `password ${weak.problem}`,
        ...ruleFields(weak),
      });
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
        ...ruleFields(ruleRef("MAX_LENGTH", { max: 200, actual: name.length })),
      });
    if (userErrors.length > 0 || "problem" in email) return { user: null, userErrors };

    const passwordHash = await hashPassword(input.password);
    const row = await this.users.insert({ email: email.email, passwordHash, role: input.role, name });
    if (!row) {
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
    return { user: toUser(row), userErrors: [] };
  }

  async get(id: string): Promise<UserRecord | null> {
    const row = await this.users.get(id);
    return row ? toUser(row) : null;
  }

  /** For sign-in only: the one place the password hash leaves the database. */
  async lookupForSignIn(
    email: string,
  ): Promise<{ canonicalEmail: string; user: (UserRecord & { passwordHash: string }) | null }> {
    const { canonicalEmail, user } = await this.users.lookupForSignIn(email);
    return { canonicalEmail, user: user ? { ...toUser(user), passwordHash: user.passwordHash } : null };
  }

  recordSignInFailure(userId: string, client: string | null, at: Date): Promise<void> {
    return this.users.recordSignInFailure(userId, client, at);
  }

  /** Failed sign-ins of each user over the last `RECENT_FAILURES_DAYS` days, in the order asked. */
  async recentSignInFailures(userIds: readonly string[], now = Date.now()): Promise<SignInFailures[]> {
    const since = new Date(now - RECENT_FAILURES_DAYS * 86_400_000);
    const rows = await this.users.signInFailureSummaries(userIds, since);
    const byId = new Map(rows.map((r) => [r.userId, r]));
    return userIds.map((id) => {
      const r = byId.get(id);
      return {
        count: r?.count ?? 0,
        lastAt: r?.lastAt ?? null,
        clients: r?.clients ?? [],
        days: RECENT_FAILURES_DAYS,
      };
    });
  }

  async list(first: number, after: string | null): Promise<Page<UserRecord>> {
    const page = await this.users.list(first + 1, positionAfter("user", after));
    return toPage("user", page, first, toUser);
  }
}
