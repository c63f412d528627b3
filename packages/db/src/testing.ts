import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { createDataSource } from "./data-source";
import { dropDatabase, ensureDatabase } from "./ensure-database";
import { runMigrations } from "./migrate";

export interface TestDatabase {
  url: string;
  /** Initialized, migrated. */
  dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: `syncstore_test_<random>` on the server of
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
export async function createTestDatabase(
  opts: { poolSize?: number; serverUrl?: string } = {},
): Promise<TestDatabase> {
  // `serverUrl`: a server the test owns (one it restarts), instead of the shared one.
  const base = new URL(
    opts.serverUrl ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  base.pathname = `/syncstore_test_${randomBytes(6).toString("hex")}`;
  const url = base.toString();
  await ensureDatabase(url);
  // Test files run in parallel against one server: small pools keep them under max_connections.
  const dataSource = createDataSource(url, {
    poolSize: opts.poolSize ?? 4,
    applicationName: "syncstore-test",
  });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url);
    throw e;
  }
  return {
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(url);
    },
  };
}
