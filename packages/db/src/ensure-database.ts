import { Client } from "pg";

/** A PostgreSQL identifier, quoted. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** The database a URL names, and the same URL pointed at the `postgres` maintenance database. */
export function splitDatabaseUrl(databaseUrl: string): { database: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) throw new Error(`DATABASE_URL names no database: ${url.protocol}//${url.host}/`);
  url.pathname = "/postgres";
  return { database, maintenanceUrl: url.toString() };
}

/**
 * Creates the database a URL names when it does not exist yet; returns whether it created it.
 * Two processes may race here: the loser's "already exists" is success.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { database, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
      return true;
    } catch (e) {
      // 42P04 duplicate_database; 23505 when both inserts reach pg_database's unique index together.
      const code = (e as { code?: string }).code;
      if (code === "42P04" || code === "23505") return false;
      throw e;
    }
  } finally {
    await client.end();
  }
}

/** Drops a database, disconnecting its sessions. Missing is fine. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { database, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
