import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError, connectionType, type Connection } from "../graphql/types/common";
import { ApiKeyScope, Permission, Role } from "./permissions";

export enum ViewerKind {
  USER = "user",
  API_KEY = "apiKey",
}

registerEnumType(Role, {
  name: "Role",
  description: "What a person may do.",
  valuesConfig: {
    ADMIN: { description: "Everything, including users, API keys and channel settings." },
    OPERATOR: { description: "Read, sync, retry, cancel, and edit products." },
    VIEWER: { description: "Read only." },
  },
});
registerEnumType(Permission, { name: "Permission", description: "What an operation requires." });
registerEnumType(ApiKeyScope, {
  name: "ApiKeyScope",
  description: "What an API key may do.",
  valuesConfig: {
    READ: { description: "Read operations and subscriptions." },
    SYNC: { description: "Read, plus start, cancel and retry syncs and handle dead letters." },
    ADMIN: { description: "Everything." },
  },
});
registerEnumType(ViewerKind, { name: "ViewerKind" });

@ObjectType({
  description:
    "Failed sign-ins of an account over the last days: many of them, from many clients, mean someone is guessing.",
})
export class FailedSignIns {
  @Field(() => Int, { description: "Wrong passwords given for this account in the period." })
  count!: number;
  @Field(() => Date, { nullable: true })
  lastAt!: Date | null;
  @Field(() => [String], {
    description: "Client addresses they came from, most recent first (at most five).",
  })
  clients!: string[];
  @Field(() => Int, { description: "How many days back the count goes." })
  days!: number;
}

@ObjectType({ description: "A person who signs in." })
export class User {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  email!: string;
  @Field(() => String, { nullable: true })
  name!: string | null;
  @Field(() => Role)
  role!: Role;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true, description: "Set when the user may no longer sign in." })
  disabledAt!: Date | null;
}

export const UserConnection = connectionType("User", User);
export type UserConnection = Connection<User>;

@ObjectType({
  description:
    "A partner API key. The secret is shown once, at creation; only the prefix identifies it later.",
})
export class ApiKey {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: "The visible part of the key (ssk_<prefix>_…)." })
  prefix!: string;
  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: "Accurate to about a minute." })
  lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

export const ApiKeyConnection = connectionType("ApiKey", ApiKey);
export type ApiKeyConnection = Connection<ApiKey>;

@ObjectType("Viewer", { description: "Who is calling and what they may do." })
export class ViewerInfo {
  @Field(() => ID)
  id!: string;
  @Field(() => ViewerKind)
  kind!: ViewerKind;
  @Field(() => Role, {
    description: "For API keys, derived from the scopes: admin → ADMIN, sync → OPERATOR, read → VIEWER.",
  })
  role!: Role;
  @Field(() => [String], { description: "API key scopes; empty for people." })
  scopes!: string[];
  @Field(() => [Permission])
  permissions!: Permission[];
  @Field(() => String, { nullable: true })
  email!: string | null;
  @Field(() => String, { nullable: true })
  name!: string | null;
  @Field(() => Date, { nullable: true, description: "When this credential stops working." })
  expiresAt!: Date | null;
}

@InputType()
export class SignInInput {
  @Field(() => String)
  email!: string;
  @Field(() => String)
  password!: string;
}

@ObjectType()
export class SignInPayload {
  @Field(() => String, {
    nullable: true,
    description: "Send as `Authorization: Bearer <token>`; shown once.",
  })
  token!: string | null;
  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;
  @Field(() => User, { nullable: true })
  user!: User | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: "What the key is for, e.g. the partner's name." })
  name!: string;
  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];
  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;
  @Field(() => String, {
    nullable: true,
    description: "The whole key. Store it now: it is never shown again.",
  })
  secret!: string | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey!: ApiKey | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email!: string;
  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
  @Field(() => Role)
  role!: Role;
  @Field(() => String, { nullable: true })
  name?: string | null;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: "Only the fields given change." })
export class UpdateUserInput {
  @Field(() => ID)
  id!: string;
  @Field(() => Role, { nullable: true })
  role?: Role | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: the user can no longer sign in, and their sessions and API keys stop working at once.",
  })
  disabled?: boolean | null;
  @Field(() => String, { nullable: true })
  name?: string | null;
}

@ObjectType()
export class UpdateUserPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  userId!: string;
  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
}

@ObjectType()
export class RevokeSessionsPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;
  @Field(() => Int, { description: "Open sessions that were ended." })
  revokedSessions!: number;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class ResetPasswordPayload {
  @Field(() => User, { nullable: true })
  user!: User | null;
  @Field(() => Int, { description: "Open sessions that were ended with the old password." })
  revokedSessions!: number;
  @Field(() => [UserError])
  userErrors!: UserError[];
}
