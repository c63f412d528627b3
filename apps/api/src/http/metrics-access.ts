import type { NextFunction, Request, Response } from "express";
import { metricsRequestAllowed } from "@syncstore/config";

/** The API's `/metrics` gate (rule: `metricsRequestAllowed`). Refusals look like a missing route. */
export function metricsAccess(opts: { token: string | undefined; production: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const allowed = metricsRequestAllowed({
      authorization: req.headers.authorization,
      peer: req.socket.remoteAddress,
      token: opts.token,
      production: opts.production,
    });
    if (allowed) return next();
    res.status(404).type("text/plain").send("Not found");
  };
}
