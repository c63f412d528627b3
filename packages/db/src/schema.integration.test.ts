import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataSource } from "./data-source";
import { dropDatabase, ensureDatabase } from "./ensure-database";
import { MIGRATIONS } from "./migrations";
import { MigrationTimeoutError, pendingMigrations, runMigrations, waitForMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function scratchUrl(): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/syncstore_test_${randomBytes(6).toString("hex")}`;
  return url.toString();
}

describe("migrations", () => {
  it("leave nothing pending and install pg_trgm", async () => {
    expect(await pendingMigrations(db.dataSource)).toEqual([]);
    const ext: unknown[] = await db.dataSource.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
    expect(ext).toHaveLength(1);
  });

  it("create one trigram GIN index over sku, title and brand", async () => {
    const rows: { indexname: string; indexdef: string }[] = await db.dataSource.query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'products' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname",
    );
    expect(rows.map((r) => r.indexname)).toEqual(["products_search_text_trgm_idx"]);
    for (const r of rows) expect(r.indexdef).toContain("USING gin");
    const [generated] = (await db.dataSource.query(
      "SELECT generation_expression FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'search_text'",
    )) as { generation_expression: string }[];
    for (const column of ["sku", "title", "brand"])
      expect(generated!.generation_expression).toContain(column);
  });

  it("create every column the entities map, with the same type and nullability", async () => {
    const cols: { table_name: string; column_name: string; udt_name: string; is_nullable: string }[] =
      await db.dataSource.query(
        "SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
      );
    const byKey = new Map(cols.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    const udt: Record<string, string> = {
      bigint: "int8",
      int: "int4",
      text: "text",
      varchar: "varchar",
      char: "bpchar",
      numeric: "numeric",
      jsonb: "jsonb",
      boolean: "bool",
      timestamptz: "timestamptz",
      uuid: "uuid",
    };
    let checked = 0;
    for (const meta of db.dataSource.entityMetadatas) {
      for (const col of meta.columns) {
        const key = `${meta.tableName}.${col.databaseName}`;
        const actual = byKey.get(key);
        expect(actual, key).toBeDefined();
        const type = String(col.type);
        expect(actual!.udt_name, key).toBe(col.isArray ? "_" + udt[type] : udt[type]);
        expect(actual!.is_nullable === "YES", key).toBe(col.isNullable);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("are run once when several processes migrate together", async () => {
    const url = scratchUrl();
    await ensureDatabase(url);
    const a = createDataSource(url, { poolSize: 2 });
    const b = createDataSource(url, { poolSize: 2 });
    try {
      await Promise.all([a.initialize(), b.initialize()]);
      const [ranA, ranB] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect([...ranA, ...ranB].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
      await dropDatabase(url);
    }
  });
});

describe("waitForMigrations", () => {
  it("resolves at once on a migrated database", async () => {
    await expect(waitForMigrations(db.dataSource, 1000)).resolves.toBeUndefined();
  });

  it("resolves once another process has migrated, and never migrates itself", async () => {
    const url = scratchUrl();
    await ensureDatabase(url);
    const worker = createDataSource(url, { poolSize: 1 });
    const deployer = createDataSource(url, { poolSize: 2 });
    try {
      await Promise.all([worker.initialize(), deployer.initialize()]);
      await expect(waitForMigrations(worker, 50, 10)).rejects.toBeInstanceOf(MigrationTimeoutError);
      const [tables] = (await worker.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
      )) as [{ n: number }];
      expect(tables.n).toBe(0);
      const waiting = waitForMigrations(worker, 20_000, 10);
      await runMigrations(deployer);
      await expect(waiting).resolves.toBeUndefined();
    } finally {
      await Promise.all([worker.destroy(), deployer.destroy()]);
      await dropDatabase(url);
    }
  });

  it("names the pending migrations when it gives up", async () => {
    const url = scratchUrl();
    await ensureDatabase(url);
    const ds = createDataSource(url, { poolSize: 1 });
    try {
      await ds.initialize();
      await expect(waitForMigrations(ds, 20, 5)).rejects.toThrow(
        `still has ${MIGRATIONS.length} pending migration(s) after 20 ms: ${MIGRATIONS.map((m) => m.name).join(", ")}; run \`pnpm migrate\``,
      );
    } finally {
      await ds.destroy();
      await dropDatabase(url);
    }
  });
});

describe("ensureDatabase", () => {
  it("creates a missing database once, even when two processes race", async () => {
    const url = scratchUrl();
    try {
      const results = await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ensureDatabase(url)).toBe(false);
    } finally {
      await dropDatabase(url);
    }
  });

  it("rejects a URL without a database name", async () => {
    await expect(ensureDatabase("postgres://postgres@127.0.0.1:5432/")).rejects.toThrow(/names no database/);
  });
});
