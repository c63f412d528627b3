import { performance } from "node:perf_hooks";
import { SyncError, type Platform } from "@syncstore/core";
import type { CallContext, TokenStore } from "./adapter";
import {
  callRecord,
  parseJson,
  report,
  retryAfterMs,
  type FormData,
  type HttpRequest,
  type HttpTransport,
} from "./http";
import { scrubSecrets } from "./redact";

/** What a caller of either platform is built with; each adds its app's credentials and shop. */
export interface CallerBase {
  http: HttpTransport;
  baseUrl: string;
  tokenStore: TokenStore;
  now: () => number;
}

/** What a call names on either platform; each platform's CallSpec adds its method and options. */
export interface CallTarget {
  path: string;
  query?: Record<string, string>;
  /** A JSON body, sent as these exact bytes (signatures cover them). */
  json?: unknown;
  /** A multipart body, and what the sync log shows of it instead of the bytes. */
  form?: { data: FormData; log: unknown };
  /** Maps a parameter path named in an error message to the payload field it came from. */
  fieldOf?: (platformPath: string) => string;
}

/** A failed answer before it is classified: what the platform said, and any wait it asked for. */
export interface WireFailure {
  httpStatus: number | null;
  code: string | null;
  message: string;
  retryAfterMs?: number | null;
}

/** One answer read by the platform's envelope: its payload, or the failure it reports. */
export type ReadAnswer<T> = { ok: true; payload: T } | { ok: false; code: string | null; message: string };

/** How one platform reads its answers: the same for every call it makes. */
export interface Wire<T> {
  platform: Platform;
  /** How the platform is named in the NETWORK error of a request that got no answer. */
  name: string;
  read(httpStatus: number, body: unknown): ReadAnswer<T>;
  /** The SyncError a failure becomes (its class from the platform's error codes). */
  classify(failure: WireFailure & Pick<CallTarget, "fieldOf">): SyncError;
}

/** What one call adds to its platform's wire. */
export interface ExchangeOptions<T> extends Pick<CallTarget, "fieldOf"> {
  /** A failure reported inside a successful envelope (batch writes list per-entry failures). */
  inspect?: ((payload: T) => WireFailure | null) | undefined;
  /** Values no error message may carry: the app's secret and the tokens or codes the request sent. */
  secrets: readonly string[];
}

/**
 * Sends one request and reads the answer into its payload or a classified SyncError. The exchange is
 * reported through ctx.onCall whatever happens, and secrets the platform echoes are scrubbed from
 * error messages (the call record is redacted by key as well).
 */
export async function exchange<T>(
  http: HttpTransport,
  req: HttpRequest,
  wire: Wire<T>,
  call: ExchangeOptions<T>,
  ctx?: CallContext,
): Promise<T> {
  const scrub = (e: SyncError) => scrubbed(e, call.secrets);
  const started = performance.now();
  let res;
  try {
    res = await http.send(req, ctx?.signal);
  } catch (e) {
    const err =
      e instanceof SyncError
        ? scrub(e)
        : new SyncError("NETWORK", `${wire.name} request failed`, { platform: wire.platform, cause: e });
    const durationMs = performance.now() - started;
    report(ctx, callRecord(wire.platform, req, { status: null, body: null, durationMs }, err));
    throw err;
  }
  const parsed = parseJson(res.body);
  const answer = wire.read(res.status, parsed);
  const failure: WireFailure | null = answer.ok
    ? (call.inspect?.(answer.payload) ?? null)
    : {
        httpStatus: res.status,
        code: answer.code,
        message: answer.message,
        retryAfterMs: retryAfterMs(res.headers),
      };
  const err = failure ? scrub(wire.classify({ ...failure, fieldOf: call.fieldOf })) : null;
  report(
    ctx,
    callRecord(wire.platform, req, { status: res.status, body: parsed, durationMs: res.durationMs }, err),
  );
  if (answer.ok && err === null) return answer.payload;
  // A failed read always makes a failure, so err is set here.
  throw err;
}

function scrubbed(e: SyncError, secrets: readonly string[]): SyncError {
  const message = scrubSecrets(e.message, secrets);
  if (message === e.message) return e;
  return new SyncError(e.errorClass, message, {
    platform: e.platform,
    code: e.code,
    httpStatus: e.httpStatus,
    retryAfterMs: e.retryAfterMs,
    field: e.field,
  });
}
