import type { SyncErrorClass } from "@syncstore/core";

/**
 * Shopee Open Platform v2 `error` values, from the error list Shopee publishes (as mirrored in
 * open-source v2 SDKs). A bad signature or
 * partner id cannot be fixed by waiting, so it is AUTHENTICATION (refresh once, then dead-letter)
 * rather than VALIDATION. Note `invalid_acceess_token`: Shopee really spells it that way.
 */
const SHOPEE_EXACT: Readonly<Record<string, SyncErrorClass>> = {
  error_rate_limit: "RATE_LIMIT",
  error_auth: "AUTHENTICATION",
  error_sign: "AUTHENTICATION",
  error_token: "AUTHENTICATION",
  error_access_token: "AUTHENTICATION",
  invalid_access_token: "AUTHENTICATION",
  invalid_acceess_token: "AUTHENTICATION",
  invalid_refresh_token: "AUTHENTICATION",
  error_user_refresh_token: "AUTHENTICATION",
  error_auth_shop_not_found: "AUTHENTICATION",
  error_permission: "AUTHENTICATION",
  error_server: "SYSTEM",
  error_inner: "SYSTEM",
  error_system_busy: "SYSTEM",
  error_network: "SYSTEM",
  error_database: "SYSTEM",
  "error category": "VALIDATION",
  "error brand": "VALIDATION",
  "error attribute": "VALIDATION",
};

/**
 * Shopee families of errors about the item's data: fixing the data is the only cure. `error_busi_*`
 * is left out on purpose: it mixes business rules with "update failed, please try later".
 */
const SHOPEE_VALIDATION_PREFIXES = [
  "error_param",
  "error_item_",
  "error_invalid_",
  "error_incalid_",
  "error_price",
  "error_stock",
  "error_title",
  "error_name",
  "error_desc",
  "error_image",
  "error_model",
  "error_tier",
  "error_category",
  "error_brand",
  "error_attribute",
  "error_duplicate",
  "error_less_required_",
  "error_reach_shop_item_limit",
];

/** The class a Shopee `error` value means (see `classifyHttpFailure` for the order of the rules). */
export function shopeeCodeClass(code: string): SyncErrorClass | null {
  const exact = SHOPEE_EXACT[code];
  if (exact) return exact;
  if (code.includes("rate_limit")) return "RATE_LIMIT";
  return SHOPEE_VALIDATION_PREFIXES.some((p) => code.startsWith(p)) ? "VALIDATION" : null;
}
