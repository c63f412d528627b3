import { describe, expect, it } from "vitest";
import { ApiKeyScope, Permission, permissionsOf, Role, roleOfScopes } from "./permissions";

const { READ, SYNC, EDIT, ADMIN } = Permission;

// Every role × every permission, written out so a change to the table shows up here.
const ROLE_TABLE: [Role, Permission, boolean][] = [
  [Role.ADMIN, READ, true],
  [Role.ADMIN, SYNC, true],
  [Role.ADMIN, EDIT, true],
  [Role.ADMIN, ADMIN, true],
  [Role.OPERATOR, READ, true],
  [Role.OPERATOR, SYNC, true],
  [Role.OPERATOR, EDIT, true],
  [Role.OPERATOR, ADMIN, false],
  [Role.VIEWER, READ, true],
  [Role.VIEWER, SYNC, false],
  [Role.VIEWER, EDIT, false],
  [Role.VIEWER, ADMIN, false],
];

const SCOPE_TABLE: [ApiKeyScope, Permission, boolean][] = [
  [ApiKeyScope.ADMIN, READ, true],
  [ApiKeyScope.ADMIN, SYNC, true],
  [ApiKeyScope.ADMIN, EDIT, true],
  [ApiKeyScope.ADMIN, ADMIN, true],
  [ApiKeyScope.SYNC, READ, true],
  [ApiKeyScope.SYNC, SYNC, true],
  [ApiKeyScope.SYNC, EDIT, false],
  [ApiKeyScope.SYNC, ADMIN, false],
  [ApiKeyScope.READ, READ, true],
  [ApiKeyScope.READ, SYNC, false],
  [ApiKeyScope.READ, EDIT, false],
  [ApiKeyScope.READ, ADMIN, false],
];

describe("permissionsOf", () => {
  it("covers every role and every permission", () => {
    expect(ROLE_TABLE).toHaveLength(Object.values(Role).length * Object.values(Permission).length);
    expect(SCOPE_TABLE).toHaveLength(Object.values(ApiKeyScope).length * Object.values(Permission).length);
  });

  it.each(ROLE_TABLE)("a person with role %s has %s: %s", (role, permission, granted) => {
    expect(permissionsOf({ kind: "user", role, scopes: [] }).has(permission)).toBe(granted);
  });

  it.each(SCOPE_TABLE)("an API key with scope %s has %s: %s", (scope, permission, granted) => {
    // The key's shown role must not matter: only its scopes do.
    expect(permissionsOf({ kind: "apiKey", role: Role.ADMIN, scopes: [scope] }).has(permission)).toBe(
      granted,
    );
    expect(permissionsOf({ kind: "apiKey", role: Role.VIEWER, scopes: [scope] }).has(permission)).toBe(
      granted,
    );
  });

  it("unions the permissions of several scopes", () => {
    expect([...permissionsOf({ kind: "apiKey", role: "VIEWER", scopes: ["read", "sync"] })].sort()).toEqual([
      READ,
      SYNC,
    ]);
  });

  it.each([
    ["an API key without scopes", { kind: "apiKey" as const, role: "ADMIN", scopes: [] }],
    [
      "an API key with only unknown scopes",
      { kind: "apiKey" as const, role: "ADMIN", scopes: ["write", "ADMIN"] },
    ],
    ["a person with an unknown role", { kind: "user" as const, role: "ROOT", scopes: ["admin"] }],
  ])("grants nothing to %s", (_label, viewer) => {
    expect(permissionsOf(viewer).size).toBe(0);
  });
});

describe("roleOfScopes", () => {
  it.each([
    [["admin"], Role.ADMIN],
    [["read", "admin"], Role.ADMIN],
    [["sync"], Role.OPERATOR],
    [["read", "sync"], Role.OPERATOR],
    [["read"], Role.VIEWER],
    [[], Role.VIEWER],
  ])("%j shows as %s", (scopes, role) => {
    expect(roleOfScopes(scopes)).toBe(role);
  });
});
