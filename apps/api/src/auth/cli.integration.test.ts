import { Readable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs, runCli, USAGE } from "./cli";
import { verifyPassword } from "./passwords";

describe("parseArgs", () => {
  it.each([
    [
      ["create-user", "--email", "a@b.co", "--role", "ADMIN"],
      { command: "create-user", email: "a@b.co", role: "ADMIN", name: null },
    ],
    [
      ["create-user", "--role", "operator", "--email", "a@b.co", "--name", "Ann Lee"],
      { command: "create-user", email: "a@b.co", role: "OPERATOR", name: "Ann Lee" },
    ],
    [["reset-password", "--email", "a@b.co"], { command: "reset-password", email: "a@b.co" }],
    [["reset-password"], { error: "--email is required" }],
    [["reset-password", "--email", "a@b.co", "--role", "ADMIN"], { error: "unknown option --role" }],
    [[], { error: 'unknown command ""' }],
    [["delete-user"], { error: 'unknown command "delete-user"' }],
    [["create-user", "--role", "ADMIN"], { error: "--email is required" }],
    [["create-user", "--email", "a@b.co"], { error: "--role must be one of ADMIN, OPERATOR, VIEWER" }],
    [
      ["create-user", "--email", "a@b.co", "--role", "ROOT"],
      { error: "--role must be one of ADMIN, OPERATOR, VIEWER" },
    ],
    [["create-user", "--email", "--role", "ADMIN"], { error: "--email needs a value" }],
    [
      ["create-user", "--email", "a@b.co", "--role", "ADMIN", "--password", "x"],
      { error: "unknown option --password" },
    ],
  ])("%j → %j", (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });
});

describe("create-user", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  function io(stdinText = "") {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdin: Readable.from([stdinText]),
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
      },
    };
  }

  async function hashOf(email: string): Promise<string> {
    const [row] = (await db.dataSource.query("SELECT password_hash, role FROM users WHERE email = $1", [
      email,
    ])) as [{ password_hash: string }];
    return row.password_hash;
  }

  it("creates an admin with the password from SYNCSTORE_PASSWORD", async () => {
    const t = io();
    const code = await runCli(
      ["create-user", "--email", "root@example.com", "--role", "ADMIN"],
      { DATABASE_URL: db.url, SYNCSTORE_PASSWORD: "env password 123" },
      t.io,
    );
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    expect(t.out[0]).toMatch(/^Created ADMIN user root@example\.com \(id [0-9a-f-]{36}\)$/);
    expect(await verifyPassword(await hashOf("root@example.com"), "env password 123")).toBe(true);
  });

  it("reads the password from the first line of stdin", async () => {
    const t = io("stdin password 456\nignored second line\n");
    expect(
      await runCli(
        ["create-user", "--email", "ops@example.com", "--role", "OPERATOR"],
        { DATABASE_URL: db.url },
        t.io,
      ),
    ).toBe(0);
    expect(await verifyPassword(await hashOf("ops@example.com"), "stdin password 456")).toBe(true);
  });

  it("names the problem and exits 1 for a weak password or a taken email", async () => {
    const weak = io("short\n");
    expect(
      await runCli(
        ["create-user", "--email", "weak@example.com", "--role", "VIEWER"],
        { DATABASE_URL: db.url },
        weak.io,
      ),
    ).toBe(1);
    expect(weak.err).toEqual(["password: password must be at least 10 characters (INVALID)"]);
    const taken = io();
    expect(
      await runCli(
        ["create-user", "--email", "ROOT@example.com", "--role", "VIEWER"],
        { DATABASE_URL: db.url, SYNCSTORE_PASSWORD: "another password" },
        taken.io,
      ),
    ).toBe(1);
    expect(taken.err).toEqual(["email: a user with email ROOT@example.com already exists (TAKEN)"]);
  });

  it("prints the usage and exits 2 for bad arguments", async () => {
    const t = io();
    expect(await runCli(["create-user"], { DATABASE_URL: db.url }, t.io)).toBe(2);
    expect(t.err).toEqual([`--email is required\n${USAGE}`]);
  });

  it("reset-password gives the first admin a new password and ends their sessions", async () => {
    expect(
      await runCli(
        ["create-user", "--email", "first@example.com", "--role", "ADMIN"],
        { DATABASE_URL: db.url, SYNCSTORE_PASSWORD: "forgotten password" },
        io().io,
      ),
    ).toBe(0);
    const [{ id }] = (await db.dataSource.query(
      "SELECT id::text FROM users WHERE email = 'first@example.com'",
    )) as [{ id: string }];
    await db.dataSource.query(
      "INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1::uuid, repeat('a', 64), now() + interval '1 hour')",
      [id],
    );
    const t = io("remembered at last\n");
    expect(
      await runCli(["reset-password", "--email", "FIRST@example.com"], { DATABASE_URL: db.url }, t.io),
    ).toBe(0);
    expect(t.out).toEqual(["New password set for ADMIN user first@example.com; 1 open session(s) ended"]);
    expect(await verifyPassword(await hashOf("first@example.com"), "remembered at last")).toBe(true);
    const open = (await db.dataSource.query(
      "SELECT count(*)::int AS n FROM sessions WHERE user_id = $1::uuid AND revoked_at IS NULL",
      [id],
    )) as [{ n: number }];
    expect(open[0].n).toBe(0);

    const unknown = io();
    expect(
      await runCli(
        ["reset-password", "--email", "nobody@example.com"],
        { DATABASE_URL: db.url, SYNCSTORE_PASSWORD: "whatever password" },
        unknown.io,
      ),
    ).toBe(1);
    expect(unknown.err).toEqual(["email: no user has the email nobody@example.com (NOT_FOUND)"]);
    const weak = io("short\n");
    expect(
      await runCli(["reset-password", "--email", "first@example.com"], { DATABASE_URL: db.url }, weak.io),
    ).toBe(1);
    expect(weak.err).toEqual(["password: password must be at least 10 characters (INVALID)"]);
  });
});
