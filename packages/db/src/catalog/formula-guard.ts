/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a CSV cell starting with one of these is run
 * as a formula when the file is opened in Excel or LibreOffice. The export prefixes such cells with
 * `'` (csv-stringify's `escape_formulas`, which uses this same set) and the import drops that prefix
 * again, so a title such as "-50% Sale" or "=Best" survives a round trip unchanged.
 */
const GUARDED = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as it was before the export guarded it. */
export function unguardFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
