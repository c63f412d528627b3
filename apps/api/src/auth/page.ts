import type { RuleRef, UserErrorCode } from "@syncstore/core";
import type { KeysetPosition, KeysetRows } from "@syncstore/db";
import { decodeCursor, encodeCursor, isKeysetPosition } from "../graphql/cursor";

/** A Relay page, the same shape the other lists of the API return. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface UserErrorData {
  field: string[] | null;
  code: UserErrorCode;
  message: string;
  rule?: RuleRef["rule"] | null;
  params?: { name: string; value: string }[] | null;
}

/** The keyset position a cursor of this list names (newest first on created_at, id). */
export function positionAfter(kind: string, after: string | null): KeysetPosition | null {
  if (!after) return null;
  const value = decodeCursor(kind, after, isKeysetPosition);
  const [micros, id] = value.split("|") as [string, string];
  return { micros, id };
}

/** A Relay page of `first` rows from one more row than asked for. */
export function toPage<R extends { id: string }, T>(
  kind: string,
  page: KeysetRows<R>,
  first: number,
  toNode: (row: R) => T,
): Page<T> {
  const edges = page.rows
    .slice(0, first)
    .map((r) => ({ cursor: encodeCursor(kind, `${r.micros}|${r.row.id}`), node: toNode(r.row) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
