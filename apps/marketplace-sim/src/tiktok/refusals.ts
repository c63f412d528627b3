import type { SimControl } from "../control";
import type { SimRequest, SimResponse } from "../http";
import { TTS_CODES, failure, violation, type Violation } from "./errors";
import type { TikTokShop } from "./shops";

export interface Refusals {
  /** A refusal on the request's merits: counted in the stats, answered in TikTok's envelope. */
  refuse(status: number, code: number, message: string): SimResponse;
  /** Business rules answer HTTP 200 with the code in the envelope, as TikTok does. */
  broken(v: Violation): SimResponse;
  notFound(productId: string): SimResponse;
}

export function createRefusals(control: SimControl, clock: () => number): Refusals {
  const refuse = (status: number, code: number, message: string): SimResponse => {
    control.reject(String(code));
    return failure(status, code, message, clock());
  };
  const broken = (v: Violation) => refuse(200, v.code, v.message);
  return {
    refuse,
    broken,
    notFound: (id) =>
      broken(
        violation(TTS_CODES.PRODUCT_NOT_FOUND, "product_id", `product ${id} does not exist in this shop`),
      ),
  };
}

/** One protocol request after the gateway let it through. */
export interface Exchange {
  req: SimRequest;
  /** The parsed JSON body, or null for GET and multipart requests. */
  body: unknown;
  /** The `{product_id}` path segment, or "" where the path has none. */
  productId: string;
  /** Unix milliseconds. */
  now: number;
  /** The shop the call is for: its cipher's, or the access token's for app-level calls. */
  shop: TikTokShop;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
