import { describe, expect, it } from "vitest";
import { TokenBook } from "./tokens";

describe("TokenBook", () => {
  const setup = () => {
    let now = 1_700_000_000_000;
    const book = new TokenBook(() => now);
    book.seed("access-0", "refresh-0", 60, 3600);
    return { book, advance: (ms: number) => (now += ms), now: () => now };
  };

  it("accepts the seeded access token until its lifetime ends", () => {
    const { book, advance } = setup();
    expect(book.check("access-0")).toBe("ok");
    advance(59_999);
    expect(book.check("access-0")).toBe("ok");
    advance(1);
    expect(book.check("access-0")).toBe("expired");
    expect(book.check("nope")).toBe("invalid");
    expect(book.check(undefined)).toBe("invalid");
  });

  it("issues a new pair with absolute expiries and spends the refresh token", () => {
    const { book, now } = setup();
    const pair = book.exchange("refresh-0", 120, 7200);
    if (typeof pair === "string") throw new Error(pair);
    expect(pair.accessExpiresAt).toBe(now() + 120_000);
    expect(pair.refreshExpiresAt).toBe(now() + 7_200_000);
    expect(book.check(pair.accessToken)).toBe("ok");
    expect(book.exchange("refresh-0", 120, 7200)).toBe("spent");
    expect(book.exchange(pair.refreshToken, 120, 7200)).not.toBeTypeOf("string");
    expect(book.exchange("never-issued", 120, 7200)).toBe("invalid");
  });

  it("refuses an expired refresh token", () => {
    const { book, advance } = setup();
    advance(3_600_000);
    expect(book.exchange("refresh-0", 60, 60)).toBe("expired");
  });

  it("expires every access token at once", () => {
    const { book } = setup();
    const pair = book.exchange("refresh-0", 120, 7200);
    if (typeof pair === "string") throw new Error(pair);
    expect(book.expireAll()).toBe(2);
    expect(book.check("access-0")).toBe("expired");
    expect(book.check(pair.accessToken)).toBe("expired");
    expect(book.activeAccessTokens).toBe(0);
  });
});
