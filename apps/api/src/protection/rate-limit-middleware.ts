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
      const decision = await limiter.take(rateLimitKey(requestViewer(req), req.ip));
      res.setHeader("X-RateLimit-Limit", String(limiter.options.burst));
      res.setHeader("X-RateLimit-Remaining", String(decision.remaining));
      if (!decision.allowed) {
        res.setHeader("Retry-After", String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
        const wait = Math.ceil(decision.retryAfterMs / 1000);
        sendGraphQLError(
          res,
          429,
          rateLimited(
            `Rate limit exceeded (${limiter.options.perMinute} requests per minute); retry in ${wait} s`,
            decision.retryAfterMs,
          ),
        );
        return;
      }
    } catch (e) {
      next(e);
      return;
    }
    next();
  };
}
