import "reflect-metadata";

export * from "./entities";
export { createDataSource, type DataSourceOptions } from "./data-source";
export { MIGRATIONS } from "./migrations";
export { runMigrations, pendingMigrations, waitForMigrations, MigrationTimeoutError } from "./migrate";
export { ensureDatabase, dropDatabase } from "./ensure-database";
export * from "./ledger";
export * from "./catalog";
export * from "./seed";
export * from "./channels";
export * from "./auth";
export { pingDatabase } from "./health";
export * from "./mapping";
export * from "./review";
export * from "./sync";
