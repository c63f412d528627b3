import type { DataSource } from "typeorm";
import { MIGRATIONS } from "./migrations";

// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 7_264_318_190;

/**
 * Runs pending migrations and returns their names. Processes starting together (several API
 * replicas) take turns on an advisory lock, so each migration runs exactly once.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const ran = await ds.runMigrations({ transaction: "each" });
    return ran.map((m) => m.name);
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Names of the migrations this code knows that the database has not run yet. Reads only. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const [{ exists }] = (await ds.query("SELECT to_regclass('migrations') IS NOT NULL AS exists")) as [
    { exists: boolean },
  ];
  const done = new Set<string>();
  if (exists) {
    const rows: { name: string }[] = await ds.query("SELECT name FROM migrations");
    for (const r of rows) done.add(r.name);
  }
  return MIGRATIONS.map((m) => m.name).filter((name) => !done.has(name));
}

export class MigrationTimeoutError extends Error {
  constructor(
    readonly pending: string[],
    timeoutMs: number,
  ) {
    super(
      `database schema still has ${pending.length} pending migration(s) after ${timeoutMs} ms: ${pending.join(", ")}; run \`pnpm migrate\``,
    );
    this.name = "MigrationTimeoutError";
  }
}

/**
 * For processes that must not migrate (the worker): resolves once no migration is pending, polling
 * until `timeoutMs`, then throws MigrationTimeoutError naming what is missing.
 */
export async function waitForMigrations(ds: DataSource, timeoutMs: number, pollMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await pendingMigrations(ds);
    if (pending.length === 0) return;
    if (Date.now() >= deadline) throw new MigrationTimeoutError(pending, timeoutMs);
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}
