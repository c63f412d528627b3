import { CATALOG_COLUMNS, REQUIRED_COLUMNS } from "./parse-row";
import { ruleRef } from "@syncstore/core";
import { CatalogFileError } from "./sources";

/** The header row's column names, checked: known, unique, and every required one present. */
export function catalogColumns(header: readonly string[]): string[] {
  const columns = header.map((f) => f.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CATALOG_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new CatalogFileError(
      `bad header: unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(", ")}; columns are ${CATALOG_COLUMNS.join(",")}`,
      ruleRef("UNKNOWN_COLUMNS", { columns: unknown.join(", ") }),
    );
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length)
    throw new CatalogFileError(
      `bad header: column(s) ${[...new Set(dupes)].join(", ")} appear more than once`,
      ruleRef("REPEATED_COLUMNS", { columns: [...new Set(dupes)].join(", ") }),
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new CatalogFileError(
      `bad header: required column(s) ${missing.join(", ")} missing`,
      ruleRef("MISSING_COLUMNS", { columns: missing.join(", ") }),
    );
  return columns;
}
