import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyService, BOOTSTRAP_PREFIX } from "./api-keys";
import { errorCodeOf } from "./auth-errors";
import { ApiKeyScope } from "./permissions";
import { sha256Hex } from "./tokens";

let db: TestDatabase;
let keys: ApiKeyService;
let now = Date.parse("2030-06-01T12:00:00Z");

async function refusal(p: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: errorCodeOf(e), message: (e as Error).message };
  }
  throw new Error("expected a rejection");
}

async function lastUsed(id: string): Promise<number | null> {
  const [row] = (await db.dataSource.query("SELECT last_used_at FROM api_keys WHERE id = $1::uuid", [
    id,
  ])) as [{ last_used_at: Date | null }];
  return row.last_used_at?.getTime() ?? null;
}

beforeAll(async () => {
  db = await createTestDatabase();
  keys = new ApiKeyService(db.dataSource, { clock: () => now });
});
afterAll(async () => {
  await db.drop();
});

describe("API keys", () => {
  it("create → use → last used → revoke → refused", async () => {
    const created = await keys.create(
      { name: "  Acme ERP  ", scopes: [ApiKeyScope.SYNC, ApiKeyScope.READ, ApiKeyScope.SYNC] },
      "admin-user-id",
    );
    expect(created.userErrors).toEqual([]);
    const { apiKey, secret } = created;
    expect(secret).toMatch(new RegExp(`^ssk_${apiKey!.prefix}_[A-Za-z0-9]{40}$`));
    expect(apiKey).toMatchObject({
      name: "Acme ERP",
      scopes: ["sync", "read"],
      createdBy: "admin-user-id",
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(apiKey!.createdAt.getTime()).toBe(now);

    // The database holds the hash and the prefix, never the secret.
    const [row] = (await db.dataSource.query("SELECT * FROM api_keys WHERE id = $1::uuid", [apiKey!.id])) as [
      Record<string, unknown>,
    ];
    expect(row.key_hash).toBe(sha256Hex(secret!));
    expect(JSON.stringify(row)).not.toContain(secret!.slice(13));

    const viewer = await keys.resolve(secret!);
    expect(viewer).toEqual({
      id: apiKey!.id,
      kind: "apiKey",
      role: "OPERATOR",
      scopes: ["sync", "read"],
      name: "Acme ERP",
      expiresAt: null,
      ownerId: "admin-user-id",
      method: "apiKey",
    });
    expect(await lastUsed(apiKey!.id)).toBe(now);

    // Within a minute: no write. After it: one write.
    const first = now;
    now += 59_000;
    await keys.resolve(secret!);
    expect(await lastUsed(apiKey!.id)).toBe(first);
    now += 1_000;
    await keys.resolve(secret!);
    expect(await lastUsed(apiKey!.id)).toBe(first + 60_000);

    const revoked = await keys.revoke(apiKey!.id);
    expect(revoked.apiKey?.revokedAt?.getTime()).toBe(now);
    now += 5_000;
    // Revoking again keeps the first time.
    expect((await keys.revoke(apiKey!.id)).apiKey?.revokedAt?.getTime()).toBe(now - 5_000);
    expect(await refusal(keys.resolve(secret!))).toEqual({
      code: "UNAUTHENTICATED",
      message: `API key ${apiKey!.prefix} was revoked`,
    });
  });

  it("stops working when it expires", async () => {
    const expiresAt = new Date(now + 3_600_000);
    const { apiKey, secret } = await keys.create({ name: "Temp", scopes: ["read"], expiresAt }, null);
    expect(apiKey?.expiresAt?.getTime()).toBe(expiresAt.getTime());
    await expect(keys.resolve(secret!)).resolves.toMatchObject({
      role: "VIEWER",
      scopes: ["read"],
      expiresAt,
    });
    const saved = now;
    now = expiresAt.getTime();
    try {
      expect(await refusal(keys.resolve(secret!))).toEqual({
        code: "UNAUTHENTICATED",
        message: `API key ${apiKey!.prefix} expired at ${expiresAt.toISOString()}`,
      });
    } finally {
      now = saved;
    }
  });

  it.each([
    [{ name: "", scopes: ["read"] }, ["input", "name"], "name must be 1–100 characters"],
    [{ name: "x".repeat(101), scopes: ["read"] }, ["input", "name"], "name must be 1–100 characters"],
    [{ name: "k", scopes: [] }, ["input", "scopes"], "scopes must be one or more of read, sync, admin"],
    [
      { name: "k", scopes: ["read", "write"] },
      ["input", "scopes"],
      "scopes must be one or more of read, sync, admin (unknown: write)",
    ],
    [
      { name: "k", scopes: ["read"], expiresAt: new Date(0) },
      ["input", "expiresAt"],
      "expiresAt must be in the future",
    ],
  ])("names the bad field of %j", async (input, field, message) => {
    expect(await keys.create(input, null)).toEqual({
      apiKey: null,
      secret: null,
      userErrors: [{ field, code: "INVALID", message }],
    });
  });

  it("reports an unknown id on revoke as a user error", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await keys.revoke(id)).toEqual({
        apiKey: null,
        userErrors: [{ field: ["id"], code: "NOT_FOUND", message: "No API key has this id" }],
      });
    }
  });

  it("lists every key newest first, in pages, revoked ones included", async () => {
    for (let i = 0; i < 3; i++) {
      now += 1000;
      await keys.create({ name: `page-${i}`, scopes: ["read"] }, null);
    }
    const page1 = await keys.list(2, null);
    expect(page1.edges.map((e) => e.node.name)).toEqual(["page-2", "page-1"]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await keys.list(100, page1.pageInfo.endCursor);
    expect(page2.edges[0]?.node.name).toBe("page-0");
    expect(page2.edges.some((e) => e.node.revokedAt !== null)).toBe(true);
    expect(page1.totalCount).toBe(page1.edges.length + page2.edges.length);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a cursor from another list", async () => {
    const cursor = Buffer.from("user:1|00000000-0000-4000-8000-000000000000").toString("base64url");
    await expect(keys.list(1, cursor)).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argument: "after" },
    });
  });
});

describe("the ADMIN_API_KEY bootstrap key", () => {
  const envKey = `env-admin-key-${randomBytes(8).toString("hex")}`;

  it("is an admin key that follows the environment", async () => {
    await keys.syncBootstrapKey(envKey);
    await keys.syncBootstrapKey(envKey); // idempotent at every start
    const viewer = await keys.resolve(envKey);
    expect(viewer).toMatchObject({ kind: "apiKey", role: "ADMIN", scopes: ["admin"] });
    const rows: { prefix: string }[] = await db.dataSource.query(
      "SELECT prefix FROM api_keys WHERE prefix = $1",
      [BOOTSTRAP_PREFIX],
    );
    expect(rows).toHaveLength(1);

    // A revocation through the API sticks across restarts with the same value…
    await keys.revoke(viewer.id);
    await keys.syncBootstrapKey(envKey);
    expect((await refusal(keys.resolve(envKey))).code).toBe("UNAUTHENTICATED");

    // …a new value replaces the old one and works…
    const rotated = `${envKey}-rotated`;
    await keys.syncBootstrapKey(rotated);
    await expect(keys.resolve(rotated)).resolves.toMatchObject({ id: viewer.id, role: "ADMIN" });
    expect((await refusal(keys.resolve(envKey))).message).toBe("API key is not valid");

    // …and unsetting it revokes the key.
    await keys.syncBootstrapKey(undefined);
    expect((await refusal(keys.resolve(rotated))).message).toBe(`API key ${BOOTSTRAP_PREFIX} was revoked`);
  });

  it("may itself be in the ssk_ format", async () => {
    const formatted = `ssk_ENVADMIN_${"k".repeat(40)}`;
    await keys.syncBootstrapKey(formatted);
    await expect(keys.resolve(formatted)).resolves.toMatchObject({ role: "ADMIN" });
  });
});
