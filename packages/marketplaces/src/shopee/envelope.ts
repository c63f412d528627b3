import type { Wire } from "../exchange";
import { SyncError, classifyHttpFailure } from "@syncstore/core";
import { shopeeCodeClass } from "./error-codes";

/**
 * Shopee answers `{ request_id, error, message, warning, response }`; `error` is empty on success.
 * Token endpoints put their fields at the top level instead of under `response`, so the whole body
 * is kept too.
 */
export type ShopeeEnvelope =
  | {
      ok: true;
      response: unknown;
      body: Record<string, unknown>;
      warning: string | null;
      requestId: string | null;
    }
  | { ok: false; code: string | null; message: string; requestId: string | null };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function errorCode(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "number" && v !== 0) return String(v);
  return null;
}

function text(v: unknown): string | null {
  if (typeof v === "string" && v !== "") return v;
  if (Array.isArray(v) && v.length > 0) return JSON.stringify(v).slice(0, 500);
  return null;
}

/**
 * Reads one answer. A body that is not a Shopee envelope (a proxy's HTML page, an empty 502) is a
 * failure without a Shopee code, so the HTTP status alone decides its class.
 */
export function readEnvelope(httpStatus: number, body: unknown): ShopeeEnvelope {
  if (!isRecord(body)) {
    const snippet = body === null ? "empty body" : JSON.stringify(body).slice(0, 200);
    return {
      ok: false,
      code: null,
      message: `HTTP ${httpStatus} without a Shopee envelope (${snippet})`,
      requestId: null,
    };
  }
  const requestId = typeof body.request_id === "string" ? body.request_id : null;
  const code = errorCode(body.error);
  // Older endpoints and some gateway answers say `msg` instead of `message`.
  const message = text(body.message) ?? text(body.msg);
  if (code !== null) return { ok: false, code, message: message ?? `Shopee error ${code}`, requestId };
  if (httpStatus < 200 || httpStatus > 299) {
    return {
      ok: false,
      code: null,
      message: message ?? `HTTP ${httpStatus} with an empty Shopee error`,
      requestId,
    };
  }
  return { ok: true, response: body.response ?? null, body, warning: text(body.warning), requestId };
}

/** Parameter names Shopee's messages use, in the order they should be tried (longer names first). */
const SHOPEE_FIELDS = [
  "item_name",
  "item_sku",
  "description",
  "original_price",
  "seller_stock",
  "category_id",
  "attribute_list",
  "size_chart_info",
  "weight",
  "dimension",
  "image_id_list",
  "image_id",
  "image",
  "logistic_info",
  "brand",
  "tier_variation",
  "model_list",
  "model",
  "price_list",
  "stock_list",
  "item_list",
  "item_id",
  "stock",
];
const FIELD_PATTERN = new RegExp(`\\b(${SHOPEE_FIELDS.join("|")})((?:\\[\\d+\\]|\\.[a-z_]+)*)`);

/** The first Shopee parameter path a message names, e.g. `model[1].model_sku` or `item_name`. */
export function fieldInMessage(message: string): string | null {
  const m = FIELD_PATTERN.exec(message);
  return m ? `${m[1]}${m[2] ?? ""}` : null;
}

export interface ShopeeFailure {
  httpStatus: number | null;
  code: string | null;
  message: string;
  retryAfterMs?: number | null;
  /** Maps a Shopee parameter path to the payload field it came from (`item_name` → `title`). */
  fieldOf?: (shopeePath: string) => string;
}

export function shopeeError(f: ShopeeFailure): SyncError {
  const errorClass = classifyHttpFailure(
    { httpStatus: f.httpStatus, code: f.code, message: f.message, networkErrorCode: null },
    shopeeCodeClass,
  );
  const path = errorClass === "VALIDATION" ? fieldInMessage(f.message) : null;
  return new SyncError(errorClass, f.message, {
    platform: "SHOPEE",
    code: f.code,
    httpStatus: f.httpStatus,
    retryAfterMs: errorClass === "RATE_LIMIT" ? (f.retryAfterMs ?? null) : null,
    field: path === null ? null : f.fieldOf ? f.fieldOf(path) : path,
  });
}

/** A successful answer: `response`, and the whole body (token endpoints answer at the top level). */
export interface ShopeeAnswer {
  response: unknown;
  body: Record<string, unknown>;
}

/** Shopee's envelope: the response, and the whole body for the token endpoints' top-level fields. */
export const SHOPEE_WIRE: Wire<ShopeeAnswer> = {
  platform: "SHOPEE",
  name: "Shopee",
  read: (status, body) => {
    const envelope = readEnvelope(status, body);
    return envelope.ok
      ? { ok: true, payload: { response: envelope.response, body: envelope.body } }
      : envelope;
  },
  classify: shopeeError,
};
