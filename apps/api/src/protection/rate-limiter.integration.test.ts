import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter, rateLimitKey } from "./rate-limiter";

let redis: Redis;
const prefix = `test-rl-${randomBytes(6).toString("hex")}`;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("leaky bucket rate limiter", () => {
  it("lets a burst through, refuses the next with the time until it fits, and refills at the rate", async () => {
    let now = 1_000_000;
    // 60 per minute = one unit per second; bucket of 5.
    const limiter = new RateLimiter(redis, { prefix, perMinute: 60, burst: 5, clock: () => now });
    for (let i = 0; i < 5; i++) {
      expect(await limiter.take("apiKey:a")).toEqual({ allowed: true, retryAfterMs: 0, remaining: 4 - i });
    }
    expect(await limiter.take("apiKey:a")).toEqual({ allowed: false, retryAfterMs: 1000, remaining: 0 });
    now += 400;
    expect(await limiter.take("apiKey:a")).toEqual({ allowed: false, retryAfterMs: 600, remaining: 0 });
    now += 600;
    expect((await limiter.take("apiKey:a")).allowed).toBe(true);
    expect((await limiter.take("apiKey:a")).allowed).toBe(false);
    // A long pause drains the bucket completely, but never below empty.
    now += 3_600_000;
    for (let i = 0; i < 5; i++) expect((await limiter.take("apiKey:a")).allowed).toBe(true);
    expect((await limiter.take("apiKey:a")).allowed).toBe(false);
  });

  it("keeps one bucket per key", async () => {
    const now = 5_000_000;
    const limiter = new RateLimiter(redis, { prefix, perMinute: 60, burst: 2, clock: () => now });
    expect((await limiter.take("user:1")).allowed).toBe(true);
    expect((await limiter.take("user:1")).allowed).toBe(true);
    expect((await limiter.take("user:1")).allowed).toBe(false);
    expect((await limiter.take("user:2")).allowed).toBe(true);
    expect((await limiter.take("ip:10.0.0.1")).allowed).toBe(true);
  });

  it("charges a cost in units", async () => {
    const now = 9_000_000;
    const limiter = new RateLimiter(redis, { prefix, perMinute: 600, burst: 10, clock: () => now });
    expect(await limiter.take("apiKey:cost", 7)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 3 });
    // 4 does not fit in 3: refused without pouring, 1 unit short at 10 per second = 100 ms.
    expect(await limiter.take("apiKey:cost", 4)).toEqual({ allowed: false, retryAfterMs: 100, remaining: 3 });
    expect(await limiter.take("apiKey:cost", 3)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0 });
  });

  it("refills on Redis' own clock when no clock is given", async () => {
    // 600 per minute = 10 per second; a bucket of 3 refills one unit every 100 ms.
    const limiter = new RateLimiter(redis, { prefix, perMinute: 600, burst: 3 });
    const key = `ip:${randomBytes(4).toString("hex")}`;
    let refused = null;
    for (let i = 0; i < 50 && !refused; i++) {
      const d = await limiter.take(key);
      if (!d.allowed) refused = d;
    }
    expect(refused).not.toBeNull();
    expect(refused!.retryAfterMs).toBeGreaterThan(0);
    expect(refused!.retryAfterMs).toBeLessThanOrEqual(100);
    const deadline = Date.now() + 5_000;
    let allowed = false;
    while (!allowed && Date.now() < deadline) allowed = (await limiter.take(key)).allowed;
    expect(allowed).toBe(true);
  });

  it("expires idle buckets", async () => {
    const limiter = new RateLimiter(redis, { prefix, perMinute: 60, burst: 5, clock: () => 1 });
    await limiter.take("apiKey:idle", 2);
    const ttl = await redis.pttl(`${prefix}:apiKey:idle`);
    // 2 units drain in 2 s; the key lives a second longer.
    expect(ttl).toBeGreaterThan(2_000);
    expect(ttl).toBeLessThanOrEqual(3_000);
  });

  it("refuses a nonsensical configuration", () => {
    expect(() => new RateLimiter(redis, { prefix, perMinute: 0, burst: 5 })).toThrow(/perMinute > 0/);
    expect(() => new RateLimiter(redis, { prefix, perMinute: 10, burst: 0 })).toThrow(/burst >= 1/);
  });
});

describe("rateLimitKey", () => {
  it.each([
    [{ kind: "apiKey", id: "k1" }, "10.0.0.1", "apiKey:k1"],
    [{ kind: "user", id: "u1" }, "10.0.0.1", "user:u1"],
    [null, "10.0.0.1", "ip:10.0.0.1"],
    [null, undefined, "ip:unknown"],
  ])("%j from %s → %s", (viewer, ip, key) => {
    expect(rateLimitKey(viewer, ip)).toBe(key);
  });
});
