/**
 * Keyset paging newest first on (created_at, id). Positions keep microseconds, because PostgreSQL
 * does and a millisecond position could skip rows created in the same millisecond.
 */
export const KEYSET_MICROS = "floor(extract(epoch FROM created_at) * 1000000)::bigint";

/** Where a page starts: the position of the last row of the previous page. */
export interface KeysetPosition {
  micros: string;
  id: string;
}

/** A page of rows, each with its position (plus one more row when a next page follows). */
export interface KeysetRows<T> {
  rows: { row: T; micros: string }[];
  totalCount: number;
}

/** The WHERE clause for rows after `after`; pushes its parameters onto `params`. */
export function keysetAfter(after: KeysetPosition | null, params: unknown[]): string {
  if (!after) return "TRUE";
  const a = params.push(after.micros);
  const b = params.push(after.id);
  return `(${KEYSET_MICROS}, id) < ($${a}::bigint, $${b}::uuid)`;
}
