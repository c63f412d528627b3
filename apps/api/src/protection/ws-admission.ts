import type http from "node:http";
import type { Socket } from "node:net";
import type { RateLimiter } from "./rate-limiter";

/** Express's compiled `trust proxy` setting: is the hop at this address (at this distance) trusted? */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client's address as Express computes `req.ip` (proxy-addr's walk): from the TCP peer along
 * X-Forwarded-For, right to left, while the hop is a trusted proxy.
 */
export function clientAddress(req: http.IncomingMessage, trust: TrustProxy): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const hops = [peer, ...forwarded];
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i]!, i)) return hops[i]!;
  return hops[hops.length - 1]!;
}

export interface WsAdmissionOptions {
  /** Open sockets (and upgrades under way) per client address on this instance. */
  maxPerIp: number;
  /** New sockets per client address, shared by all instances through Redis. */
  connectLimiter: RateLimiter;
  clientIp: (req: http.IncomingMessage) => string | null;
  allowsOrigin: (origin: string) => boolean;
}

type VerifyCallback = (
  result: boolean,
  code?: number,
  message?: string,
  headers?: http.OutgoingHttpHeaders,
) => void;

/**
 * `verifyClient` for the ws server: refuses an upgrade before any WebSocket exists — 403 for a
 * foreign origin, 429 for too many open sockets from one address or too many new ones per minute
 * (with Retry-After). The socket counts until its TCP connection closes.
 */
export function wsAdmission(opts: WsAdmissionOptions) {
  const open = new Map<string, Set<Socket>>();
  const full = (ip: string) => (open.get(ip)?.size ?? 0) >= opts.maxPerIp;
  const admit = (ip: string, socket: Socket) => {
    let set = open.get(ip);
    if (!set) open.set(ip, (set = new Set()));
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && open.get(ip) === set) open.delete(ip);
    });
  };
  const tooMany = `Too many WebSocket connections from this address (at most ${opts.maxPerIp} open)`;

  return {
    verifyClient(info: { origin: string; req: http.IncomingMessage }, done: VerifyCallback): void {
      if (!opts.allowsOrigin(info.origin)) return done(false, 403, "Origin not allowed");
      const ip = opts.clientIp(info.req) ?? "unknown";
      if (full(ip)) return done(false, 429, tooMany);
      opts.connectLimiter.take(`ip:${ip}`).then(
        (decision) => {
          if (!decision.allowed) {
            return done(false, 429, "Too many new WebSocket connections from this address", {
              "Retry-After": String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))),
            });
          }
          // Checked again: other upgrades from this address may have been admitted meanwhile.
          if (full(ip)) return done(false, 429, tooMany);
          admit(ip, info.req.socket);
          done(true);
        },
        () => done(false, 503, "Service unavailable"),
      );
    },

    /** Open sockets from this address on this instance. */
    openFrom(ip: string): number {
      return open.get(ip)?.size ?? 0;
    },
  };
}
