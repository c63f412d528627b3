import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isLoopback(peer: string): boolean {
  return isIP(peer) !== 0 && (peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127."));
}

/**
 * Who may read a `/metrics` (process and traffic figures an outsider should not see), the same rule for
 * the API and the worker: with METRICS_TOKEN, whoever sends `Authorization: Bearer <token>`; without it,
 * in development only this machine, and in production nobody. `peer` is the socket's address, never
 * X-Forwarded-For: a proxy in front would make everyone look local.
 */
export function metricsRequestAllowed(req: {
  authorization: string | undefined;
  peer: string | undefined;
  token: string | undefined;
  production: boolean;
}): boolean {
  if (req.token) return sameSecret(req.authorization ?? "", `Bearer ${req.token}`);
  return !req.production && isLoopback(req.peer ?? "");
}
