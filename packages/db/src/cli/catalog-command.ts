import { CatalogFileError } from "../catalog/import/sources";
import { catalogFileRecords } from "../catalog/import/stream";
import { importCatalog } from "../catalog/import/import";
import { CliError, runCommand, seconds, withMigratedDatabase, type CliIo } from "./io";

const USAGE = "usage: pnpm catalog import <file.csv|file.xlsx|file.json>";

/**
 * `catalog import <file>`: upserts products by SKU. Exit 0 when every row was imported, 2 when
 * some were rejected (each listed with its CSV line or JSON index), 1 when the file could not be
 * imported at all.
 */
export function catalogCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand(io, async () => {
    const [sub, file, ...rest] = argv;
    if (sub !== "import" || !file || rest.length) throw new CliError(USAGE);
    const started = Date.now();
    let report;
    try {
      // Streamed: rows are written in chunks as the file is read.
      report = await withMigratedDatabase(io, (ds) => importCatalog(ds, catalogFileRecords(file)));
    } catch (e) {
      if (e instanceof CatalogFileError) throw new CliError(`${file}: ${e.message}`);
      throw e;
    }
    io.out(
      `${file}: ${report.rows} row(s) — ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.rejectedCount} rejected (${seconds(started)})`,
    );
    if (report.listingsMarkedOutOfDate)
      io.out(`${report.listingsMarkedOutOfDate} synced listing(s) are now OUT_OF_DATE`);
    for (const r of report.rejected) {
      io.err(`${r.unit} ${r.position}${r.sku ? ` (${r.sku})` : ""}: ${r.reasons.join("; ")}`);
    }
    if (report.rejectedCount > report.rejected.length)
      io.err(`… and ${report.rejectedCount - report.rejected.length} more rejected row(s)`);
    return report.rejectedCount ? 2 : 0;
  });
}
