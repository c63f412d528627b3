import type { Redis } from "ioredis";
import { sha256Hex } from "./tokens";

export interface LoginThrottleOptions {
  /** Redis key namespace, e.g. `${REDIS_PREFIX}:auth`. */
  prefix: string;
  /** Failures of one (account, client) pair before delays start (default 3). */
  freeFailures?: number;
  /** The first delay; each further failure doubles it (default 1 s). */
  baseDelayMs?: number;
  /** The longest delay between two attempts of one pair (default 15 minutes). */
  maxDelayMs?: number;
  /** A pair's failures are forgotten this long after its last one (default 24 hours). */
  pairMemoryMs?: number;
  /** Failures per client IP within the window, over all accounts (default 30). */
  perIp?: number;
  /** Window of the per-IP count, from its first attempt (default 15 minutes). */
  ipWindowMs?: number;
  /** For tests: the time in ms. Otherwise Redis' clock, the same for every API instance. */
  clock?: () => number;
}

/** Why an attempt has to wait. */
export type ThrottleReason = "PAIR_DELAY" | "IN_FLIGHT" | "CLIENT_LIMIT";

export type ThrottleDecision =
  { allowed: true; ticket: SignInTicket } | { allowed: false; waitMs: number; reason: ThrottleReason };

/** One reserved attempt; exactly one of its methods should be called when the password was checked. */
export interface SignInTicket {
  /** The wrong password: counts for the pair and the client. Resolves to the pair's failures so far. */
  failed(): Promise<number>;
  /** The right password: the pair starts afresh and the client is not charged. */
  succeeded(): Promise<void>;
  /** Nothing was decided (an error): gives the reservation back. */
  release(): Promise<void>;
}

const NOW = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS: pair hash {f = failures, t = last failure ms}, pair in-flight counter, [client hash {n, s = window start}].
 * ARGV: now, free failures, base delay, max delay, in-flight ttl, ip window, per-ip limit.
 * Returns {0, 0} (go, reserved) or {reason, wait ms}: 1 pair delay, 2 attempt in flight, 3 client limit.
 * An attempt is reserved before the password is checked, so parallel guesses cannot all slip past
 * one stale count: once delays have started, a pair has one attempt in flight at a time.
 */
const ATTEMPT = `${NOW}
local free = tonumber(ARGV[2])
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
if f >= free then
  local delay = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ (f - free))
  if t + delay > now then return {1, math.ceil(t + delay - now)} end
end
local inflight = tonumber(redis.call('GET', KEYS[2]) or '0')
if inflight >= math.max(1, free - f) then return {2, 1000} end
if KEYS[3] then
  local window = tonumber(ARGV[6])
  local used = tonumber(redis.call('HGET', KEYS[3], 'n') or '0')
  local since = tonumber(redis.call('HGET', KEYS[3], 's') or '0')
  if since + window <= now then
    used = 0
    redis.call('HSET', KEYS[3], 'n', '0', 's', tostring(now))
    redis.call('PEXPIRE', KEYS[3], window)
  end
  if used >= tonumber(ARGV[7]) then return {3, math.ceil(since + window - now)} end
  redis.call('HINCRBY', KEYS[3], 'n', 1)
end
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return {0, 0}
`;

// DECR only a live counter: decrementing an expired one would leave a -1 without a TTL.
const SETTLE_IN_FLIGHT = `
if redis.call('EXISTS', KEYS[2]) == 1 and tonumber(redis.call('GET', KEYS[2])) > 0 then
  redis.call('DECR', KEYS[2])
end
`;

/** KEYS as ATTEMPT; ARGV: now, pair memory ms. Returns the pair's failures. */
const FAILED = `${NOW}${SETTLE_IN_FLIGHT}
local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
redis.call('HSET', KEYS[1], 't', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return f
`;

/** KEYS as ATTEMPT. ARGV[1] = 1: forget the pair (success); 0: only give the reservation back. */
const GIVE_BACK = `${SETTLE_IN_FLIGHT}
if ARGV[1] == '1' then redis.call('DEL', KEYS[1]) end
if KEYS[3] and tonumber(redis.call('HGET', KEYS[3], 'n') or '0') > 0 then
  redis.call('HINCRBY', KEYS[3], 'n', -1)
end
return 0
`;

/**
 * Sign-in throttle by (account, client) pair with exponential delay, plus a cap on failures per
 * client over all accounts. There is deliberately no per-account lock: an attacker must not be able
 * to lock the real owner out, so a client that has not failed for an account is never refused its
 * sign-in because of other clients' failures. Guessing from many addresses is bounded per address
 * and shows up as "recent failed sign-ins" for admins.
 */
export class LoginThrottle {
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pairMemoryMs: number;
  private readonly perIp: number;
  private readonly ipWindowMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly opts: LoginThrottleOptions,
  ) {
    this.freeFailures = opts.freeFailures ?? 3;
    this.baseDelayMs = opts.baseDelayMs ?? 1000;
    this.maxDelayMs = opts.maxDelayMs ?? 15 * 60_000;
    this.pairMemoryMs = opts.pairMemoryMs ?? 24 * 3_600_000;
    this.perIp = opts.perIp ?? 30;
    this.ipWindowMs = opts.ipWindowMs ?? 15 * 60_000;
  }

  /** The delay a pair waits after `failures` failures (0 while they are free). */
  delayAfter(failures: number): number {
    if (failures < this.freeFailures) return 0;
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (failures - this.freeFailures));
  }

  // Accounts are hashed so Redis never holds a list of who tried to sign in. `account` must be a
  // canonical identity (the user id, or the email as PostgreSQL folds it), never the raw input.
  private keys(account: string, client: string | null): string[] {
    const pair = `${this.opts.prefix}:login:pair:${sha256Hex(`${account}\n${client ?? ""}`)}`;
    const keys = [pair, `${pair}:inflight`];
    if (client) keys.push(`${this.opts.prefix}:login:ip:${client}`);
    return keys;
  }

  private now(): string {
    return this.opts.clock ? String(this.opts.clock()) : "";
  }

  async attempt(account: string, client: string | null): Promise<ThrottleDecision> {
    const keys = this.keys(account, client);
    const [code, wait] = (await this.redis.eval(
      ATTEMPT,
      keys.length,
      ...keys,
      this.now(),
      this.freeFailures,
      this.baseDelayMs,
      this.maxDelayMs,
      // An attempt in flight longer than this crashed; its reservation lapses.
      60_000,
      this.ipWindowMs,
      this.perIp,
    )) as [number, number];
    if (code !== 0) {
      const reason: ThrottleReason = code === 1 ? "PAIR_DELAY" : code === 2 ? "IN_FLIGHT" : "CLIENT_LIMIT";
      return { allowed: false, waitMs: Number(wait), reason };
    }
    const giveBack = (forget: boolean) =>
      this.redis.eval(GIVE_BACK, keys.length, ...keys, forget ? "1" : "0");
    return {
      allowed: true,
      ticket: {
        failed: async () =>
          Number(await this.redis.eval(FAILED, keys.length, ...keys, this.now(), this.pairMemoryMs)),
        succeeded: async () => void (await giveBack(true)),
        release: async () => void (await giveBack(false)),
      },
    };
  }
}
