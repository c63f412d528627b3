import type { Redis } from "ioredis";

export interface RateLimitOptions {
  /** Redis key namespace, e.g. `${REDIS_PREFIX}:ratelimit`. */
  prefix: string;
  /** Sustained rate: the bucket leaks this many units per minute. */
  perMinute: number;
  /** Bucket size: how many units may arrive at once. */
  burst: number;
  /** For tests: the time in ms. Production uses Redis' clock, the same for every API replica. */
  clock?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until `cost` units fit. */
  retryAfterMs: number;
  /** Units that would still fit right now. */
  remaining: number;
}

/**
 * A leaky bucket per key (a hash {level, ts}): each request pours `cost` in, the bucket drains at
 * perMinute/60 000 per ms, and a request that would overflow it is refused without pouring.
 * ARGV: capacity, leak per ms, cost, now in ms (empty = Redis TIME). Returns {allowed, wait ms, remaining}.
 */
const LEAKY_BUCKET = `
local capacity = tonumber(ARGV[1])
local leak = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'level', 'ts')
local level = tonumber(state[1]) or 0
local ts = tonumber(state[2]) or now
if now > ts then level = math.max(0, level - (now - ts) * leak) end
if level + cost > capacity then
  return {0, math.ceil((level + cost - capacity) / leak), math.floor(capacity - level)}
end
level = level + cost
redis.call('HSET', KEYS[1], 'level', tostring(level), 'ts', tostring(math.max(now, ts)))
redis.call('PEXPIRE', KEYS[1], math.ceil(level / leak) + 1000)
return {1, 0, math.floor(capacity - level)}
`;

export class RateLimiter {
  private readonly leakPerMs: number;

  constructor(
    private readonly redis: Redis,
    readonly options: RateLimitOptions,
  ) {
    if (!(options.perMinute > 0) || !(options.burst >= 1))
      throw new Error("rate limit needs perMinute > 0 and burst >= 1");
    this.leakPerMs = options.perMinute / 60_000;
  }

  /** Pours `cost` units into `key`'s bucket if they fit. */
  async take(key: string, cost = 1): Promise<RateLimitDecision> {
    const now = this.options.clock ? String(this.options.clock()) : "";
    const reply = (await this.redis.eval(
      LEAKY_BUCKET,
      1,
      `${this.options.prefix}:${key}`,
      this.options.burst,
      this.leakPerMs,
      cost,
      now,
    )) as [number, number, number];
    return {
      allowed: reply[0] === 1,
      retryAfterMs: Number(reply[1]),
      remaining: Math.max(0, Number(reply[2])),
    };
  }
}

/** One bucket per API key, per person, and per IP address for anonymous callers. */
export function rateLimitKey(
  viewer: { kind: string; id: string } | null,
  ip: string | null | undefined,
): string {
  if (viewer) return `${viewer.kind}:${viewer.id}`;
  return `ip:${ip ?? "unknown"}`;
}
