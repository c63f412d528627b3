import { consentPage, errorPage, formBody } from "../consent";
import { page, redirect, type SimRequest } from "../http";
import type { Route, ShopeeState } from "./context";
import { SHOPEE_ERRORS, bad, flatSuccess } from "./errors";

const AUTH_PARTNER = "/api/v2/shop/auth_partner";

function redirectTarget(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Seller authorization (DESIGN "Connecting a shop"): the signed `shop/auth_partner` link opens a
 * consent page; approving sends the browser to `redirect?code=…&shop_id=…`, and `auth/token/get`
 * trades the single-use code for the shop's first token pair. The gateway has verified the link's
 * partner, timestamp and sign (public signing) before any of this runs, on the page and on the
 * approval alike, since the form posts back to the same signed URL.
 */
export function authRoutes(state: ShopeeState): Record<string, Route> {
  const { codes } = state;

  function target(req: SimRequest) {
    return redirectTarget(req.query.get("redirect"));
  }

  return {
    [`GET ${AUTH_PARTNER}`]: {
      method: "GET",
      level: "public",
      json: false,
      run: ({ req }) => {
        if (!target(req)) return page(400, errorPage("Invalid redirect", "redirect must be an http(s) URL."));
        return page(
          200,
          consentPage({
            platform: "Shopee Open Platform",
            appName: `Partner ${state.opts.partnerId}`,
            action: `${AUTH_PARTNER}?${req.query.toString()}`,
            hidden: {},
            shops: [...state.shops.values()].map((s) => ({ id: String(s.shopId), name: s.name })),
          }),
        );
      },
    },
    [`POST ${AUTH_PARTNER}`]: {
      method: "POST",
      level: "public",
      json: false,
      run: ({ req }) => {
        const to = target(req);
        if (!to) return page(400, errorPage("Invalid redirect", "redirect must be an http(s) URL."));
        const form = formBody(req.rawBody);
        if (form.get("decision") !== "approve")
          return page(400, errorPage("Not approved", "The seller did not approve the request."));
        const choice = form.get("shop") ?? "";
        const shop =
          choice === "new"
            ? state.mintShop((form.get("shop_name") ?? "").trim() || "Toko Baru")
            : state.shops.get(Number(choice));
        if (!shop) return page(400, errorPage("Unknown shop", `No shop ${choice} to authorize.`));
        const code = codes.issue({ shopId: shop.shopId }, state.control.settings.authCodeTtlSec);
        to.searchParams.set("code", code);
        to.searchParams.set("shop_id", String(shop.shopId));
        return redirect(to.toString());
      },
    },
    "POST /api/v2/auth/token/get": {
      method: "POST",
      level: "public",
      json: true,
      run: ({ body }) => {
        if (body.partner_id !== state.opts.partnerId)
          bad("partner_id", "in the body must be the partner_id of the request");
        if (typeof body.code !== "string" || body.code === "") bad("code", "is required");
        if (typeof body.shop_id !== "number") bad("shop_id", "is required: the shop_id the redirect carried");
        const redeemed = codes.redeem(body.code);
        if (!redeemed.ok)
          return state.refuse(
            403,
            SHOPEE_ERRORS.AUTH,
            redeemed.reason === "spent"
              ? "Invalid code: it has already been used."
              : redeemed.reason === "expired"
                ? "Invalid code: it has expired."
                : "Invalid code.",
          );
        if (redeemed.grant.shopId !== body.shop_id)
          return state.refuse(403, SHOPEE_ERRORS.AUTH, "Invalid code: it was not issued for this shop_id.");
        const s = state.control.settings;
        const pair = state.tokens.issue(String(body.shop_id), s.accessTokenTtlSec, s.refreshTokenTtlSec);
        return flatSuccess({
          access_token: pair.accessToken,
          refresh_token: pair.refreshToken,
          expire_in: Math.round((pair.accessExpiresAt - state.clock()) / 1000),
          shop_id_list: [body.shop_id],
          merchant_id_list: [],
        });
      },
    },
  };
}
