import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { resolvers } from "../graphql/schema";
import { findUndeclaredOperations, Permission, permissionsOf, type AuthViewer } from ".";

/**
 * Every operation of the real schema × every kind of caller, generated from the schema itself: a new
 * query or mutation is covered the day it is added, and one without an auth declaration fails here.
 */
let h: ApiHarness;
const callers: Record<string, { header: string | undefined; viewer: AuthViewer | null }> = {};

beforeAll(async () => {
  h = await createApiHarness({ products: 5 });
  const auth = h.api.services.auth;
  for (const role of ["ADMIN", "OPERATOR", "VIEWER"] as const) {
    const email = `${role.toLowerCase()}@example.test`;
    const password = "correct horse battery staple";
    const created = await auth.users.create({ email, password, role });
    expect(created.userErrors).toEqual([]);
    const signed = await auth.sessions.signIn({ email, password }, null);
    callers[`${role} user`] = {
      header: `Bearer ${signed.token}`,
      viewer: await auth.authenticate(`Bearer ${signed.token}`),
    };
  }
  for (const scope of ["read", "sync", "admin"]) {
    const key = await auth.apiKeys.create({ name: `${scope} key`, scopes: [scope] }, null);
    expect(key.userErrors).toEqual([]);
    callers[`${scope} key`] = {
      header: `Bearer ${key.secret}`,
      viewer: await auth.authenticate(`Bearer ${key.secret}`),
    };
  }
  callers["anonymous"] = { header: undefined, viewer: null };
});
afterAll(async () => h?.close());

function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((f) => isNonNullType(f.type) || depth === 0)
        .map((f) => [f.name, sample(f.type, depth + 1)]),
    );
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case "Int":
      case "Float":
        return 1;
      case "Boolean":
        return false;
      case "Decimal":
        return "1000";
      case "DateTimeISO":
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return "1";
    }
  }
  return null;
}

function operationFor(
  kind: "query" | "mutation",
  field: GraphQLField<unknown, unknown>,
): { query: string; variables: Record<string, unknown> } {
  const args = field.args as readonly GraphQLArgument[];
  const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return {
    query: `${kind} Op${decl ? `(${decl})` : ""} { ${field.name}${call ? `(${call})` : ""} { __typename } }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

/** The permission each operation declares, read from type-graphql's own metadata. */
function declared(field: string): Permission[] | "public" | "signed-in" {
  const storage = getMetadataStorage();
  const auth = storage.authorizedFields.find((f) => f.fieldName === field);
  if (!auth) return "public";
  return auth.roles.length === 0 ? "signed-in" : (auth.roles as Permission[]);
}

describe("authorization of every operation", () => {
  it("every operation declares who may call it", () => {
    expect(findUndeclaredOperations(h.api.schema, [...resolvers])).toEqual([]);
  });

  const ops: ["query" | "mutation", string][] = [];
  it("finds the operations", () => {
    for (const kind of ["query", "mutation"] as const) {
      const type = (
        kind === "query" ? h.api.schema.getQueryType() : h.api.schema.getMutationType()
      ) as GraphQLObjectType;
      for (const name of Object.keys(type.getFields())) ops.push([kind, name]);
    }
    expect(ops.length).toBeGreaterThan(15);
  });

  it("allows exactly the callers whose role or scopes grant the declared permission", async () => {
    const failures: string[] = [];
    for (const [kind, name] of ops) {
      if (name === "signIn" || name === "signOut") continue; // exercised in sessions tests: they change the caller
      const type = (
        kind === "query" ? h.api.schema.getQueryType() : h.api.schema.getMutationType()
      ) as GraphQLObjectType;
      const op = operationFor(kind, type.getFields()[name]!);
      const need = declared(name);
      for (const [who, caller] of Object.entries(callers)) {
        const res = await fetch(`${h.api.url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(caller.header ? { authorization: caller.header } : {}),
          },
          body: JSON.stringify(op),
        });
        const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        const refused = codes.includes("UNAUTHENTICATED") || codes.includes("FORBIDDEN");
        const allowed =
          need === "public" ||
          (caller.viewer !== null &&
            (need === "signed-in" || need.some((p) => permissionsOf(caller.viewer!).has(p))));
        if (allowed === refused)
          failures.push(
            `${kind} ${name} as ${who}: expected ${allowed ? "allowed" : "refused"}, got ${JSON.stringify(codes)}`,
          );
        if (!allowed && caller.viewer === null && !codes.includes("UNAUTHENTICATED"))
          failures.push(`${name} as anonymous: not UNAUTHENTICATED`);
      }
    }
    expect(failures).toEqual([]);
  });
});
