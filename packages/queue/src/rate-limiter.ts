import type { Redis } from "ioredis";

/**
 * GCRA (generic cell rate algorithm) in one Lua script: each key stores the "theoretical arrival
 * time" of the next allowed call. Every worker process asks the same key, so together they never
 * exceed the channel's budget; Redis' own clock is used so workers' clock skew does not matter.
 * Returns 0 when the call may go now, else the milliseconds to wait before asking again.
 */
const ACQUIRE = `
local key = KEYS[1]
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', key) or now)
if tat < now then tat = now end
local allow_at = tat - burst * interval
-- Redis truncates a script's numbers to integers: a wait under 1 ms must not come back as 0 (= granted).
if allow_at > now then return math.ceil(allow_at - now) end
local new_tat = tat + interval
redis.call('SET', key, new_tat, 'PX', math.ceil(new_tat - now + 1000))
return 0
`;

/** Pushes the next allowed time to at least now + ms: a 429 throttles the whole channel, every worker. */
const PAUSE = `
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = now + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', key) or 0)
if tat < until_ms then redis.call('SET', key, until_ms, 'PX', tonumber(ARGV[1]) + 1000) end
return until_ms - now
`;

export interface RateLimit {
  /** Calls per second allowed for the key, across every process. */
  perSecond: number;
  /** How many calls may go back to back after an idle spell; 1 spaces every call evenly. */
  burst?: number;
}

export class RedisRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "{syncstore}:ratelimit:",
  ) {
    redis.defineCommand("ssRateAcquire", { numberOfKeys: 1, lua: ACQUIRE });
    redis.defineCommand("ssRatePause", { numberOfKeys: 1, lua: PAUSE });
  }

  /** Milliseconds to wait, 0 when the call may go now (and it has been counted). */
  async tryAcquire(key: string, limit: RateLimit): Promise<number> {
    const interval = 1000 / limit.perSecond;
    const burst = Math.max(0, (limit.burst ?? 1) - 1);
    const cmd = this.redis as unknown as { ssRateAcquire(k: string, i: number, b: number): Promise<number> };
    return Number(await cmd.ssRateAcquire(this.prefix + key, interval, burst));
  }

  /** Waits until the call is allowed. */
  async acquire(key: string, limit: RateLimit, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = await this.tryAcquire(key, limit);
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(wait))));
    }
  }

  /** Blocks the key for every process for `ms` (a marketplace said 429 / Retry-After). */
  async pause(key: string, ms: number): Promise<void> {
    const cmd = this.redis as unknown as { ssRatePause(k: string, ms: number): Promise<number> };
    await cmd.ssRatePause(this.prefix + key, Math.max(1, Math.ceil(ms)));
  }
}
