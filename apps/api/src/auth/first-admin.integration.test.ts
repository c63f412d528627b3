import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL, signInLine } from "./first-admin";
import { verifyPassword } from "./passwords";

describe("the first admin of pnpm start", () => {
  let db: TestDatabase;
  let stateDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    stateDir = path.join(mkdtempSync(path.join(tmpdir(), "syncstore-first-admin-")), ".syncstore");
  });
  afterAll(async () => {
    await db.drop();
    rmSync(path.dirname(stateDir), { recursive: true, force: true });
  });

  it("is created once, its password printed on that start only and kept in a private file", async () => {
    const first = await ensureFirstAdmin(db.dataSource, stateDir);
    if (!first.created) throw new Error("expected the first start to create the admin");
    const file = path.join(stateDir, "admin-password");
    expect(first.passwordFile).toBe(file);
    expect(readFileSync(file, "utf8")).toBe(first.password + "\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [row] = (await db.dataSource.query("SELECT password_hash, role FROM users WHERE email = $1", [
      FIRST_ADMIN_EMAIL,
    ])) as [{ password_hash: string; role: string }];
    expect(row.role).toBe("ADMIN");
    expect(await verifyPassword(row.password_hash, first.password)).toBe(true);
    expect(signInLine(first, ".syncstore/admin-password")).toContain(first.password);

    // Every later start: same user, same password, and the banner no longer carries it.
    for (let start = 0; start < 2; start++) {
      const later = await ensureFirstAdmin(db.dataSource, stateDir);
      expect(later).toEqual({ created: false, email: FIRST_ADMIN_EMAIL, kept: true, passwordFile: file });
      const line = signInLine(later, ".syncstore/admin-password");
      expect(line).not.toContain(first.password);
      expect(line).toBe(`${FIRST_ADMIN_EMAIL} with the password in .syncstore/admin-password`);
    }
    expect(readFileSync(file, "utf8")).toBe(first.password + "\n");
    const [{ n }] = (await db.dataSource.query("SELECT count(*)::int AS n FROM users")) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("is not made when users exist, and the banner then points to user:create, not to a file", async () => {
    const other = await createTestDatabase();
    try {
      await other.dataSource.query(
        "INSERT INTO users (email, password_hash, role) VALUES ('ops@example.com', 'x', 'OPERATOR')",
      );
      const elsewhere = path.join(path.dirname(stateDir), "other");
      const admin = await ensureFirstAdmin(other.dataSource, elsewhere);
      expect(admin.created).toBe(false);
      expect(signInLine(admin, "other/admin-password")).toMatch(/^with your user \(create one: /);
      const rows: unknown[] = await other.dataSource.query("SELECT 1 FROM users WHERE email = $1", [
        FIRST_ADMIN_EMAIL,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await other.drop();
    }
  });
});
