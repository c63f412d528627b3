import type { DataSource, EntityManager } from "typeorm";

/** Anything that runs queries: the DataSource, or the EntityManager of an open transaction. */
export type Queryable = DataSource | EntityManager;

/** bigint ids as accepted from outside; anything else cannot name a row. */
export const isBigintId = (id: string): boolean =>
  /^[1-9]\d{0,18}$/.test(id) && BigInt(id) <= 9223372036854775807n;
