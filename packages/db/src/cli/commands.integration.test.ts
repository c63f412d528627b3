import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { catalogCommand } from "./catalog-command";
import type { CliIo } from "./io";
import { migrateCommand } from "./migrate-command";
import { seedCommand } from "./seed-command";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "syncstore-cli-"));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

function io(env: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env: { DATABASE_URL: db.url, ...env },
  };
}

const count = async (table: string) =>
  ((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n;

describe("seed command", () => {
  it("seeds N products and the channels, reports it, and resets on --reset", async () => {
    const a = io();
    expect(await seedCommand(["--count", "120"], a)).toBe(0);
    expect(a.stdout.join("\n")).toMatch(
      /created 2 channel\(s\)[\s\S]*inserted 120 products and \d+ variants in \d+\.\d s/,
    );
    expect(await count("products")).toBe(120);
    expect(await count("channels")).toBe(2);

    const b = io();
    expect(await seedCommand(["--count", "50", "--reset"], b)).toBe(0);
    expect(b.stdout.join("\n")).toMatch(
      /reset: emptied the catalog[\s\S]*channels already present[\s\S]*inserted 50 products/,
    );
    expect(await count("products")).toBe(50);
  });

  it.each([[["--count", "many"]], [["--count", "-3"]], [["--bogus"]]])(
    "rejects %j with usage and exit 1",
    async (argv) => {
      const c = io();
      expect(await seedCommand(argv, c)).toBe(1);
      expect(c.stderr.join("\n")).toMatch(/usage: pnpm seed/);
    },
  );

  it("fails with exit 1 naming a bad DATABASE_URL", async () => {
    const c = io({ DATABASE_URL: "mysql://nope" });
    expect(await seedCommand([], c)).toBe(1);
    expect(c.stderr.join("\n")).toMatch(/DATABASE_URL/);
  });
});

describe("migrate command", () => {
  it("reports an up-to-date schema", async () => {
    const c = io();
    expect(await migrateCommand([], c)).toBe(0);
    expect(c.stdout).toEqual(["schema is up to date"]);
  });
});

describe("catalog import command", () => {
  const header = "sku,title,price,currency,stock,images";

  it("exits 0 when every row is imported", async () => {
    const file = join(dir, "good.csv");
    await writeFile(
      file,
      `${header}\nCLI-1,Kaos Polos,89900,IDR,5,/media/demo/fashion-1.png\nCLI-2,Topi Baseball,45000,IDR,9,\n`,
    );
    const c = io();
    expect(await catalogCommand(["import", file], c)).toBe(0);
    expect(c.stdout[0]).toMatch(/2 row\(s\) — 2 inserted, 0 updated, 0 unchanged, 0 rejected/);
    expect(c.stderr).toEqual([]);
  });

  it("exits 2 and lists each rejected row with its line when some are bad", async () => {
    const file = join(dir, "mixed.csv");
    await writeFile(
      file,
      `${header}\nCLI-1,Kaos Polos,99900,IDR,5,/media/demo/fashion-1.png\nCLI-3,,1000,IDR,1,\nCLI-4,Payung,1000,IDR,-2,\n`,
    );
    const c = io();
    expect(await catalogCommand(["import", file], c)).toBe(2);
    expect(c.stdout[0]).toMatch(/3 row\(s\) — 0 inserted, 1 updated, 0 unchanged, 2 rejected/);
    expect(c.stderr).toEqual([
      "line 3 (CLI-3): title: is required",
      "line 4 (CLI-4): stock: must be 0 or more",
    ]);
  });

  it("exits 2 with array indexes for JSON", async () => {
    const file = join(dir, "mixed.json");
    await writeFile(
      file,
      JSON.stringify([
        { sku: "CLI-5", title: "Sandal", price: "25000", currency: "IDR", stock: 3 },
        { sku: "CLI-6" },
      ]),
    );
    const c = io();
    expect(await catalogCommand(["import", file], c)).toBe(2);
    expect(c.stderr).toEqual([
      "index 1 (CLI-6): title: is required; price: is required; currency: is required; stock: is required",
    ]);
  });

  it.each([
    ["a bad header", "bad.csv", "sku,name\nx,y\n", /bad header: unknown column\(s\) "name"/],
    ["an unreadable file", "absent.csv", null, /cannot read/],
    ["a missing file argument", null, null, /usage: pnpm catalog import/],
  ])("exits 1 on %s", async (_name, fileName, content, message) => {
    const file = fileName ? join(dir, fileName) : null;
    if (file && content !== null) await writeFile(file, content);
    const c = io();
    expect(await catalogCommand(file ? ["import", file] : ["import"], c)).toBe(1);
    expect(c.stderr.join("\n")).toMatch(message);
  });
});
