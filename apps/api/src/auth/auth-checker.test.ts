import "reflect-metadata";
import { graphql, parse, subscribe, type ExecutionResult, type GraphQLSchema } from "graphql";
import { Authorized, buildSchema, Mutation, Query, Resolver, Subscription } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { authChecker } from "./auth-checker";
import { AuthResolver } from "./auth.resolver";
import { findUndeclaredOperations } from "./declarations";
import { Permission } from "./permissions";
import { Public } from "./public";
import type { AuthViewer } from "./viewer";

@Resolver()
class CatalogResolver {
  @Authorized(Permission.READ)
  @Query(() => String)
  readThing(): string {
    return "read";
  }

  @Authorized()
  @Query(() => String)
  anyone(): string {
    return "anyone";
  }

  @Public()
  @Query(() => String)
  open(): string {
    return "open";
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => String)
  syncThing(): string {
    return "sync";
  }

  @Authorized(Permission.EDIT)
  @Mutation(() => String)
  editThing(): string {
    return "edit";
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => String)
  adminThing(): string {
    return "admin";
  }

  @Authorized(Permission.SYNC, Permission.EDIT)
  @Mutation(() => String)
  syncOrEdit(): string {
    return "either";
  }

  @Authorized(Permission.READ)
  @Subscription(() => String, {
    subscribe: async function* () {
      yield "tick";
    },
  })
  ticks(): string {
    return "tick";
  }
}

@Authorized(Permission.ADMIN)
@Resolver()
class SettingsResolver {
  @Query(() => String)
  settings(): string {
    return "settings";
  }
}

@Resolver()
class CarelessResolver {
  @Query(() => String)
  forgotten(): string {
    return "oops";
  }

  @Authorized("REED")
  @Mutation(() => String)
  typo(): string {
    return "typo";
  }
}

// type-graphql insists on a pubSub whenever there are subscriptions; ours bring their own iterators.
const pubSub = {
  publish: () => undefined,
  subscribe: (): AsyncIterable<never> => {
    throw new Error("topics are not used");
  },
};

let schema: GraphQLSchema;
let careless: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({
    resolvers: [CatalogResolver, SettingsResolver],
    authChecker,
    validate: false,
    pubSub,
  });
  careless = await buildSchema({
    resolvers: [CatalogResolver, CarelessResolver],
    authChecker,
    validate: false,
    pubSub,
  });
});

const person = (role: AuthViewer["role"]): AuthViewer => ({
  id: `u-${role}`,
  kind: "user",
  role,
  scopes: [],
});
const key = (...scopes: string[]): AuthViewer => ({
  id: `k-${scopes.join("-")}`,
  kind: "apiKey",
  role: "VIEWER",
  scopes,
});

const VIEWERS: Record<string, AuthViewer | null> = {
  anonymous: null,
  VIEWER: person("VIEWER"),
  OPERATOR: person("OPERATOR"),
  ADMIN: person("ADMIN"),
  "key:read": key("read"),
  "key:sync": key("sync"),
  "key:admin": key("admin"),
};

const OPERATIONS: Record<string, string> = {
  readThing: "{ readThing }",
  anyone: "{ anyone }",
  open: "{ open }",
  settings: "{ settings }",
  syncThing: "mutation { syncThing }",
  editThing: "mutation { editThing }",
  adminThing: "mutation { adminThing }",
  syncOrEdit: "mutation { syncOrEdit }",
};

type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN";
const U: Outcome = "UNAUTHENTICATED";
const F: Outcome = "FORBIDDEN";
// Columns: anonymous, VIEWER, OPERATOR, ADMIN, key:read, key:sync, key:admin
const EXPECTED: Record<string, Outcome[]> = {
  readThing: [U, "ok", "ok", "ok", "ok", "ok", "ok"],
  anyone: [U, "ok", "ok", "ok", "ok", "ok", "ok"],
  open: ["ok", "ok", "ok", "ok", "ok", "ok", "ok"],
  settings: [U, F, F, "ok", F, F, "ok"],
  syncThing: [U, F, "ok", "ok", F, "ok", "ok"],
  editThing: [U, F, "ok", "ok", F, F, "ok"],
  adminThing: [U, F, F, "ok", F, F, "ok"],
  syncOrEdit: [U, F, "ok", "ok", F, "ok", "ok"],
};

const cases = Object.entries(EXPECTED).flatMap(([op, outcomes]) =>
  Object.keys(VIEWERS).map((who, i) => [op, who, outcomes[i]!] as const),
);

function outcomeOf(result: ExecutionResult): Outcome | string {
  if (!result.errors?.length) return "ok";
  return String(result.errors[0]!.extensions.code ?? result.errors[0]!.message);
}

describe("authChecker", () => {
  it.each(cases)("%s by %s → %s", async (op, who, expected) => {
    const result = await graphql({ schema, source: OPERATIONS[op]!, contextValue: { viewer: VIEWERS[who] } });
    expect(outcomeOf(result)).toBe(expected);
    if (expected === "ok") expect(result.data).not.toBeNull();
  });

  it("explains a refusal with the permission needed and what the caller has", async () => {
    const byKey = await graphql({
      schema,
      source: "mutation { editThing }",
      contextValue: { viewer: key("read", "sync") },
    });
    expect(byKey.errors?.[0]?.message).toBe(
      "This operation needs permission EDIT; this API key (scopes: read, sync) does not have it",
    );
    const byPerson = await graphql({
      schema,
      source: "mutation { adminThing }",
      contextValue: { viewer: person("OPERATOR") },
    });
    expect(byPerson.errors?.[0]?.message).toBe(
      "This operation needs permission ADMIN; role OPERATOR does not have it",
    );
    const anonymous = await graphql({ schema, source: "{ readThing }", contextValue: { viewer: null } });
    expect(anonymous.errors?.[0]?.message).toBe("Sign in or send an API key: Authorization: Bearer <token>");
  });

  it("refuses a subscription when it starts, not at its first event", async () => {
    const refused = await subscribe({
      schema,
      document: parse("subscription { ticks }"),
      contextValue: { viewer: null },
    });
    expect(Symbol.asyncIterator in refused).toBe(false);
    expect(outcomeOf(refused as ExecutionResult)).toBe("UNAUTHENTICATED");
    const allowed = await subscribe({
      schema,
      document: parse("subscription { ticks }"),
      contextValue: { viewer: key("read") },
    });
    expect(Symbol.asyncIterator in allowed).toBe(true);
  });

  it("fails loudly on a permission that does not exist", async () => {
    const result = await graphql({
      schema: careless,
      source: "mutation { typo }",
      contextValue: { viewer: person("ADMIN") },
    });
    expect(result.errors?.[0]?.message).toBe('@Authorized declares unknown permission "REED"');
  });
});

describe("findUndeclaredOperations", () => {
  it("finds nothing when every operation declares its auth", () => {
    expect(findUndeclaredOperations(schema, [CatalogResolver, SettingsResolver])).toEqual([]);
  });

  it("names operations without a declaration and with an unknown permission", () => {
    expect(findUndeclaredOperations(careless, [CatalogResolver, CarelessResolver])).toEqual([
      { operation: "Query.forgotten", reason: "declares neither @Authorized(...) nor @Public()" },
      { operation: "Mutation.typo", reason: "unknown permission(s): REED" },
    ]);
  });

  it("finds every auth operation declared", async () => {
    const authSchema = await buildSchema({ resolvers: [AuthResolver], authChecker, validate: false });
    const names = Object.keys(authSchema.getQueryType()!.getFields()).concat(
      Object.keys(authSchema.getMutationType()!.getFields()),
    );
    expect(names.sort()).toEqual([
      "apiKeys",
      "createApiKey",
      "createUser",
      "resetPassword",
      "revokeApiKey",
      "revokeSessions",
      "signIn",
      "signOut",
      "updateUser",
      "users",
      "viewer",
    ]);
    expect(findUndeclaredOperations(authSchema, [AuthResolver])).toEqual([]);
  });
});
