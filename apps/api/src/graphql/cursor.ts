import { userInputError } from "./errors";

/** Opaque cursors: base64url of "<kind>:<value>", so a cursor from one list is refused by another. */
export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string, validate: (value: string) => boolean): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const prefix = `${kind}:`;
  const value = text.startsWith(prefix) ? text.slice(prefix.length) : null;
  // 19 digits and more overflow PostgreSQL's bigint, whatever shape the list's validator allows.
  if (value === null || /\d{19,}/.test(value) || !validate(value)) {
    throw userInputError(
      `after is not a valid cursor for this list: ${JSON.stringify(cursor.slice(0, 64))}`,
      "after",
    );
  }
  return value;
}

export const isBigintId = (v: string): boolean => /^\d{1,18}$/.test(v);
