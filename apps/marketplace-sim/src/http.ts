import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ScriptedFault, SimControl, SimSettings } from "./control";

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The exact bytes received: signatures are computed over them. */
  rawBody: Buffer;
}

export interface SimResponse {
  status: number;
  /** Sent as JSON, unless `html` is given. */
  body: unknown;
  headers?: Record<string, string>;
  /** A page (the consent pages of the authorization flows), sent as it is. */
  html?: string;
}

/** A 302 to a URL, as the consent pages answer an approval. */
export function redirect(location: string): SimResponse {
  return { status: 302, body: null, headers: { location }, html: "" };
}

export function page(status: number, html: string): SimResponse {
  return { status, body: null, html };
}

/** Escapes text for an HTML page. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What a platform simulator plugs into the shared server. */
export interface PlatformSim {
  /** Answers one protocol request. Return null for an unknown path (404). */
  handle(req: SimRequest): Promise<SimResponse | null>;
  /** Listing counts and the like, merged into `/__sim/stats`. */
  stats(): Record<string, unknown>;
  /** Drops every listing, image and issued token, back to the configured credentials. */
  reset(): void;
  /** Platform-specific control endpoints under `/__sim/` (e.g. expiring tokens now); null when unknown. */
  control?(method: string, path: string, body: unknown): SimResponse | null;
}

const MAX_BODY = 20 * 1024 * 1024;

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function send(res: http.ServerResponse, r: SimResponse): void {
  const payload = r.html ?? JSON.stringify(r.body);
  res.writeHead(r.status, {
    "content-type": r.html !== undefined ? "text/html; charset=utf-8" : "application/json",
    "content-length": Buffer.byteLength(payload),
    ...r.headers,
  });
  res.end(payload);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * The control API (`/__sim/settings`, `/__sim/stats`, `/__sim/reset`) answers loopback callers only;
 * everything else goes to the platform.
 */
export function createSimServer(control: SimControl, platform: PlatformSim): http.Server {
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://sim.local");
        const rawBody = await readBody(req);
        if (url.pathname.startsWith("/__sim/")) {
          if (!isLoopback(req.socket.remoteAddress)) {
            send(res, { status: 403, body: { error: "control API answers loopback callers only" } });
            return;
          }
          send(res, handleControl(control, platform, req.method ?? "GET", url.pathname, rawBody));
          return;
        }
        const answer = await platform.handle({
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
        });
        if (answer === null)
          send(res, {
            status: 404,
            body: { error: "not_found", message: `no such endpoint ${url.pathname}` },
          });
        else if (answer.status === 0) {
          // A simulated timeout: hold the socket, never answer. The client's own timeout ends it.
          req.socket.setTimeout(120_000, () => req.socket.destroy());
        } else send(res, answer);
      } catch (e) {
        send(res, { status: 400, body: { error: "bad_request", message: (e as Error).message } });
      }
    })();
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

function handleControl(
  control: SimControl,
  platform: PlatformSim,
  method: string,
  path: string,
  rawBody: Buffer,
): SimResponse {
  if (path === "/__sim/stats" && method === "GET") {
    return { status: 200, body: { ...control.stats, ...platform.stats(), settings: control.settings } };
  }
  if (path === "/__sim/settings" && method === "GET") return { status: 200, body: control.settings };
  if (path === "/__sim/settings" && (method === "POST" || method === "PATCH")) {
    const patch = parseSettings(rawBody);
    if (typeof patch === "string") return { status: 400, body: { error: patch } };
    return { status: 200, body: control.update(patch) };
  }
  if (path === "/__sim/faults" && method === "GET") return { status: 200, body: control.pendingFaults };
  if (path === "/__sim/faults" && method === "POST") {
    const fault = parseFault(rawBody);
    if (typeof fault === "string") return { status: 400, body: { error: fault } };
    control.injectFault(fault);
    return { status: 200, body: control.pendingFaults };
  }
  if (path === "/__sim/reset" && method === "POST") {
    platform.reset();
    control.resetStats();
    return { status: 200, body: { ok: true } };
  }
  let body: unknown = null;
  try {
    body = rawBody.length ? JSON.parse(rawBody.toString("utf8")) : null;
  } catch {
    return { status: 400, body: { error: "body must be JSON" } };
  }
  return (
    platform.control?.(method, path, body) ?? {
      status: 404,
      body: { error: `no control endpoint ${method} ${path}` },
    }
  );
}

const NUMERIC: (keyof SimSettings)[] = [
  "latencyMs",
  "jitterMs",
  "errorRate",
  "timeoutRate",
  "accessTokenTtlSec",
  "refreshTokenTtlSec",
  "reviewDelayMs",
  "tierVariationWaitMs",
  "authCodeTtlSec",
];

/** `{ endpoint, outcome: "error" | "timeout" | "rate_limited", count }`, or an error naming the bad field. */
export function parseFault(raw: Buffer): ScriptedFault | string {
  let input: unknown;
  try {
    input = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch {
    return "body must be JSON";
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return "body must be a JSON object";
  const { endpoint, outcome, count } = input as Record<string, unknown>;
  if (typeof endpoint !== "string" || endpoint === "") return "endpoint must be a non-empty string";
  if (outcome !== "error" && outcome !== "timeout" && outcome !== "rate_limited")
    return "outcome must be error, timeout or rate_limited";
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100_000)
    return "count must be a whole number from 1 to 100000";
  return { endpoint, outcome, count };
}

/** Returns the validated patch, or an error message naming the bad setting. */
export function parseSettings(raw: Buffer): Partial<SimSettings> | string {
  let input: unknown;
  try {
    input = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch {
    return "body must be JSON";
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return "body must be a JSON object";
  const patch: Partial<SimSettings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "qpsPerShop") {
      if (value !== null && (typeof value !== "number" || !(value > 0)))
        return "qpsPerShop must be a positive number or null";
      patch.qpsPerShop = value as number | null;
    } else if (key === "dailyListingQuota") {
      if (value !== null && (typeof value !== "number" || !Number.isInteger(value) || value < 0))
        return "dailyListingQuota must be a whole number or null";
      patch.dailyListingQuota = value as number | null;
    } else if (key === "autoReview") {
      if (typeof value !== "boolean") return "autoReview must be true or false";
      patch.autoReview = value;
    } else if (key === "webhookUrl") {
      if (value !== null && (typeof value !== "string" || !/^https?:\/\/\S+$/.test(value)))
        return "webhookUrl must be an http(s) URL or null";
      patch.webhookUrl = value as string | null;
    } else if ((NUMERIC as string[]).includes(key)) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        return `${key} must be a non-negative number`;
      if ((key === "errorRate" || key === "timeoutRate") && value > 1)
        return `${key} must be between 0 and 1`;
      (patch as Record<string, number>)[key] = value;
    } else return `unknown setting ${key}`;
  }
  return patch;
}

export async function listen(server: http.Server, port: number, host = "127.0.0.1"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
