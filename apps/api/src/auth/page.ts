import { decodeCursor, encodeCursor } from "../graphql/cursor";

/** A Relay page, the same shape the other lists of the API return. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface UserErrorData {
  field: string[] | null;
  code: string;
  message: string;
}

/**
 * Keyset paging newest first on (created_at, id). The cursor keeps microseconds, because
 * PostgreSQL does and a millisecond cursor could skip rows created in the same millisecond.
 */
export const KEYSET_MICROS = "floor(extract(epoch FROM created_at) * 1000000)::bigint";

export function afterClause(kind: string, after: string | null, params: unknown[]): string {
  if (!after) return "TRUE";
  const value = decodeCursor(kind, after, (v) => /^\d{1,20}\|[0-9a-f-]{36}$/.test(v));
  const [micros, id] = value.split("|") as [string, string];
  const a = params.push(micros);
  const b = params.push(id);
  return `(${KEYSET_MICROS}, id) < ($${a}::bigint, $${b}::uuid)`;
}

export function toPage<T extends { id: string }>(
  kind: string,
  rows: { node: T; micros: string }[],
  first: number,
  totalCount: number,
): Page<T> {
  const edges = rows
    .slice(0, first)
    .map((r) => ({ cursor: encodeCursor(kind, `${r.micros}|${r.node.id}`), node: r.node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

export function dateOrNull(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}
