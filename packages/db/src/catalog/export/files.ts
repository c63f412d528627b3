import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { CATALOG_COLUMNS } from "../import/parse-row";
import type { CatalogExportRow } from "./rows";

export type CatalogExportFormat = "csv" | "xlsx";

export const CATALOG_EXPORT_TYPES: Readonly<Record<CatalogExportFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The rows as a CSV file the import reads back unchanged: the import's header, `,`-separated, CRLF,
 * fields quoted when they hold a delimiter, quote or line break, and a BOM so Excel opens it as
 * UTF-8. Cells that a spreadsheet would run as a formula are guarded with `'` (see formula-guard).
 * Written as the rows arrive, with `out`'s backpressure; `out` is ended, or destroyed on an error.
 */
export async function writeCatalogCsv(rows: AsyncIterable<CatalogExportRow>, out: Writable): Promise<void> {
  await pipeline(
    Readable.from(rows),
    stringify({
      bom: true,
      header: true,
      columns: [...CATALOG_COLUMNS],
      record_delimiter: "windows",
      escape_formulas: true,
    }),
    out,
  );
}

/** Resolves once `out` can take more, or throws when it was closed (the client went away). */
async function drained(out: Writable): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
  if (out.destroyed)
    // The code Node's own pipeline gives the same event, so callers handle both alike.
    throw Object.assign(new Error("the output closed before the export ended"), {
      code: "ERR_STREAM_PREMATURE_CLOSE",
    });
}

/**
 * A string as OOXML stores it: XML turns a raw CR into LF when the file is read (line-end
 * normalization), so CR is written as Excel writes it, `_x000D_`, and a literal `_xHHHH_` has its
 * underscore escaped (`_x005F_`) so that it is not decoded as one. The import decodes both.
 */
const ooxmlText = (s: string) => s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_").replace(/\r/g, "_x000D_");

/** Cells a spreadsheet should see as numbers, so sums and sorting work there. */
const NUMERIC = new Set<string>(["price", "stock", "weight_grams", "length_cm", "width_cm", "height_cm"]);

/**
 * The rows as an XLSX workbook, one "Catalog" sheet with the import's header row, written by exceljs'
 * streaming writer (inline strings, no shared-string table: memory does not grow with the catalog).
 * Text goes into string cells, which a spreadsheet never evaluates, so no formula guard is needed;
 * prices and sizes into number cells (at most 14 significant digits: exact in a double).
 */
export async function writeCatalogXlsx(rows: AsyncIterable<CatalogExportRow>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("Catalog");
  try {
    sheet.addRow([...CATALOG_COLUMNS]).commit();
    let n = 0;
    for await (const row of rows) {
      sheet
        .addRow(
          CATALOG_COLUMNS.map((c) => {
            const v = row[c];
            return v === null ? null : NUMERIC.has(c) ? Number(v) : ooxmlText(String(v));
          }),
        )
        .commit();
      // exceljs writes into its zip without waiting for the socket; pausing here when the client
      // reads slower than PostgreSQL answers keeps the unsent part bounded.
      if (++n % 200 === 0 && out.writableNeedDrain) await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  } catch (e) {
    out.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}
