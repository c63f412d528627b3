import type { NextFunction, Request, RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import { errorCodeOf } from "./auth-errors";
import type { Authenticate } from "./authenticate";
import type { AuthViewer } from "./viewer";

const viewers = new WeakMap<Request, AuthViewer | null>();

/** The viewer `authenticateRequests` resolved for this request (null = anonymous or not run). */
export function requestViewer(req: Request): AuthViewer | null {
  return viewers.get(req) ?? null;
}

/** Writes a GraphQL-shaped error body, so clients read every refusal the same way. */
export function sendGraphQLError(res: Response, status: number, error: GraphQLError): void {
  res.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
}

/**
 * Resolves the Authorization header once per request, before Apollo. A bad credential is answered
 * here with 401 (the client should drop it, whatever the operation); a missing one passes as
 * anonymous and each operation's @Authorized decides.
 */
export function authenticateRequests(
  authenticate: Authenticate,
  opts: {
    /**
     * Runs before a bad credential is answered; true when it answered instead (rate limited). A bad
     * credential is a guess, so it must cost the guesser as much as a good request does.
     */
    beforeRefusing?: (req: Request, res: Response) => Promise<boolean>;
  } = {},
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      viewers.set(req, await authenticate(req.headers.authorization));
    } catch (e) {
      if (errorCodeOf(e) !== "UNAUTHENTICATED") {
        next(e);
        return;
      }
      try {
        if (opts.beforeRefusing && (await opts.beforeRefusing(req, res))) return;
      } catch (limitError) {
        next(limitError);
        return;
      }
      res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
      sendGraphQLError(res, 401, e as GraphQLError);
      return;
    }
    next();
  };
}
