import type { SimRequest, SimResponse } from "../http";
import type { Route, ShopeeShop, ShopeeState } from "./context";
import { SHOPEE_ERRORS, bad, flatSuccess } from "./errors";
import { checkTimestamp, expectedSign, signMatches } from "./verify";

/**
 * Shopee's gateway, in its order: partner, timestamp, sign, shop, access token. Returns the shop
 * the call is for, or the refusal.
 */
export function authenticate(
  state: ShopeeState,
  req: SimRequest,
  route: Route,
  nowMs: number,
): { shop: ShopeeShop } | { denied: SimResponse } {
  const { opts, refuse, refuseParam, tokens } = state;
  const deny = (denied: SimResponse) => ({ denied });
  const q = req.query;
  const partnerId = q.get("partner_id");
  if (!partnerId) return deny(refuseParam("no partner_id"));
  if (partnerId !== String(opts.partnerId))
    return deny(refuse(403, SHOPEE_ERRORS.AUTH, "Invalid partner_id."));
  const ts = checkTimestamp(q.get("timestamp"), nowMs);
  if (ts === "missing") return deny(refuseParam("Invalid timestamp: timestamp must be Unix seconds."));
  if (ts === "stale") return deny(refuseParam("Invalid timestamp: it is more than 5 minutes old."));
  if (ts === "future") return deny(refuseParam("Invalid timestamp: it is ahead of the server clock."));
  const sign = q.get("sign");
  if (!sign) return deny(refuseParam("no sign"));
  const signed = [partnerId, req.path, q.get("timestamp")!];
  const accessToken = q.get("access_token");
  const shopId = q.get("shop_id");
  if (route.level === "shop") {
    if (!accessToken) return deny(refuseParam("no access_token"));
    if (!shopId) return deny(refuseParam("no shop_id"));
    signed.push(accessToken, shopId);
  }
  if (!signMatches(expectedSign(opts.partnerKey, signed), sign))
    return deny(refuse(403, SHOPEE_ERRORS.SIGN, "Wrong sign."));
  if (route.level === "public") return { shop: state.shops.get(opts.shopId)! };
  const shop = /^\d{1,19}$/.test(shopId!) ? state.shops.get(Number(shopId)) : undefined;
  if (!shop)
    return deny(
      refuse(403, SHOPEE_ERRORS.AUTH, "Invalid shop_id: the shop has not authorised this partner."),
    );
  // A token opens only the shop it was issued for.
  if (tokens.check(accessToken) !== "ok" || tokens.subjectOf(accessToken) !== String(shop.shopId))
    return deny(refuse(403, SHOPEE_ERRORS.ACCESS_TOKEN, "Invalid access_token."));
  return { shop };
}

/** `auth/access_token/get`: a single-use refresh token for a new pair. */
export function refresh(state: ShopeeState, body: Record<string, unknown>): SimResponse {
  const { opts, refuse, tokens, control } = state;
  if (body.partner_id !== opts.partnerId)
    bad("partner_id", "in the body must be the partner_id of the request");
  if (typeof body.shop_id !== "number" || !state.shops.has(body.shop_id))
    return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid shop_id: the shop has not authorised this partner.");
  if (typeof body.refresh_token !== "string" || body.refresh_token === "")
    bad("refresh_token", "is required");
  const owner = tokens.refreshSubjectOf(body.refresh_token);
  if (owner !== undefined && owner !== String(body.shop_id))
    return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token: it belongs to another shop.");
  const s = control.settings;
  const pair = tokens.exchange(body.refresh_token, s.accessTokenTtlSec, s.refreshTokenTtlSec);
  if (pair === "invalid") return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token.");
  if (pair === "spent")
    return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token: it has already been used.");
  if (pair === "expired") return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token: it has expired.");
  return flatSuccess({
    partner_id: opts.partnerId,
    shop_id: body.shop_id,
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    expire_in: Math.round((pair.accessExpiresAt - state.clock()) / 1000),
  });
}
