/** A cursor that is not one this API issued, or belongs to another list. */
export class InvalidCursorError extends Error {
  constructor(
    readonly argument: string,
    detail: string,
  ) {
    super(`${argument}: invalid cursor (${detail}); pass an endCursor returned by the same query`);
    this.name = "InvalidCursorError";
  }
}

const PREFIX = "p1:";
const MAX_BIGINT = 9223372036854775807n;

/** Opaque product cursor: base64url of `p1:<id>`, versioned so the format can change later. */
export function encodeProductCursor(id: string): string {
  return Buffer.from(PREFIX + id, "utf8").toString("base64url");
}

/** The product id inside a cursor; InvalidCursorError for anything else. */
export function decodeProductCursor(cursor: string, argument = "after"): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError(argument, "not base64url");
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (Buffer.from(text, "utf8").toString("base64url") !== cursor)
    throw new InvalidCursorError(argument, "not base64url");
  if (!text.startsWith(PREFIX)) throw new InvalidCursorError(argument, "not a products cursor");
  const id = text.slice(PREFIX.length);
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_BIGINT) {
    throw new InvalidCursorError(argument, "malformed product position");
  }
  return id;
}
