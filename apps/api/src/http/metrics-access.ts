import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { NextFunction, Request, Response } from "express";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function fromLoopback(req: Request): boolean {
  // The socket's peer, not X-Forwarded-For: a proxy in front would make everyone look local.
  const peer = req.socket.remoteAddress ?? "";
  return isIP(peer) !== 0 && (peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127."));
}

/**
 * Who may read /metrics (process and traffic figures an outsider should not see): with METRICS_TOKEN,
 * whoever sends `Authorization: Bearer <token>`; without it, in development only this machine, and in
 * production nobody. Refusals look like a missing route.
 */
export function metricsAccess(opts: { token: string | undefined; production: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? "";
    const allowed = opts.token
      ? sameSecret(header, `Bearer ${opts.token}`)
      : !opts.production && fromLoopback(req);
    if (allowed) return next();
    res.status(404).type("text/plain").send("Not found");
  };
}
