import { Agent, FormData, request as undiciRequest } from "undici";
import { SyncError, type Platform } from "@syncstore/core";
import { withSpan } from "@syncstore/telemetry";
import type { CallContext, CallRecord } from "./adapter";
import { redact } from "./redact";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Base URL without trailing slash, e.g. http://127.0.0.1:4101. */
  base: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Exact bytes to send (signatures cover them) or a multipart form. */
  body?: Buffer | FormData;
  /** What the sync log shows as the request body (the parsed JSON, or a description of the upload). */
  logBody?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  durationMs: number;
}

export interface HttpTransportOptions {
  /** Whole-request deadline; a marketplace that does not answer in time is a NETWORK failure. */
  timeoutMs?: number;
  connections?: number;
  /**
   * Awaited before every request: the worker plugs in the channel's shared rate limiter here, so the
   * budget counts marketplace calls, not jobs.
   */
  beforeRequest?: () => Promise<void>;
}

/**
 * Keep-alive HTTP with timeouts and no retries: retrying belongs to the queue, which knows the
 * attempt budget. Network failures become SyncError(NETWORK); HTTP answers are returned as they are,
 * for the platform client to read its own envelope.
 */
export class HttpTransport {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly beforeRequest: (() => Promise<void>) | undefined;

  constructor(
    readonly platform: Platform,
    opts: HttpTransportOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.beforeRequest = opts.beforeRequest;
    this.agent = new Agent({
      connections: opts.connections ?? 128,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** One marketplace call as one span (rate-limit wait included), so a trace shows every call of an item. */
  send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    return withSpan(
      `${this.platform} ${req.method}`,
      { "syncstore.platform": this.platform, "http.request.method": req.method, "url.path": req.path },
      async (span) => {
        const res = await this.exchange(req, signal);
        span.setAttribute("http.response.status_code", res.status);
        return res;
      },
    );
  }

  private async exchange(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const url = new URL(req.base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    if (this.beforeRequest) await this.beforeRequest();
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await undiciRequest(url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: res.headers, body, durationMs: performance.now() - started };
    } catch (e) {
      throw networkError(this.platform, e, timeout.aborted, performance.now() - started);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function networkError(platform: Platform, e: unknown, timedOut: boolean, elapsed: number): SyncError {
  const err = e as { code?: string; name?: string; message?: string };
  const code =
    timedOut || err.name === "TimeoutError" ? "TIMEOUT" : (err.code ?? err.name ?? "NETWORK_ERROR");
  const message =
    code === "TIMEOUT"
      ? `no answer from ${platform} within ${Math.round(elapsed)} ms`
      : `${platform} unreachable: ${err.message ?? code}`;
  return new SyncError("NETWORK", message, { platform, code, cause: e });
}

/** Builds the sync-log record of one exchange, with secrets removed. */
export function callRecord(
  platform: Platform,
  req: HttpRequest,
  res: { status: number | null; body: unknown; durationMs: number },
  error: SyncError | null,
): CallRecord {
  return {
    platform,
    endpoint: req.path,
    method: req.method,
    request: redact({ query: req.query ?? {}, body: req.logBody ?? null }),
    response: redact(res.body),
    httpStatus: res.status,
    durationMs: Math.round(res.durationMs),
    errorClass: error?.errorClass ?? null,
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
  };
}

export function report(ctx: CallContext | undefined, record: CallRecord): void {
  ctx?.onCall?.(record);
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return null;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return { unparsable: body.subarray(0, 2000).toString("utf8") };
  }
}

export function retryAfterMs(headers: HttpResponse["headers"]): number | null {
  const raw = headers["retry-after"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export { FormData };
