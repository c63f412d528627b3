import { randomBytes } from "node:crypto";
import type { SimResponse } from "../http";

/**
 * The `error` values the simulator answers with, as Shopee Open Platform v2 spells them (including
 * `invalid_acceess_token`, which Shopee really returns for an unknown or expired access token).
 */
export const SHOPEE_ERRORS = {
  SIGN: "error_sign",
  AUTH: "error_auth",
  ACCESS_TOKEN: "invalid_acceess_token",
  PARAM: "error_param",
  ITEM_NOT_FOUND: "error_item_not_found",
  RATE_LIMIT: "error_rate_limit",
  SERVER: "error_server",
  NOT_FOUND: "error_not_found",
  /**
   * init_tier_variation too soon after add_item (sim): Shopee documents the wait ("at least 5
   * seconds") but no code, so the simulator answers in its business-error family.
   */
  ITEM_NOT_READY: "error_busi",
} as const;

const prefix = randomBytes(8).toString("hex");
let sequence = 0;

/** 32 hex characters, like Shopee's: a per-process prefix and a counter, no per-request randomness. */
export function requestId(): string {
  sequence = (sequence + 1) % 0x1_0000_0000;
  return prefix + sequence.toString(16).padStart(16, "0");
}

export function success(response: unknown, warning = ""): SimResponse {
  return { status: 200, body: { request_id: requestId(), error: "", message: "", warning, response } };
}

/** Token endpoints answer at the top level, without `response`. */
export function flatSuccess(fields: Record<string, unknown>): SimResponse {
  return { status: 200, body: { request_id: requestId(), error: "", message: "", ...fields } };
}

export function failure(
  status: number,
  error: string,
  message: string,
  headers?: Record<string, string>,
): SimResponse {
  const r: SimResponse = { status, body: { request_id: requestId(), error, message } };
  if (headers) r.headers = headers;
  return r;
}

/** A listing or request field Shopee would refuse; `field` is Shopee's parameter path. */
export class Violation extends Error {
  constructor(
    readonly field: string,
    reason: string,
    readonly error: string = SHOPEE_ERRORS.PARAM,
  ) {
    super(`Wrong parameters, detail: ${field} ${reason}.`);
  }
}

export function bad(field: string, reason: string): never {
  throw new Violation(field, reason);
}
