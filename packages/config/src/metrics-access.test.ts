import { describe, expect, it } from "vitest";
import { metricsRequestAllowed } from "./metrics-access";

const token = "a-metrics-token-of-some-length";

describe("metricsRequestAllowed", () => {
  it("with a token, asks every peer for it, loopback included", () => {
    const base = { token, production: false, peer: "127.0.0.1" };
    expect(metricsRequestAllowed({ ...base, authorization: undefined })).toBe(false);
    expect(metricsRequestAllowed({ ...base, authorization: `Bearer ${token}x` })).toBe(false);
    expect(metricsRequestAllowed({ ...base, authorization: `Bearer ${token}` })).toBe(true);
    expect(metricsRequestAllowed({ ...base, peer: "203.0.113.9", authorization: `Bearer ${token}` })).toBe(
      true,
    );
  });

  it("without a token, lets only this machine in, and only in development", () => {
    const base = { token: undefined, authorization: undefined };
    expect(metricsRequestAllowed({ ...base, production: false, peer: "127.0.0.1" })).toBe(true);
    expect(metricsRequestAllowed({ ...base, production: false, peer: "::ffff:127.0.0.1" })).toBe(true);
    expect(metricsRequestAllowed({ ...base, production: false, peer: "::1" })).toBe(true);
    expect(metricsRequestAllowed({ ...base, production: false, peer: "10.0.0.5" })).toBe(false);
    expect(metricsRequestAllowed({ ...base, production: false, peer: undefined })).toBe(false);
    expect(metricsRequestAllowed({ ...base, production: true, peer: "127.0.0.1" })).toBe(false);
  });
});
