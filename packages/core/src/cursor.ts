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

/**
 * Opaque cursors, one format for every list: base64url of `<kind>:<position>`, so a cursor from one
 * list is refused by another, and a kind can be versioned (`p1`) when a list's position changes.
 */
export function encodeCursor(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, "utf8").toString("base64url");
}

/**
 * The position inside a cursor of this kind; InvalidCursorError for anything else: text that is not
 * canonical base64url, another list's cursor, or a position `valid` refuses (each list checks its
 * positions fit its columns, so nothing malformed reaches SQL).
 */
export function decodeCursor(
  kind: string,
  cursor: string,
  valid: (position: string) => boolean,
  argument = "after",
): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError(argument, "not base64url");
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (Buffer.from(text, "utf8").toString("base64url") !== cursor)
    throw new InvalidCursorError(argument, "not base64url");
  const prefix = `${kind}:`;
  if (!text.startsWith(prefix)) throw new InvalidCursorError(argument, "not a cursor of this list");
  const position = text.slice(prefix.length);
  if (!valid(position)) throw new InvalidCursorError(argument, "malformed position");
  return position;
}

const MAX_BIGINT = 9223372036854775807n;

/** A positive PostgreSQL bigint in canonical form ("42", not "042" or "0"). */
export function isBigintPosition(v: string): boolean {
  return /^[1-9]\d{0,18}$/.test(v) && BigInt(v) <= MAX_BIGINT;
}

/** A keyset position newest first on (created_at, id): `<microseconds>|<uuid>`. */
export function isKeysetPosition(v: string): boolean {
  return /^\d{1,18}\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
}
