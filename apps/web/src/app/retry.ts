/** What a failed request tells the retry policy. */
export interface FailedRequest {
  /** HTTP status, or null when no response came (network down, server restarting). */
  status: number | null;
  /** The Retry-After header, if any: seconds or an HTTP date. */
  retryAfter: string | null;
  /** Whether the operation changes data; those are retried only when the server refused them unrun. */
  mutation: boolean;
}

export const MAX_ATTEMPTS = 5;

/**
 * Whether to try again. A 429 (the API's rate limit) or 503 means "not run, come back later", so
 * anything may be retried; a lost connection is retried for reads only, since a write may have run.
 */
export function shouldRetry(attempt: number, failed: FailedRequest): boolean {
  if (attempt >= MAX_ATTEMPTS) return false;
  if (failed.status === 429 || failed.status === 503) return true;
  return failed.status === null && !failed.mutation;
}

/** How long to wait before attempt `attempt` (1 = the first retry): Retry-After when given, else backoff. */
export function retryDelayMs(attempt: number, failed: FailedRequest, now: number = Date.now()): number {
  if (failed.retryAfter) {
    const seconds = Number(failed.retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(30_000, seconds * 1000);
    const at = Date.parse(failed.retryAfter);
    if (!Number.isNaN(at)) return Math.min(30_000, Math.max(0, at - now));
  }
  return Math.min(10_000, 300 * 2 ** (attempt - 1));
}
