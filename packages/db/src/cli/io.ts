import { ConfigError, loadConfig, loadDotEnv } from "@syncstore/config";
import type { DataSource } from "typeorm";
import { createDataSource } from "../data-source";
import { ensureDatabase } from "../ensure-database";
import { runMigrations } from "../migrate";

/** Where a command writes, and the environment it reads: injectable, so commands are testable in-process. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
  // A getter, so `.env` is read when a command first looks at its environment, not at import.
  get env() {
    loadDotEnv();
    return process.env;
  },
};

/** A usage or input problem the user can fix: printed as is, exit code 1. */
export class CliError extends Error {}

/** Creates the database when missing, migrates it and hands over an open DataSource. */
export async function withMigratedDatabase<T>(
  io: CliIo,
  fn: (ds: DataSource, ran: string[]) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env);
  if (await ensureDatabase(config.DATABASE_URL))
    io.out(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const ds = createDataSource(config.DATABASE_URL, { poolSize: 4, applicationName: "syncstore-cli" });
  await ds.initialize();
  try {
    return await fn(ds, await runMigrations(ds));
  } finally {
    await ds.destroy();
  }
}

/** Runs a command, turning expected failures into a message and exit code 1. */
export async function runCommand(io: CliIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CliError) io.err(e.message);
    else if ((e as { code?: string }).code === "ECONNREFUSED")
      io.err(`cannot connect to PostgreSQL: ${(e as Error).message}`);
    else io.err(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

export const seconds = (startedAt: number) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
