import type { Wire } from "../exchange";
import { SyncError, classifyHttpFailure } from "@syncstore/core";
import { tiktokCodeClass } from "./error-codes";

/** TikTok Shop answers every call with `{ code, message, data, request_id }`; code 0 is success. */
export type TikTokEnvelope =
  | { ok: true; data: unknown; requestId: string | null }
  | { ok: false; code: string | null; message: string; requestId: string | null };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function codeOf(v: unknown): string | null {
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return v;
  return null;
}

/**
 * Reads an answer. A body without a numeric `code` (a proxy's HTML error page, an empty 502) is a
 * failure with no TikTok code, so the HTTP status alone decides its class.
 */
export function readEnvelope(httpStatus: number, body: unknown): TikTokEnvelope {
  const requestId = isRecord(body) && typeof body.request_id === "string" ? body.request_id : null;
  const code = isRecord(body) ? codeOf(body.code) : null;
  if (code === null) {
    const snippet = body === null ? "empty body" : JSON.stringify(body).slice(0, 200);
    return {
      ok: false,
      code: null,
      message: `HTTP ${httpStatus} without a TikTok envelope (${snippet})`,
      requestId,
    };
  }
  const message = isRecord(body) && typeof body.message === "string" ? body.message : "";
  if (code === "0" && httpStatus >= 200 && httpStatus < 300) {
    return { ok: true, data: isRecord(body) ? (body.data ?? null) : null, requestId };
  }
  return { ok: false, code, message: message || `TikTok Shop code ${code}`, requestId };
}

/**
 * TikTok names request parameters in backticks (`timestamp`, `skus[0].seller_sku`); the first such
 * name is the field a VALIDATION failure points at.
 */
export function fieldInMessage(message: string): string | null {
  const m = /`([A-Za-z_][\w.[\]]*)`/.exec(message);
  return m?.[1] ?? null;
}

export interface TikTokFailure {
  httpStatus: number | null;
  code: string | null;
  message: string;
  retryAfterMs?: number | null;
  /** Maps a TikTok parameter path to the domain field it came from (`main_images[0].uri` → `images`). */
  fieldOf?: (tiktokPath: string) => string;
}

export function tiktokError(f: TikTokFailure): SyncError {
  const errorClass = classifyHttpFailure(
    { httpStatus: f.httpStatus, code: f.code, message: f.message, networkErrorCode: null },
    tiktokCodeClass,
  );
  const path = errorClass === "VALIDATION" ? fieldInMessage(f.message) : null;
  return new SyncError(errorClass, f.message, {
    platform: "TIKTOK_SHOP",
    code: f.code,
    httpStatus: f.httpStatus,
    retryAfterMs: errorClass === "RATE_LIMIT" ? (f.retryAfterMs ?? null) : null,
    field: path === null ? null : f.fieldOf ? f.fieldOf(path) : path,
  });
}

/** TikTok Shop's envelope: `data` on code 0. */
export const TIKTOK_WIRE: Wire<unknown> = {
  platform: "TIKTOK_SHOP",
  name: "TikTok Shop",
  read: (status, body) => {
    const envelope = readEnvelope(status, body);
    return envelope.ok ? { ok: true, payload: envelope.data } : envelope;
  },
  classify: tiktokError,
};
