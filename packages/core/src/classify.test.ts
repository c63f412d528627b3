import { describe, expect, it } from "vitest";
import { type HttpFailure, classifyHttpFailure } from "./classify";
import type { SyncErrorClass } from "./errors";

const answered = (code: string | null, httpStatus: number | null, message = ""): HttpFailure => ({
  httpStatus,
  code,
  message,
  networkErrorCode: null,
});
const network = (networkErrorCode: string): HttpFailure => ({
  httpStatus: null,
  code: null,
  message: "socket hang up",
  networkErrorCode,
});

/** The rules that hold for every platform; each platform's own codes are tested beside its client. */
const cases: [string, HttpFailure, SyncErrorClass][] = [
  ["HTTP 429 without a body", answered(null, 429), "RATE_LIMIT"],
  ["HTTP 401 without a code", answered(null, 401), "AUTHENTICATION"],
  ["HTTP 422 without a code", answered(null, 422), "VALIDATION"],
  ["HTTP 500 without a code", answered(null, 500), "SYSTEM"],
  ["HTTP 503 without a code", answered(null, 503), "SYSTEM"],
  ["ECONNRESET", network("ECONNRESET"), "NETWORK"],
  ["ECONNREFUSED", network("ECONNREFUSED"), "NETWORK"],
  ["ETIMEDOUT", network("ETIMEDOUT"), "NETWORK"],
  ["the transport's TIMEOUT", network("TIMEOUT"), "NETWORK"],
  ["undici socket error", network("UND_ERR_SOCKET"), "NETWORK"],
  ["undici headers timeout", network("UND_ERR_HEADERS_TIMEOUT"), "NETWORK"],
  ["DNS failure", network("ENOTFOUND"), "NETWORK"],
  ["HTTP 408", answered(null, 408), "NETWORK"],
  ["a local error that is not a network failure", network("ERR_INVALID_URL"), "UNKNOWN"],
  ["nothing known at all", {}, "UNKNOWN"],
  ["a code no platform table knows, on HTTP 400", answered("something_new", 400), "VALIDATION"],
  ["a code no platform table knows, on HTTP 200", answered("something_new", 200), "UNKNOWN"],
  ["a rate-limit message without a known code", answered("busy", 200, "Too many requests"), "RATE_LIMIT"],
];

describe("classifyHttpFailure", () => {
  it.each(cases)("%s → %s", (_name, failure, expected) => {
    expect(classifyHttpFailure(failure)).toBe(expected);
  });

  it("asks the platform's table first, and HTTP 429 outranks it", () => {
    const table = (code: string): SyncErrorClass | null => (code === "mine" ? "SYSTEM" : null);
    expect(classifyHttpFailure(answered("mine", 400), table)).toBe("SYSTEM");
    expect(classifyHttpFailure(answered("mine", 429), table)).toBe("RATE_LIMIT");
    expect(classifyHttpFailure(answered("mine", 500, "Too many requests"), table)).toBe("RATE_LIMIT");
  });
});
