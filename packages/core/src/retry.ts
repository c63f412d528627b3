import type { SyncErrorClass } from "./errors";
import { InvalidInputError, describeValue } from "./invalid-input";

export interface RetryPolicy {
  /** First backoff ceiling; doubles per attempt. */
  baseDelayMs: number;
  /** Backoff never exceeds this. */
  maxDelayMs: number;
  /** Wait after RATE_LIMIT when the marketplace gave no Retry-After. */
  rateLimitDelayMs: number;
  /** Longest wait honoured from a Retry-After, so a bogus header cannot park a job for a day. */
  maxRateLimitDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  // Both platforms meter calls per second, so a couple of seconds clears the window.
  rateLimitDelayMs: 2_000,
  maxRateLimitDelayMs: 600_000,
};

export type RetryDecision =
  | { action: "retry"; delayMs: number; spendsAttempt: boolean }
  | { action: "refresh-token-then-retry" }
  | { action: "dead-letter"; reason: string };

export interface RetryContext {
  /** From the marketplace's Retry-After or documented back-off, when known. */
  retryAfterMs?: number | null;
  /** Returns [0, 1); injectable so tests and replays are deterministic. */
  random?: () => number;
  /** True when the token was already refreshed for this job, so a second auth failure is final. */
  tokenRefreshed?: boolean;
  policy?: Partial<RetryPolicy>;
  /**
   * After the fast attempts, transient classes (NETWORK, SYSTEM, UNKNOWN) get one more attempt after
   * each of these waits before they are dead-lettered: an outage of minutes should not need a person.
   */
  slowRetryDelaysMs?: readonly number[];
}

/** Error classes that waiting can cure. */
export const TRANSIENT_ERROR_CLASSES: readonly SyncErrorClass[] = [
  "NETWORK",
  "SYSTEM",
  "UNKNOWN",
  "RATE_LIMIT",
];

/** Every attempt a transient failure may spend: the fast ones, then one per slow delay. */
export function attemptBudget(maxAttempts: number, slowRetryDelaysMs: readonly number[] = []): number {
  return maxAttempts + slowRetryDelaysMs.length;
}

function wholeNumber(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidInputError(
      field,
      "INVALID_SETTING",
      `${field} must be a whole number ≥ ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * "Full jitter" backoff: a uniformly random wait between 0 and min(cap, base × 2^(attempt−1)).
 * Spreading retries over the whole window stops many failed jobs from hitting a recovering
 * marketplace at the same instant.
 */
export function backoffDelayMs(attemptsMade: number, policy: RetryPolicy, random: () => number): number {
  const r = random();
  if (!(r >= 0 && r < 1)) {
    throw new InvalidInputError(
      "random",
      "OUT_OF_RANGE",
      `random() must return a number in [0, 1), got ${describeValue(r)}`,
    );
  }
  const exponent = Math.min(wholeNumber(attemptsMade, "attemptsMade", 1) - 1, 52);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(r * ceiling);
}

/**
 * What to do after a failed attempt. `attemptsMade` counts the attempts that spent budget so far,
 * including the one that just failed.
 * - RATE_LIMIT: wait (Retry-After when known) and try again without spending an attempt.
 * - AUTHENTICATION: refresh the token and try once more; if that was already done, dead-letter.
 * - VALIDATION: dead-letter now; sending the same data again cannot succeed.
 * - NETWORK, SYSTEM, UNKNOWN: exponential backoff with full jitter until `maxAttempts`, then the
 *   slow round (`slowRetryDelaysMs`, each ±10 % so a crowd of retries spreads out), then dead-letter.
 */
export function retryDecision(
  errorClass: SyncErrorClass,
  attemptsMade: number,
  maxAttempts: number,
  context: RetryContext = {},
): RetryDecision {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...context.policy };
  wholeNumber(attemptsMade, "attemptsMade", 1);
  wholeNumber(maxAttempts, "maxAttempts", 1);

  switch (errorClass) {
    case "RATE_LIMIT": {
      const asked = context.retryAfterMs;
      const wait =
        asked !== null && asked !== undefined && Number.isFinite(asked) ? asked : policy.rateLimitDelayMs;
      return {
        action: "retry",
        delayMs: Math.ceil(Math.min(Math.max(0, wait), policy.maxRateLimitDelayMs)),
        spendsAttempt: false,
      };
    }
    case "AUTHENTICATION":
      return context.tokenRefreshed
        ? { action: "dead-letter", reason: "authentication still fails after refreshing the token" }
        : { action: "refresh-token-then-retry" };
    case "VALIDATION":
      return {
        action: "dead-letter",
        reason: "the marketplace rejected the data; retrying the same data cannot succeed",
      };
    case "NETWORK":
    case "SYSTEM":
    case "UNKNOWN":
      if (attemptsMade >= maxAttempts) {
        const slow = context.slowRetryDelaysMs ?? [];
        const next = slow[attemptsMade - maxAttempts];
        if (next !== undefined) {
          const r = (context.random ?? Math.random)();
          return { action: "retry", delayMs: Math.round(next * (0.9 + 0.2 * r)), spendsAttempt: true };
        }
        const budget = attemptBudget(maxAttempts, slow);
        return {
          action: "dead-letter",
          reason:
            slow.length === 0
              ? `${errorClass} failure after ${attemptsMade} of ${maxAttempts} attempts`
              : `${errorClass} failure after ${attemptsMade} of ${budget} attempts (${maxAttempts} fast, ${slow.length} slow)`,
        };
      }
      return {
        action: "retry",
        delayMs: backoffDelayMs(attemptsMade, policy, context.random ?? Math.random),
        spendsAttempt: true,
      };
    default: {
      const unknown: never = errorClass;
      throw new InvalidInputError(
        "errorClass",
        "INVALID_SETTING",
        `unknown error class ${describeValue(unknown)}`,
      );
    }
  }
}
