export { catalogExportRows, DEFAULT_EXPORT_PAGE, type CatalogExportRow, type CatalogColumn } from "./rows";
export { writeCatalogCsv, writeCatalogXlsx, CATALOG_EXPORT_TYPES, type CatalogExportFormat } from "./files";
