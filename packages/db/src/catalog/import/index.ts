export { parseCsv, CsvSyntaxError, type CsvRecord } from "./csv";
export { parseCatalogRow, CATALOG_COLUMNS, REQUIRED_COLUMNS, type RowResult } from "./parse-row";
export { readCatalogFile, readCatalogText, CatalogFileError, type CatalogRecord } from "./sources";
export { catalogFileRecords, catalogFormatOf, catalogRecordStream, type CatalogFormat } from "./stream";
export { detectDelimiter } from "./csv-stream";
export { importCatalog, type ImportOptions, type ImportReport, type RejectedRow } from "./import";
