import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimited } from "../auth/auth-errors";
import { requestViewer, sendGraphQLError } from "../auth/http";
import { rateLimitKey, type RateLimiter } from "./rate-limiter";

/**
 * One unit per HTTP request from the caller's bucket; over the limit → 429 with Retry-After and a
 * RATE_LIMITED error carrying `retryAfterMs`. Mount after authenticateRequests, so a known caller
 * is limited by their credential and not by a shared office IP address.
 */
export function rateLimitRequests(limiter: RateLimiter): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (await refuseOverLimit(limiter, rateLimitKey(requestViewer(req), req.ip), res)) return;
    } catch (e) {
      next(e);
      return;
    }
    next();
  };
}

/**
 * For authenticateRequests' `beforeRefusing`: a request with a bad credential pours into its IP
 * address's bucket before it gets its 401, so guessing keys or session tokens is limited like any
 * anonymous traffic instead of being free.
 */
export function limitRefusedCredentials(
  limiter: RateLimiter,
): (req: Request, res: Response) => Promise<boolean> {
  return (req, res) => refuseOverLimit(limiter, rateLimitKey(null, req.ip), res);
}

/** Takes one unit from `key`; answers 429 and returns true when it does not fit. */
async function refuseOverLimit(limiter: RateLimiter, key: string, res: Response): Promise<boolean> {
  const decision = await limiter.take(key);
  res.setHeader("X-RateLimit-Limit", String(limiter.options.burst));
  res.setHeader("X-RateLimit-Remaining", String(decision.remaining));
  if (decision.allowed) return false;
  const wait = Math.ceil(decision.retryAfterMs / 1000);
  res.setHeader("Retry-After", String(Math.max(1, wait)));
  sendGraphQLError(
    res,
    429,
    rateLimited(
      `Rate limit exceeded (${limiter.options.perMinute} requests per minute); retry in ${wait} s`,
      decision.retryAfterMs,
    ),
  );
  return true;
}
