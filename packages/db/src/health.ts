import type { DataSource } from "typeorm";

/** Resolves when PostgreSQL answers a trivial query. */
export async function pingDatabase(ds: DataSource): Promise<void> {
  await ds.query("SELECT 1");
}
