import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { GraphQLError } from "graphql";
import helmet from "helmet";
import { sendGraphQLError } from "../auth/http";
import { ErrorCode } from "../graphql/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Origins allowed to call the API from a browser: CORS_ORIGINS (comma-separated), plus the API's own
 * public hosts (PUBLIC_HOSTS, else PUBLIC_URL's host, else this machine's loopback names). The Host
 * header is not trusted for this: anyone can send any Host, so "an origin on the host the request
 * names" let a page on evil.example reach an API that answers to every name (a DNS rebinding page).
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;
  private readonly hosts = new Set<string>();

  constructor(corsOrigins: string, publicHosts: readonly string[] = []) {
    this.allowed = new Set(
      corsOrigins
        .split(",")
        .map((o) => o.trim().replace(/\/+$/, ""))
        .filter((o) => o.length > 0),
    );
    for (const h of publicHosts) this.addPublicHost(h);
  }

  /** A host (name[:port]) the API is reached at; its origins are the API's own, http or https. */
  addPublicHost(host: string): void {
    this.hosts.add(host.trim().toLowerCase());
  }

  /** Works for HTTP requests and for WebSocket upgrades (`verifyClient`) alike. */
  allows(origin: string | undefined): boolean {
    if (!origin) return true; // not a cross-origin browser request (curl, servers, same-origin GET)
    if (this.allowed.has("*") || this.allowed.has(origin)) return true;
    try {
      // Compared by host, because behind a TLS proxy the API sees http while the browser says https.
      return this.hosts.has(new URL(origin).host);
    } catch {
      return false;
    }
  }
}

/**
 * The hosts the API is publicly reached at: PUBLIC_HOSTS (comma-separated host[:port]), else the
 * host of PUBLIC_URL, else none (the caller adds this machine's loopback names once it listens).
 */
export function configuredPublicHosts(config: { PUBLIC_HOSTS?: string; PUBLIC_URL?: string }): string[] {
  const listed = (config.PUBLIC_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (listed.length > 0) return listed;
  return config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).host] : [];
}

/**
 * Security headers for everything the API serves (SPA, playground, GraphQL): helmet's defaults with
 * a CSP that allows what the dashboard needs — its own scripts, inline styles (GraphiQL), images from
 * its own origin (product images come through the image proxy, http/image-proxy.ts) and connections
 * back to the API. `connect-src 'self'` covers the same-origin WebSocket too (CSP Level 3 matches
 * ws:/wss: on the page's own host for 'self'; the browser test checks it in Chromium).
 */
export function securityHeaders(opts: { contentSecurityPolicy?: boolean } = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy:
      opts.contentSecurityPolicy === false
        ? false
        : {
            useDefaults: true,
            directives: {
              "default-src": ["'self'"],
              "script-src": ["'self'"],
              "style-src": ["'self'", "'unsafe-inline'"],
              "img-src": ["'self'", "data:"],
              "font-src": ["'self'", "data:"],
              "connect-src": ["'self'"],
              "worker-src": ["'self'", "blob:"],
              "frame-ancestors": ["'none'"],
              "upgrade-insecure-requests": null,
            },
          },
    // COEP would require CORP headers on everything the page loads; nothing here needs cross-origin
    // isolation, so it stays off.
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * CORS for /graphql: allowed origins get the CORS headers; a browser request from any other origin
 * is refused with 403 rather than executed and hidden from the page.
 */
export function corsPolicy(policy: OriginPolicy): RequestHandler[] {
  const refuse: RequestHandler = (req, res, next) => {
    if (policy.allows(req.get("origin"))) {
      next();
      return;
    }
    sendGraphQLError(
      res,
      403,
      new GraphQLError(`Origin ${req.get("origin")} is not allowed (CORS_ORIGINS, PUBLIC_HOSTS)`, {
        extensions: { code: ErrorCode.FORBIDDEN },
      }),
    );
  };
  const headers = cors((req, callback) => {
    const origin = req.headers.origin;
    callback(null, {
      origin: origin !== undefined && policy.allows(origin) ? origin : false,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: [
        "Authorization",
        "Content-Type",
        "X-Request-Id",
        "Apollo-Require-Preflight",
        "Apollographql-Client-Name",
      ],
      exposedHeaders: ["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Request-Id"],
      maxAge: 600,
    });
  });
  return [refuse, headers];
}

/** JSON bodies up to 1 MB; larger or unparsable bodies are answered by bodyErrors. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: MAX_BODY_BYTES });
}

/** Turns body-parser failures into GraphQL-shaped 413/400 answers instead of an HTML error page. */
export const bodyErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const type = typeof err === "object" && err !== null ? (err as { type?: unknown }).type : undefined;
  if (type === "entity.too.large") {
    sendGraphQLError(
      res,
      413,
      new GraphQLError(`Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, {
        extensions: { code: ErrorCode.BAD_REQUEST },
      }),
    );
    return;
  }
  if (type === "entity.parse.failed" || type === "encoding.unsupported" || type === "charset.unsupported") {
    sendGraphQLError(
      res,
      400,
      new GraphQLError("Request body is not valid JSON", { extensions: { code: ErrorCode.BAD_REQUEST } }),
    );
    return;
  }
  next(err);
};
