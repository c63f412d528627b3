import type { DataSource, EntityManager } from "typeorm";

/**
 * Rows of a statement with RETURNING. TypeORM hands UPDATE and DELETE results back as
 * `[rows, rowCount]` but SELECT and INSERT results as plain rows; callers want rows either way.
 */
export async function rowsOf<T>(
  em: EntityManager | DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await em.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === "number"
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
