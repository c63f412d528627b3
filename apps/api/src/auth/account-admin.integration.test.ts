import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness, type GraphQLResponse } from "../testing/harness";

/**
 * Locking out a compromised person over the real API: whatever an admin changes applies to the
 * person's very next request, on every credential they hold.
 */
let h: ApiHarness;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => h?.close());

const USER = "user { id role disabledAt }";

async function createUser(role: "ADMIN" | "OPERATOR" | "VIEWER"): Promise<{ id: string; email: string }> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.test`;
  const res = await h.gql<{ createUser: { user: { id: string } } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }`,
    { input: { email, password: PASSWORD, role } },
  );
  return { id: res.data!.createUser.user.id, email };
}

async function signIn(email: string, password = PASSWORD) {
  const res = await h.gql<{ signIn: { token: string | null; userErrors: { code: string }[] } }>(
    `mutation($input: SignInInput!) { signIn(input: $input) { token userErrors { code } } }`,
    { input: { email, password } },
    { authorization: "" },
  );
  return res.data!.signIn;
}

/** As the holder of `token`: who am I, and may I list users (ADMIN)? */
async function as(token: string, query = "{ viewer { role } }") {
  const res = await fetch(`${h.api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as GraphQLResponse<Record<string, unknown>>;
  return { status: res.status, body, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
}

async function updateUser(input: Record<string, unknown>, token?: string) {
  const res = await h.gql<{
    updateUser: {
      user: { id: string; role: string; disabledAt: string | null } | null;
      userErrors: unknown[];
    };
  }>(
    `mutation($input: UpdateUserInput!) { updateUser(input: $input) { ${USER} userErrors { field code message } } }`,
    { input },
    token ? { authorization: `Bearer ${token}` } : undefined,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.updateUser;
}

describe("updateUser", () => {
  it("disabling a person ends their sessions and API keys at once, and keeps them out", async () => {
    await createUser("ADMIN"); // someone stays in charge
    const admin = await createUser("ADMIN");
    const { token } = await signIn(admin.email);
    const key = await as(
      token!,
      `mutation { createApiKey(input: { name: "minted by a soon-disabled admin", scopes: [ADMIN] }) { secret } }`,
    );
    const secret = (key.body.data as { createApiKey: { secret: string } }).createApiKey.secret;
    expect((await as(secret)).status).toBe(200);

    const { user, userErrors } = await updateUser({ id: admin.id, disabled: true });
    expect(userErrors).toEqual([]);
    expect(user?.disabledAt).not.toBeNull();

    const session = await as(token!);
    expect(session.status).toBe(401);
    expect(session.codes).toEqual(["UNAUTHENTICATED"]);
    const keyAfter = await as(secret);
    expect(keyAfter.status).toBe(401);
    expect(keyAfter.body.errors?.[0]?.message).toMatch(/belongs to a disabled user/);
    expect((await signIn(admin.email)).userErrors).toEqual([{ code: "ACCOUNT_DISABLED" }]);

    // Enabling again lets them sign in anew; the old session stays ended, their keys work again.
    expect((await updateUser({ id: admin.id, disabled: false })).user?.disabledAt).toBeNull();
    expect((await as(token!)).status).toBe(401);
    expect((await signIn(admin.email)).token).toMatch(/^sst_/);
    expect((await as(secret)).status).toBe(200);
  });

  it("a role change applies to the open session's next request", async () => {
    const admin = await createUser("ADMIN");
    const { token } = await signIn(admin.email);
    expect((await as(token!, "{ users(first: 1) { totalCount } }")).codes).toEqual([]);
    expect((await updateUser({ id: admin.id, role: "VIEWER" })).user?.role).toBe("VIEWER");
    expect((await as(token!, "{ users(first: 1) { totalCount } }")).codes).toEqual(["FORBIDDEN"]);
    expect((await as(token!)).body.data).toEqual({ viewer: { role: "VIEWER" } });
  });

  it("refuses to demote or disable the last enabled ADMIN, even when two admins race", async () => {
    // Leave exactly two enabled admin users.
    const admins = (await h.ds.query(
      "SELECT id::text FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL",
    )) as {
      id: string;
    }[];
    for (const a of admins)
      await h.ds.query("UPDATE users SET role = 'OPERATOR' WHERE id = $1::uuid", [a.id]);
    const a = await createUser("ADMIN");
    const b = await createUser("ADMIN");
    const [ta, tb] = [(await signIn(a.email)).token!, (await signIn(b.email)).token!];

    // Each demotes the other at the same moment: one wins, the other is told why.
    const results = await Promise.all([
      updateUser({ id: b.id, role: "OPERATOR" }, ta),
      updateUser({ id: a.id, disabled: true }, tb),
    ]);
    const refused = results.filter((r) => r.user === null);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.userErrors).toEqual([
      {
        field: ["input"],
        code: "LAST_ADMIN",
        message: "This is the last enabled ADMIN; make another user ADMIN first",
      },
    ]);
    const [{ n }] = (await h.ds.query(
      "SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL",
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it.each([
    [
      { id: "not-an-id", role: "VIEWER" },
      { field: ["input", "id"], code: "NOT_FOUND", message: "No user has this id" },
    ],
    [
      { id: "00000000-0000-4000-8000-000000000000", disabled: true },
      { field: ["input", "id"], code: "NOT_FOUND", message: "No user has this id" },
    ],
  ])("names what is wrong with %j", async (input, error) => {
    expect(await updateUser(input)).toEqual({ user: null, userErrors: [error] });
  });
});

describe("resetPassword and revokeSessions", () => {
  it("a new password ends every session; the old password stops working", async () => {
    const op = await createUser("OPERATOR");
    const sessions = [(await signIn(op.email)).token!, (await signIn(op.email)).token!];
    const weak = await h.gql<{ resetPassword: { userErrors: unknown[] } }>(
      `mutation { resetPassword(input: { userId: "${op.id}", password: "short" }) { userErrors { field code message rule params { name value } } } }`,
    );
    expect(weak.data!.resetPassword.userErrors).toEqual([
      {
        field: ["input", "password"],
        code: "INVALID",
        message: "password must be at least 10 characters",
        rule: "MIN_LENGTH",
        params: [{ name: "min", value: "10" }],
      },
    ]);
    const reset = await h.gql<{ resetPassword: { revokedSessions: number; userErrors: unknown[] } }>(
      `mutation($p: String!) { resetPassword(input: { userId: "${op.id}", password: $p }) { revokedSessions userErrors { code } } }`,
      { p: "a brand new passphrase" },
    );
    expect(reset.data!.resetPassword).toEqual({ revokedSessions: 2, userErrors: [] });
    for (const t of sessions) expect((await as(t)).status).toBe(401);
    expect((await signIn(op.email)).userErrors).toEqual([{ code: "INVALID_CREDENTIALS" }]);
    expect((await signIn(op.email, "a brand new passphrase")).token).toMatch(/^sst_/);
  });

  it("revokeSessions signs a person out everywhere", async () => {
    const op = await createUser("OPERATOR");
    const sessions = [(await signIn(op.email)).token!, (await signIn(op.email)).token!];
    const res = await h.gql<{ revokeSessions: unknown }>(
      `mutation { revokeSessions(userId: "${op.id}") { user { id } revokedSessions userErrors { code } } }`,
    );
    expect(res.data!.revokeSessions).toEqual({ user: { id: op.id }, revokedSessions: 2, userErrors: [] });
    for (const t of sessions) expect((await as(t)).status).toBe(401);
    const unknown = await h.gql<{ revokeSessions: unknown }>(
      `mutation { revokeSessions(userId: "00000000-0000-4000-8000-000000000000") { revokedSessions userErrors { field code } } }`,
    );
    expect(unknown.data!.revokeSessions).toEqual({
      revokedSessions: 0,
      userErrors: [{ field: ["userId"], code: "NOT_FOUND" }],
    });
  });
});

describe("recent failed sign-ins", () => {
  it("are shown to admins on the user, and to nobody else", async () => {
    const op = await createUser("OPERATOR");
    await signIn(op.email, "wrong password one");
    await signIn(op.email, "wrong password two");
    const res = await h.gql<{ users: { edges: { node: { id: string; recentFailedSignIns: unknown } }[] } }>(
      "{ users(first: 100) { edges { node { id recentFailedSignIns { count clients days } } } } }",
    );
    const node = res.data!.users.edges.find((e) => e.node.id === op.id)!.node;
    expect(node.recentFailedSignIns).toEqual({ count: 2, clients: ["127.0.0.1"], days: 7 });

    // The person signing in is handed their User, but not the alert.
    const own = await h.gql(
      `mutation { signIn(input: { email: "${op.email}", password: "${PASSWORD}" }) { user { recentFailedSignIns { count } } } }`,
      undefined,
      { authorization: "" },
    );
    expect(own.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });
});
