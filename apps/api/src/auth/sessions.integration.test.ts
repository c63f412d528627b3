import { randomBytes } from "node:crypto";
import { createLogger } from "@syncstore/config";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthServices, type AuthServices } from "./services";
import { errorCodeOf } from "./auth-errors";
import { Role } from "./permissions";
import { sha256Hex } from "./tokens";

let db: TestDatabase;
let redis: Redis;
let auth: AuthServices;
let now = Date.parse("2030-01-01T00:00:00Z");
const prefix = `test-${randomBytes(6).toString("hex")}`;
const PASSWORD = "correct horse battery";
/** What the sign-in code logged, read back from a real logger. */
const logLines: { msg: string; userId?: string; client?: string | null; failuresFromClient?: number }[] = [];

async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string | undefined; message: string; retryAfterMs?: unknown }> {
  try {
    await p;
  } catch (e) {
    const ext = (e as { extensions?: Record<string, unknown> }).extensions;
    return { code: errorCodeOf(e), message: (e as Error).message, retryAfterMs: ext?.retryAfterMs };
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  auth = createAuthServices({
    config: {
      REDIS_PREFIX: prefix,
      SESSION_TTL_HOURS: 12,
      ADMIN_API_KEY: undefined,
      OIDC_ISSUER: undefined,
      OIDC_AUDIENCE: undefined,
      OIDC_JWKS_URL: undefined,
      OIDC_ROLE_CLAIM: "role",
    },
    dataSource: db.dataSource,
    redis,
    clock: () => now,
    loginLimits: { perIp: 8 },
    log: createLogger("sessions-test", "warn", {
      destination: {
        write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]),
      },
    }),
  });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await db.drop();
});

let email: string;
beforeEach(async () => {
  email = `user-${randomBytes(4).toString("hex")}@example.com`;
  const { user } = await auth.users.create({ email, password: PASSWORD, role: Role.OPERATOR, name: "Olga" });
  expect(user).not.toBeNull();
});

describe("users", () => {
  it("stores an argon2id hash, never the password", async () => {
    const [row] = (await db.dataSource.query("SELECT password_hash FROM users WHERE email = $1", [
      email,
    ])) as [{ password_hash: string }];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it("refuses a second account for the same email in another case", async () => {
    const { user, userErrors } = await auth.users.create({
      email: email.toUpperCase(),
      password: PASSWORD,
      role: Role.VIEWER,
    });
    expect(user).toBeNull();
    expect(userErrors).toEqual([
      {
        field: ["input", "email"],
        code: "TAKEN",
        message: `a user with email ${email.toUpperCase()} already exists`,
      },
    ]);
  });

  it.each([
    [
      { email: "not-an-email", password: PASSWORD, role: "ADMIN" },
      ["input", "email"],
      "email is not an email address",
      { rule: "EMAIL", params: [] },
    ],
    [
      { email: "a@b.co", password: "short", role: "ADMIN" },
      ["input", "password"],
      "password must be at least 10 characters",
      { rule: "MIN_LENGTH", params: [{ name: "min", value: "10" }] },
    ],
    [
      { email: "a@b.co", password: PASSWORD, role: "ROOT" },
      ["input", "role"],
      "role must be one of ADMIN, OPERATOR, VIEWER",
      {},
    ],
  ])("names the bad field of %j", async (input, field, message, rule) => {
    const { user, userErrors } = await auth.users.create(input);
    expect(user).toBeNull();
    expect(userErrors).toEqual([{ field, code: "INVALID", message, ...rule }]);
  });

  it("lists users newest first in pages", async () => {
    const first = await auth.users.list(1, null);
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await auth.users.list(100, first.pageInfo.endCursor);
    const all = [...first.edges, ...rest.edges].map((e) => e.node.id);
    expect(new Set(all).size).toBe(first.totalCount);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
});

describe("sign in", () => {
  it("gives a session token that authenticates as the user until it expires", async () => {
    const result = await auth.sessions.signIn({ email: email.toUpperCase(), password: PASSWORD }, "10.0.0.1");
    expect(result.userErrors).toEqual([]);
    expect(result.token).toMatch(/^sst_/);
    expect(result.expiresAt?.getTime()).toBe(now + 12 * 3_600_000);
    expect(result.user).toMatchObject({ email, role: "OPERATOR", name: "Olga" });
    expect(result.user).not.toHaveProperty("passwordHash");

    const viewer = await auth.authenticate(`Bearer ${result.token}`);
    expect(viewer).toMatchObject({
      id: result.user!.id,
      kind: "user",
      role: "OPERATOR",
      scopes: [],
      email,
      method: "session",
    });
    expect(viewer?.expiresAt?.getTime()).toBe(now + 12 * 3_600_000);

    // Only the hash is stored.
    const rows: { token_hash: string }[] = await db.dataSource.query(
      "SELECT token_hash FROM sessions WHERE user_id = $1::uuid",
      [result.user!.id],
    );
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(result.token!)]);

    const saved = now;
    try {
      now += 12 * 3_600_000 - 1;
      await expect(auth.authenticate(`Bearer ${result.token}`)).resolves.toMatchObject({ kind: "user" });
      now += 1;
      expect(await rejection(auth.authenticate(`Bearer ${result.token}`))).toMatchObject({
        code: "UNAUTHENTICATED",
        message: "Session expired; sign in again",
      });
    } finally {
      now = saved;
    }
  });

  it("records when a session was last used, at most once a minute", async () => {
    const { token, user } = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    const lastUsed = async () =>
      (
        (await db.dataSource.query("SELECT last_used_at FROM sessions WHERE user_id = $1::uuid", [
          user!.id,
        ])) as { last_used_at: Date | null }[]
      )[0]!.last_used_at;
    expect(await lastUsed()).toBeNull();
    await auth.authenticate(`Bearer ${token}`);
    expect((await lastUsed())?.getTime()).toBe(now);
    const saved = now;
    try {
      now += 30_000;
      await auth.authenticate(`Bearer ${token}`);
      expect((await lastUsed())?.getTime()).toBe(saved);
      now += 30_000;
      await auth.authenticate(`Bearer ${token}`);
      expect((await lastUsed())?.getTime()).toBe(saved + 60_000);
    } finally {
      now = saved;
    }
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await auth.sessions.signIn({ email, password: "wrong password!" }, null);
    const unknown = await auth.sessions.signIn({ email: "nobody@example.com", password: PASSWORD }, null);
    const expected = {
      token: null,
      expiresAt: null,
      user: null,
      userErrors: [
        { field: ["input"], code: "INVALID_CREDENTIALS", message: "Email or password is incorrect" },
      ],
    };
    expect(wrong).toEqual(expected);
    expect(unknown).toEqual(expected);
  });

  it("delays one client's guesses at an account exponentially, with a retry time", async () => {
    const guess = () => auth.sessions.signIn({ email, password: "wrong password!" }, "10.1.0.1");
    const saved = now;
    try {
      // Three free failures, then 1 s, 2 s, 4 s… between attempts of this (account, client) pair.
      for (let i = 0; i < 3; i++) expect((await guess()).userErrors[0]?.code).toBe("INVALID_CREDENTIALS");
      const waits: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const refused = await rejection(auth.sessions.signIn({ email, password: PASSWORD }, "10.1.0.1"));
        expect(refused.code).toBe("RATE_LIMITED");
        expect(refused.message).toMatch(/^Too many sign-in attempts; try again in \d+ s$/);
        waits.push(refused.retryAfterMs);
        now += refused.retryAfterMs as number;
        expect((await guess()).userErrors[0]?.code).toBe("INVALID_CREDENTIALS");
      }
      expect(waits).toEqual([1000, 2000, 4000, 8000]);
      // …capped at 15 minutes, however long the guessing goes on.
      for (let i = 0; i < 12; i++) {
        now += 15 * 60_000;
        await guess();
      }
      expect((await rejection(guess())).retryAfterMs).toBe(15 * 60_000);
    } finally {
      now = saved;
    }
  });

  it("never refuses the right password from a client that has not failed (no lockout by strangers)", async () => {
    const users = await auth.users.lookupForSignIn(email);
    for (let i = 0; i < 6; i++) {
      // An attacker from many addresses, each past its free failures, cannot lock the owner out.
      const attacker = `10.66.${i}.1`;
      for (let j = 0; j < 4; j++)
        await auth.sessions.signIn({ email, password: "wrong password!" }, attacker).catch(() => null);
      expect((await rejection(auth.sessions.signIn({ email, password: PASSWORD }, attacker))).code).toBe(
        "RATE_LIMITED",
      );
    }
    const owner = await auth.sessions.signIn({ email, password: PASSWORD }, "192.0.2.10");
    expect(owner.userErrors).toEqual([]);
    expect(owner.user?.id).toBe(users.user?.id);
  });

  it.each([
    [
      "İ (dotted capital I), which PostgreSQL folds to i",
      (e: string) => e.replace(/^u/, "U").replace("i", "İ"),
    ],
    ["upper case", (e: string) => e.toUpperCase()],
    ["surrounding spaces", (e: string) => `  ${e} `],
  ])("counts every spelling of an address as one account: %s", async (_name, variant) => {
    // The account needs an i for the first case: user-xxxx@example.com has one.
    const client = `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const spelled = variant(email);
    const { user } = await auth.users.lookupForSignIn(spelled.trim());
    expect(user?.email).toBe(email); // the variant really names the account…
    for (let i = 0; i < 3; i++) await auth.sessions.signIn({ email, password: "wrong password!" }, client);
    // …so it does not buy fresh attempts.
    expect(
      (await rejection(auth.sessions.signIn({ email: spelled, password: "wrong again!!" }, client))).code,
    ).toBe("RATE_LIMITED");
  });

  it("alerts the account: a log line and a count of recent failures with their clients", async () => {
    const { user } = await auth.users.lookupForSignIn(email);
    const before = logLines.length;
    await auth.sessions.signIn({ email, password: "wrong password!" }, "198.51.100.7");
    await auth.sessions.signIn({ email, password: "wrong password!" }, "198.51.100.8");
    await auth.sessions.signIn(
      { email: "nobody-here@example.com", password: "wrong password!" },
      "198.51.100.9",
    );
    expect(logLines.slice(before)).toMatchObject([
      {
        msg: "failed sign-in for an existing account",
        userId: user!.id,
        client: "198.51.100.7",
        failuresFromClient: 1,
      },
      {
        msg: "failed sign-in for an existing account",
        userId: user!.id,
        client: "198.51.100.8",
        failuresFromClient: 1,
      },
    ]);
    const [summary] = await auth.users.recentSignInFailures([user!.id], now);
    expect(summary).toMatchObject({ count: 2, days: 7 });
    expect(summary!.lastAt?.getTime()).toBe(now);
    expect(new Set(summary!.clients)).toEqual(new Set(["198.51.100.7", "198.51.100.8"]));
    // A week later the alert has aged out.
    const [later] = await auth.users.recentSignInFailures([user!.id], now + 8 * 86_400_000);
    expect(later).toMatchObject({ count: 0, lastAt: null, clients: [] });
  });

  it("forgives earlier mistakes after a successful sign-in", async () => {
    // Two mistakes, within the free three: the right password still goes through, and clears them.
    for (let i = 0; i < 2; i++) await auth.sessions.signIn({ email, password: "wrong password!" }, null);
    expect((await auth.sessions.signIn({ email, password: PASSWORD }, null)).token).not.toBeNull();
    for (let i = 0; i < 2; i++) await auth.sessions.signIn({ email, password: "wrong password!" }, null);
    expect((await auth.sessions.signIn({ email, password: PASSWORD }, null)).token).not.toBeNull();
  });

  it("throttles an IP address that tries many emails", async () => {
    const ip = `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    for (let i = 0; i < 8; i++)
      await auth.sessions.signIn({ email: `guess${i}@example.com`, password: "wrong password!" }, ip);
    expect((await rejection(auth.sessions.signIn({ email, password: PASSWORD }, ip))).code).toBe(
      "RATE_LIMITED",
    );
    // The same account from another address still works: the IP, not the account, is blocked.
    expect((await auth.sessions.signIn({ email, password: PASSWORD }, "10.200.0.1")).token).not.toBeNull();
  });

  it("refuses a disabled account after the right password, and its existing sessions", async () => {
    const { token, user } = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    await db.dataSource.query("UPDATE users SET disabled_at = now() WHERE id = $1::uuid", [user!.id]);
    expect((await auth.sessions.signIn({ email, password: PASSWORD }, null)).userErrors[0]?.code).toBe(
      "ACCOUNT_DISABLED",
    );
    expect(
      (await auth.sessions.signIn({ email, password: "wrong password!" }, null)).userErrors[0]?.code,
    ).toBe("INVALID_CREDENTIALS");
    expect(await rejection(auth.authenticate(`Bearer ${token}`))).toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This account is disabled",
    });
  });
});

describe("sign out", () => {
  it("revokes exactly the session it is called with", async () => {
    const a = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    const b = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    const viewer = await auth.authenticate(`Bearer ${a.token}`);
    expect(await auth.sessions.revoke(viewer!.sessionId!)).toBe(true);
    expect(await auth.sessions.revoke(viewer!.sessionId!)).toBe(false);
    expect(await rejection(auth.authenticate(`Bearer ${a.token}`))).toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Session was signed out; sign in again",
    });
    await expect(auth.authenticate(`Bearer ${b.token}`)).resolves.toMatchObject({ kind: "user" });
  });

  it("can sign a user out everywhere", async () => {
    const a = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    const b = await auth.sessions.signIn({ email, password: PASSWORD }, null);
    expect(await auth.sessions.revokeAllOf(a.user!.id)).toBe(2);
    for (const t of [a.token, b.token])
      expect((await rejection(auth.authenticate(`Bearer ${t}`))).code).toBe("UNAUTHENTICATED");
  });
});

describe("authenticate", () => {
  it("is anonymous without a header", async () => {
    expect(await auth.authenticate(undefined)).toBeNull();
    expect(await auth.authenticate("")).toBeNull();
  });

  it.each([
    ["Basic dXNlcjpwYXNz", "Authorization must be `Bearer <token>`"],
    ["Bearer sst_tooshort", "Session token is malformed"],
    [`Bearer sst_${"A".repeat(43)}`, "Session is not valid; sign in again"],
    ["Bearer ssk_bad", "API key is malformed (expected ssk_<prefix>_<secret>)"],
    [`Bearer ssk_ABCDEFGH_${"a".repeat(40)}`, "API key is not valid"],
    ["Bearer some-opaque-guess-1234567", "API key is not valid"],
    ["Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "Single sign-on is not configured on this server"],
  ])("refuses %s", async (header, message) => {
    expect(await rejection(auth.authenticate(header))).toEqual({
      code: "UNAUTHENTICATED",
      message,
      retryAfterMs: undefined,
    });
  });
});
