import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { PageArgs, pageSize } from "../graphql/pagination";
import type { AuthServices } from "./services";
import {
  ApiKeyConnection,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  CreateUserInput,
  CreateUserPayload,
  ResetPasswordInput,
  ResetPasswordPayload,
  RevokeApiKeyPayload,
  RevokeSessionsPayload,
  UpdateUserInput,
  UpdateUserPayload,
  SignInInput,
  SignInPayload,
  UserConnection,
  ViewerInfo,
  ViewerKind,
} from "./auth.types";
import { Permission, permissionsOf, Role } from "./permissions";
import { Public } from "./public";
import type { ViewerContext } from "./viewer";

/** What the auth resolver needs from the GraphQL context (ApiContext provides it). */
export interface AuthContext extends ViewerContext {
  /** The caller's IP address, for the sign-in throttle. */
  clientIp?: string | null;
  services: { auth: AuthServices };
}

@Resolver()
export class AuthResolver {
  @Public()
  @Mutation(() => SignInPayload, { description: "Email + password → a session token (12 h by default)." })
  signIn(
    @Arg("input", () => SignInInput) input: SignInInput,
    @Ctx() ctx: AuthContext,
  ): Promise<SignInPayload> {
    return ctx.services.auth.sessions.signIn(input, ctx.clientIp ?? null);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "Revokes the session token this request was sent with; false for other credentials.",
  })
  signOut(@Ctx() ctx: AuthContext): Promise<boolean> {
    const sessionId = ctx.viewer?.sessionId;
    return sessionId ? ctx.services.auth.sessions.revoke(sessionId) : Promise.resolve(false);
  }

  @Public()
  @Query(() => ViewerInfo, { nullable: true, description: "Who is calling; null when anonymous." })
  viewer(@Ctx() ctx: AuthContext): ViewerInfo | null {
    const v = ctx.viewer;
    if (!v) return null;
    return {
      id: v.id,
      kind: v.kind === "apiKey" ? ViewerKind.API_KEY : ViewerKind.USER,
      role: v.role as Role,
      scopes: v.scopes,
      permissions: [...permissionsOf(v)],
      email: v.email ?? null,
      name: v.name ?? null,
      expiresAt: v.expiresAt ?? null,
    };
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => CreateApiKeyPayload, {
    description: "A new partner API key; its secret is in this response only.",
  })
  createApiKey(
    @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: AuthContext,
  ): Promise<CreateApiKeyPayload> {
    return ctx.services.auth.apiKeys.create(input, ctx.viewer?.id ?? null);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => RevokeApiKeyPayload, {
    description: "The key stops working at once. Revoking twice is harmless.",
  })
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext): Promise<RevokeApiKeyPayload> {
    return ctx.services.auth.apiKeys.revoke(id);
  }

  @Authorized(Permission.ADMIN)
  @Query(() => ApiKeyConnection, {
    description: "Every API key, revoked and expired ones included, newest first.",
  })
  apiKeys(@Args() { first, after }: PageArgs, @Ctx() ctx: AuthContext) {
    return ctx.services.auth.apiKeys.list(pageSize(first), after ?? null);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => CreateUserPayload)
  createUser(
    @Arg("input", () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: AuthContext,
  ): Promise<CreateUserPayload> {
    return ctx.services.auth.users.create(input);
  }

  @Authorized(Permission.ADMIN)
  @Query(() => UserConnection, { description: "People who can sign in, newest first." })
  users(@Args() { first, after }: PageArgs, @Ctx() ctx: AuthContext) {
    return ctx.services.auth.users.list(pageSize(first), after ?? null);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => UpdateUserPayload, {
    description:
      "Changes a user's role, name or disabled state; the change applies to their open sessions at once. The last enabled ADMIN cannot be demoted or disabled.",
  })
  updateUser(
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: AuthContext,
  ): Promise<UpdateUserPayload> {
    return ctx.services.auth.accounts.updateUser(input);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => ResetPasswordPayload, {
    description: "Sets a new password for a user and signs them out everywhere.",
  })
  resetPassword(
    @Arg("input", () => ResetPasswordInput) input: ResetPasswordInput,
    @Ctx() ctx: AuthContext,
  ): Promise<ResetPasswordPayload> {
    return ctx.services.auth.accounts.resetPassword(input);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => RevokeSessionsPayload, {
    description: "Signs a user out everywhere: every open session of theirs stops working at once.",
  })
  revokeSessions(
    @Arg("userId", () => ID) userId: string,
    @Ctx() ctx: AuthContext,
  ): Promise<RevokeSessionsPayload> {
    return ctx.services.auth.accounts.revokeSessions(userId);
  }
}
