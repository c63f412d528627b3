import { setTimeout as sleep } from "node:timers/promises";

/** SQLSTATE classes and codes that mean "PostgreSQL is not there right now", not "this query is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
const UNAVAILABLE_NODE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Client has encountered a connection error|not queryable|Cannot use a pool after calling end/i;

/**
 * True when `e` says the database went away (restart, failover, network), so the same statement
 * will succeed once it is back. TypeORM wraps the driver's error; both are looked at.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const err = cur as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof err.code === "string" ? err.code : "";
    if (UNAVAILABLE_NODE.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (typeof err.message === "string" && UNAVAILABLE_MESSAGE.test(err.message)) return true;
    cur = err.driverError ?? err.cause;
  }
  return false;
}

export interface WaitForDatabaseOptions {
  /** Give up (rethrow the last error) after this long without the database. */
  maxWaitMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called once when the database first fails and once when it answers again. */
  onUnavailable?: (e: unknown) => void;
  onBack?: (waitedMs: number) => void;
}

/**
 * Runs `work`, and while it fails because the database is unavailable runs it again with backoff,
 * up to `maxWaitMs`. Any other failure is thrown at once: only an outage is worth waiting out.
 */
export async function untilDatabase<T>(
  work: () => Promise<T>,
  opts: WaitForDatabaseOptions = {},
): Promise<T> {
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  const base = opts.baseDelayMs ?? 100;
  const cap = opts.maxDelayMs ?? 2000;
  let started: number | null = null;
  for (let tries = 0; ; tries++) {
    try {
      const result = await work();
      if (started !== null) opts.onBack?.(Date.now() - started);
      return result;
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      if (started === null) {
        started = Date.now();
        opts.onUnavailable?.(e);
      }
      if (Date.now() - started >= maxWaitMs) throw e;
      await sleep(Math.min(cap, base * 2 ** Math.min(tries, 10)) * (0.5 + Math.random() / 2));
    }
  }
}
