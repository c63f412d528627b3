import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "./entities";
import { MIGRATIONS } from "./migrations";

export interface DataSourceOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Shows in pg_stat_activity, so an operator can tell the api from the worker. */
  applicationName?: string;
  /** Log every SQL statement (default false). */
  logging?: boolean;
}

/**
 * A PostgreSQL DataSource with every entity and migration registered, not yet initialized.
 * It never synchronizes the schema: migrations are the only way the schema changes.
 */
export function createDataSource(databaseUrl: string, opts: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: "postgres",
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    migrationsRun: false,
    // The pg_trgm and uuid needs are the migrations' business, not the driver's.
    installExtensions: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: opts.applicationName ?? "syncstore",
    logging: opts.logging ?? false,
  });
}
