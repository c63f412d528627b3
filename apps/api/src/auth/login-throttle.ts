import type { Redis } from "ioredis";
import { sha256Hex } from "./tokens";

export interface LoginThrottleOptions {
  /** Redis key namespace, e.g. `${REDIS_PREFIX}:auth`. */
  prefix: string;
  /** Attempts per email within the window (default 5). */
  perEmail?: number;
  /** Attempts per client IP within the window, over all emails (default 30). */
  perIp?: number;
  /** Window in ms, counted from the first attempt (default 15 minutes). */
  windowMs?: number;
}

/**
 * Reserves an attempt on every counter, or reports the longest wait if any is used up. Reserving
 * before the password is checked means parallel guesses cannot all slip past one stale count.
 * KEYS = counters; ARGV = window ms, then one limit per key. Returns 0 (go) or the ms to wait.
 */
const ATTEMPT = `
local wait = 0
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = tonumber(ARGV[1]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[1], 'NX')
end
return 0
`;

// DECR only a live counter: decrementing an expired one would leave a -1 without a TTL.
const GIVE_BACK = `
redis.call('DEL', KEYS[1])
if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 0
`;

/** Per email and per IP sign-in throttle. A successful sign-in gives back what it reserved. */
export class LoginThrottle {
  private readonly perEmail: number;
  private readonly perIp: number;
  private readonly windowMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly opts: LoginThrottleOptions,
  ) {
    this.perEmail = opts.perEmail ?? 5;
    this.perIp = opts.perIp ?? 30;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
  }

  // Emails are hashed so Redis never holds a list of who tried to sign in.
  private emailKey(email: string): string {
    return `${this.opts.prefix}:login:email:${sha256Hex(email.trim().toLowerCase())}`;
  }

  private ipKey(ip: string): string {
    return `${this.opts.prefix}:login:ip:${ip}`;
  }

  /** 0 when the attempt may go ahead (and is counted), else the ms until it may. */
  async attempt(email: string, ip: string | null): Promise<number> {
    const keys = [this.emailKey(email)];
    const limits = [this.perEmail];
    if (ip) {
      keys.push(this.ipKey(ip));
      limits.push(this.perIp);
    }
    const wait = await this.redis.eval(ATTEMPT, keys.length, ...keys, this.windowMs, ...limits);
    return Number(wait);
  }

  /** After a correct password: the email starts afresh and the IP is not charged for it. */
  async succeeded(email: string, ip: string | null): Promise<void> {
    const keys = ip ? [this.emailKey(email), this.ipKey(ip)] : [this.emailKey(email)];
    await this.redis.eval(GIVE_BACK, keys.length, ...keys);
  }
}
