import { createHmac } from "node:crypto";

export interface ShopeeSignInput {
  partnerKey: string;
  partnerId: number | string;
  /** The API path exactly as requested, without host or query, e.g. `/api/v2/product/add_item`. */
  path: string;
  /** Unix seconds, the same value sent as the `timestamp` query parameter. */
  timestamp: number | string;
  /** Shop-level calls only; leave both out for public calls (token refresh, media upload). */
  accessToken?: string;
  shopId?: number | string;
}

/**
 * Shopee Open Platform v2 signature: hex HMAC-SHA256 keyed with the partner key over
 * `partner_id + api_path + timestamp + access_token + shop_id` for shop calls and
 * `partner_id + api_path + timestamp` for public ones. The body is not signed.
 */
export function signShopeeRequest(input: ShopeeSignInput): string {
  let base = `${input.partnerId}${input.path}${input.timestamp}`;
  if (input.accessToken !== undefined || input.shopId !== undefined) {
    base += `${input.accessToken ?? ""}${input.shopId ?? ""}`;
  }
  return createHmac("sha256", input.partnerKey).update(base, "utf8").digest("hex");
}
