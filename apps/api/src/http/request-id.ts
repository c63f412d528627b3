import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const scope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Keeps the request's id (given by requestLogging: the caller's X-Request-Id or a new one) for the
 * duration of the request, so Apollo's formatError — which sees no context — can put in the log
 * line and in the generic answer of an unexpected error the id the client got in X-Request-Id.
 */
export function requestIdScope() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const id = (req as Request & { id?: unknown }).id;
    scope.run({ requestId: typeof id === "string" ? id : randomUUID() }, next);
  };
}

/** The current request's id; outside a request (a WebSocket message), a fresh one. */
export function currentRequestId(): string {
  return scope.getStore()?.requestId ?? randomUUID();
}
