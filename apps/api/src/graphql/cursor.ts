import { decodeCursor as decode, InvalidCursorError } from "@syncstore/core";
import { userInputError } from "./errors";

export { encodeCursor, isKeysetPosition } from "@syncstore/core";

/** core's decodeCursor, refusing a bad cursor as BAD_USER_INPUT naming the argument. */
export function decodeCursor(...args: Parameters<typeof decode>): string {
  try {
    return decode(...args);
  } catch (e) {
    if (e instanceof InvalidCursorError) throw userInputError(e.message, e.argument);
    throw e;
  }
}

/** Whether an ID argument or cursor position can be a bigint row id (19 digits would overflow). */
export const isBigintId = (v: string): boolean => /^\d{1,18}$/.test(v);
