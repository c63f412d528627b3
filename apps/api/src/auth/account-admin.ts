import { UserRepository, type UserChangeRefusal } from "@syncstore/db";
import type { DataSource } from "typeorm";
import type { UserErrorData } from "./page";
import { ruleRef } from "@syncstore/core";
import { ruleFields } from "../graphql/types/common";
import { hashPassword, passwordRefusal } from "./passwords";
import { isRole, Role } from "./permissions";
import type { SessionService } from "./sessions";
import { toUser, type UserRecord } from "./users";

/** Tells every API instance that a user's credentials changed (their open sockets are re-checked). */
export type PublishUserChange = (change: { kind: "user"; id: string }) => Promise<void>;

export interface UpdateUserInput {
  id: string;
  role?: Role | string | null;
  disabled?: boolean | null;
  name?: string | null;
}

export interface UserPayload {
  user: UserRecord | null;
  userErrors: UserErrorData[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = (field: string[]): UserErrorData => ({
  field,
  code: "NOT_FOUND",
  message: "No user has this id",
});

const REFUSALS: Record<UserChangeRefusal, (path: string[]) => UserErrorData> = {
  NOT_FOUND: (path) => notFound([...path, "id"]),
  LAST_ADMIN: (path) => ({
    field: path,
    code: "LAST_ADMIN",
    message: "This is the last enabled ADMIN; make another user ADMIN first",
  }),
};

/**
 * Locking out a compromised person: role changes, disabling, password resets and signing out
 * everywhere. Each change is committed in PostgreSQL (which every request reads) and then announced,
 * so open WebSockets of the user are closed too. A change that would leave no enabled ADMIN is refused.
 */
export class AccountAdmin {
  private readonly users: UserRepository;
  private readonly clock: () => number;

  constructor(
    ds: DataSource,
    private readonly sessions: Pick<SessionService, "revokeAllOf">,
    private readonly publish: PublishUserChange,
    opts: { clock?: () => number } = {},
  ) {
    this.users = new UserRepository(ds);
    this.clock = opts.clock ?? Date.now;
  }

  async updateUser(input: UpdateUserInput, path: string[] = ["input"]): Promise<UserPayload> {
    const userErrors: UserErrorData[] = [];
    if (!UUID.test(input.id)) return { user: null, userErrors: [notFound([...path, "id"])] };
    const role = input.role ?? undefined;
    if (role !== undefined && !isRole(role))
      userErrors.push({
        field: [...path, "role"],
        code: "INVALID",
        message: `role must be one of ${Object.values(Role).join(", ")}`,
      });
    let name: string | null | undefined;
    if (input.name !== undefined) {
      name = input.name?.trim() || null;
      if (name !== null && name.length > 200)
        userErrors.push({
          field: [...path, "name"],
          code: "INVALID",
          message: "name must be at most 200 characters",
          ...ruleFields(ruleRef("MAX_LENGTH", { max: 200, actual: name.length })),
        });
    }
    if (userErrors.length > 0) return { user: null, userErrors };

    const result = await this.users.update(
      input.id,
      { role, disabled: input.disabled ?? undefined, name },
      new Date(this.clock()),
    );
    if ("refused" in result) return { user: null, userErrors: [REFUSALS[result.refused](path)] };
    await this.publish({ kind: "user", id: input.id });
    return { user: toUser(result.user), userErrors: [] };
  }

  /** A new password chosen by an admin (or the CLI); the user is signed out everywhere. */
  async resetPassword(
    input: { userId: string; password: string },
    path: string[] = ["input"],
  ): Promise<UserPayload & { revokedSessions: number }> {
    if (!UUID.test(input.userId))
      return { user: null, revokedSessions: 0, userErrors: [notFound([...path, "userId"])] };
    const weak = passwordRefusal(input.password);
    if (weak)
      return {
        user: null,
        revokedSessions: 0,
        userErrors: [
          {
            field: [...path, "password"],
            code: "INVALID",
            message: `password ${weak.problem}`,
            ...ruleFields(weak),
          },
        ],
      };
    const result = await this.users.setPassword(
      input.userId,
      await hashPassword(input.password),
      new Date(this.clock()),
    );
    if (!result) return { user: null, revokedSessions: 0, userErrors: [notFound([...path, "userId"])] };
    await this.publish({ kind: "user", id: input.userId });
    return { user: toUser(result.user), revokedSessions: result.revokedSessions, userErrors: [] };
  }

  /** Signs the user out everywhere; their API keys are not affected (revoke those one by one). */
  async revokeSessions(
    userId: string,
    path: string[] = ["userId"],
  ): Promise<UserPayload & { revokedSessions: number }> {
    const row = UUID.test(userId) ? await this.users.get(userId) : null;
    if (!row) return { user: null, revokedSessions: 0, userErrors: [notFound(path)] };
    const revokedSessions = await this.sessions.revokeAllOf(userId);
    await this.publish({ kind: "user", id: userId });
    return { user: toUser(row), revokedSessions, userErrors: [] };
  }
}
