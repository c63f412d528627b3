import ExcelJS from "exceljs";
import { ruleRef } from "@syncstore/core";
import type { Readable } from "node:stream";
import { catalogColumns } from "./header";
import { CatalogFileError, type CatalogRecord } from "./sources";
import { unguardFormula } from "../formula-guard";

/**
 * OOXML's escape for characters XML cannot carry as they are (`_x000D_` is a CR, `_x005F_` an
 * underscore), which exceljs decodes in shared strings but not in inline ones — the kind its
 * streaming writer, and so the export, produces. Decoding a shared string a second time misreads only
 * text that literally contains `_xHHHH_`, which no catalog field plausibly does.
 */
const ooxmlUnescape = (s: string) =>
  s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A cell as the text a person sees: numbers and dates as written, rich text and formulas by their value. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return ooxmlUnescape(value);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return value.result === undefined ? "" : cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

/**
 * Catalog rows of the first worksheet of an XLSX stream (exceljs' streaming reader: rows are read
 * and dropped one by one, shared strings cached once). Each row carries its sheet row number.
 */
export async function* xlsxCatalogRecords(input: Readable): AsyncGenerator<CatalogRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let columns: string[] | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.every((v) => v.trim() === "")) continue;
        if (!columns) {
          columns = catalogColumns(values);
          continue;
        }
        const data = Object.fromEntries(columns.map((c, i) => [c, unguardFormula(values[i] ?? "")]));
        const extra = values.slice(columns.length).some((v) => v.trim() !== "");
        const beyond = extra
          ? {
              error: `has values beyond the ${columns.length} columns of the header`,
              errorRule: ruleRef("BEYOND_HEADER", { expected: columns.length }),
            }
          : {};
        yield { unit: "row", position: row.number, data, ...beyond };
      }
      break; // the first worksheet is the catalog
    }
  } catch (e) {
    if (e instanceof CatalogFileError) throw e;
    throw new CatalogFileError(
      `not a readable XLSX workbook: ${(e as Error).message}`,
      ruleRef("NOT_XLSX", {}),
    );
  }
  if (!columns)
    throw new CatalogFileError(
      "the workbook's first sheet is empty: expected a header row",
      ruleRef("EMPTY_FILE", {}),
    );
}
