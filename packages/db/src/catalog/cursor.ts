import { decodeCursor, encodeCursor, InvalidCursorError, isBigintPosition } from "@syncstore/core";

export { InvalidCursorError };

/** Products are paged by id; `p1` versions the position so its format can change later. */
const KIND = "p1";

export function encodeProductCursor(id: string): string {
  return encodeCursor(KIND, id);
}

/** The product id inside a cursor; InvalidCursorError for anything else. */
export function decodeProductCursor(cursor: string, argument = "after"): string {
  return decodeCursor(KIND, cursor, isBigintPosition, argument);
}
