import type { Platform } from "./model";

export const SYNC_ERROR_CLASSES = [
  "RATE_LIMIT",
  "NETWORK",
  "AUTHENTICATION",
  "VALIDATION",
  "SYSTEM",
  "UNKNOWN",
] as const;
export type SyncErrorClass = (typeof SYNC_ERROR_CLASSES)[number];

/**
 * The one error type that crosses the marketplace boundary. Clients throw it with the class
 * already decided, keeping the marketplace's own code and message so the operator sees them.
 */
export class SyncError extends Error {
  readonly errorClass: SyncErrorClass;
  readonly platform: Platform | null;
  /** The marketplace's code (`error_auth`, `105002`…) or a local one (`TIMEOUT`, `ECONNREFUSED`). */
  readonly code: string | null;
  readonly httpStatus: number | null;
  /** From Retry-After or the platform's documented back-off, when known. */
  readonly retryAfterMs: number | null;
  /** For VALIDATION: the field that is wrong (`title`, `images`, `variants[2].sku`…). */
  readonly field: string | null;

  constructor(
    errorClass: SyncErrorClass,
    message: string,
    opts: {
      platform?: Platform | null;
      code?: string | null;
      httpStatus?: number | null;
      retryAfterMs?: number | null;
      field?: string | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "SyncError";
    this.errorClass = errorClass;
    this.platform = opts.platform ?? null;
    this.code = opts.code ?? null;
    this.httpStatus = opts.httpStatus ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.field = opts.field ?? null;
  }
}
