import { runCommand, seconds, withMigratedDatabase, type CliIo } from "./io";

/** `migrate`: creates the database when missing and applies pending migrations. */
export function migrateCommand(_argv: string[], io: CliIo): Promise<number> {
  return runCommand(io, async () => {
    const started = Date.now();
    const ran = await withMigratedDatabase(io, async (_ds, ran) => ran);
    io.out(
      ran.length
        ? `applied ${ran.length} migration(s) in ${seconds(started)}: ${ran.join(", ")}`
        : "schema is up to date",
    );
    return 0;
  });
}
