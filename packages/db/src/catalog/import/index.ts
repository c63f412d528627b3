export { parseCsv, CsvSyntaxError, type CsvRecord } from "./csv";
export { parseCatalogRow, CATALOG_COLUMNS, REQUIRED_COLUMNS, type RowResult } from "./parse-row";
export { readCatalogFile, readCatalogText, CatalogFileError, type CatalogRecord } from "./sources";
export { importCatalog, type ImportReport, type RejectedRow } from "./import";
