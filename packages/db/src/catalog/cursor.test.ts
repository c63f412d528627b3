import { describe, expect, it } from "vitest";
import { decodeProductCursor, encodeProductCursor, InvalidCursorError } from "./cursor";

const b64 = (s: string) => Buffer.from(s).toString("base64url");

describe("product cursors", () => {
  it.each(["1", "42", "9223372036854775807"])("round-trip id %s", (id) => {
    const c = encodeProductCursor(id);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeProductCursor(c)).toBe(id);
  });

  it.each([
    ["empty", "", /not base64url/],
    ["not base64url", "p1:12", /not base64url/],
    ["padding", b64("p1:12") + "=", /not base64url/],
    ["other list", b64("b1:12"), /not a cursor of this list/],
    ["old version", b64("p0:12"), /not a cursor of this list/],
    ["not a number", b64("p1:abc"), /malformed/],
    ["zero", b64("p1:0"), /malformed/],
    ["negative", b64("p1:-5"), /malformed/],
    ["leading zero", b64("p1:012"), /malformed/],
    ["beyond bigint", b64("p1:9223372036854775808"), /malformed/],
  ])("rejects %s", (_name, cursor, message) => {
    expect(() => decodeProductCursor(cursor)).toThrow(InvalidCursorError);
    expect(() => decodeProductCursor(cursor)).toThrow(message);
    expect(() => decodeProductCursor(cursor)).toThrow(/^after: invalid cursor/);
  });
});
