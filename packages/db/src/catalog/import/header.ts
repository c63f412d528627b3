import { CATALOG_COLUMNS, REQUIRED_COLUMNS } from "./parse-row";
import { CatalogFileError } from "./sources";

/** The header row's column names, checked: known, unique, and every required one present. */
export function catalogColumns(header: readonly string[]): string[] {
  const columns = header.map((f) => f.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CATALOG_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new CatalogFileError(
      `bad header: unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(", ")}; columns are ${CATALOG_COLUMNS.join(",")}`,
    );
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length)
    throw new CatalogFileError(
      `bad header: column(s) ${[...new Set(dupes)].join(", ")} appear more than once`,
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new CatalogFileError(`bad header: required column(s) ${missing.join(", ")} missing`);
  return columns;
}
