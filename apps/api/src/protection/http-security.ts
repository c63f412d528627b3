import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { GraphQLError } from "graphql";
import helmet from "helmet";
import { sendGraphQLError } from "../auth/http";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Origins allowed to call the API from a browser: CORS_ORIGINS (comma-separated) plus the API's own. */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(corsOrigins: string) {
    this.allowed = new Set(
      corsOrigins
        .split(",")
        .map((o) => o.trim().replace(/\/+$/, ""))
        .filter((o) => o.length > 0),
    );
  }

  /**
   * `host` is the Host header the request arrived with: an origin on that host is the API's own
   * (compared by host, because behind a TLS proxy the API sees http while the browser says https).
   * Works for HTTP requests and for WebSocket upgrades (`verifyClient`) alike.
   */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (!origin) return true; // not a cross-origin browser request (curl, servers, same-origin GET)
    if (this.allowed.has("*") || this.allowed.has(origin)) return true;
    if (!host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}

/**
 * Security headers for everything the API serves (SPA, playground, GraphQL): helmet's defaults with
 * a CSP that allows what the dashboard needs — its own scripts, inline styles (GraphiQL), product
 * images from anywhere, and WebSocket connections back to the API.
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
              "img-src": ["'self'", "data:", "blob:", "https:", "http:"],
              "font-src": ["'self'", "data:"],
              "connect-src": ["'self'", "ws:", "wss:"],
              "worker-src": ["'self'", "blob:"],
              "frame-ancestors": ["'none'"],
              "upgrade-insecure-requests": null,
            },
          },
    // Product images come from other origins; requiring CORP on them would break the dashboard.
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * CORS for /graphql: allowed origins get the CORS headers; a browser request from any other origin
 * is refused with 403 rather than executed and hidden from the page.
 */
export function corsPolicy(policy: OriginPolicy): RequestHandler[] {
  const refuse: RequestHandler = (req, res, next) => {
    if (policy.allows(req.get("origin"), req.get("host"))) {
      next();
      return;
    }
    sendGraphQLError(
      res,
      403,
      new GraphQLError(`Origin ${req.get("origin")} is not allowed (CORS_ORIGINS)`, {
        extensions: { code: "FORBIDDEN" },
      }),
    );
  };
  const headers = cors((req, callback) => {
    const origin = req.headers.origin;
    callback(null, {
      origin: origin !== undefined && policy.allows(origin, req.headers.host) ? origin : false,
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
        extensions: { code: "BAD_REQUEST" },
      }),
    );
    return;
  }
  if (type === "entity.parse.failed" || type === "encoding.unsupported" || type === "charset.unsupported") {
    sendGraphQLError(
      res,
      400,
      new GraphQLError("Request body is not valid JSON", { extensions: { code: "BAD_REQUEST" } }),
    );
    return;
  }
  next(err);
};
