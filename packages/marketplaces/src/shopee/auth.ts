import type { CallContext } from "../adapter";
import { HttpTransport } from "../http";
import type { AuthorizationGrant } from "../taxonomy";
import { ShopeeCaller } from "./caller";
import { malformed } from "./errors";
import { signShopeeRequest } from "./sign";
import { readTokenGrant } from "./wire";

export const SHOPEE_AUTH_PATHS = {
  authPartner: "/api/v2/shop/auth_partner",
  tokenGet: "/api/v2/auth/token/get",
} as const;

/** Shopee documents 30 days for a refresh token but does not return its expiry. */
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface ShopeeAuthorizationOptions {
  baseUrl: string;
  partnerId: number;
  partnerKey: string;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Seller authorization (DESIGN "Connecting a shop"): the signed consent link, and the exchange of the
 * single-use code the redirect carries for the shop's first token pair. Both are public calls: no shop
 * token exists yet.
 */
export class ShopeeAuthorization {
  private readonly http: HttpTransport;
  private readonly caller: ShopeeCaller;
  private readonly now: () => number;
  private readonly baseUrl: string;

  constructor(private readonly o: ShopeeAuthorizationOptions) {
    this.http = new HttpTransport("SHOPEE", { timeoutMs: o.timeoutMs });
    this.now = o.now ?? Date.now;
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.caller = new ShopeeCaller({
      http: this.http,
      baseUrl: this.baseUrl,
      partnerId: o.partnerId,
      partnerKey: o.partnerKey,
      shopId: 0,
      tokenStore: { load: () => Promise.reject(new Error("authorization calls are public")) },
      now: this.now,
    });
  }

  /** The page the seller opens to approve; Shopee sends the browser to `redirect?code=…&shop_id=…`. */
  authorizationUrl(redirect: string): string {
    const timestamp = Math.floor(this.now() / 1000);
    const { partnerId, partnerKey } = this.o;
    const sign = signShopeeRequest({ partnerKey, partnerId, path: SHOPEE_AUTH_PATHS.authPartner, timestamp });
    const url = new URL(this.baseUrl + SHOPEE_AUTH_PATHS.authPartner);
    url.search = new URLSearchParams({
      partner_id: String(partnerId),
      timestamp: String(timestamp),
      sign,
      redirect,
    }).toString();
    return url.toString();
  }

  /** A replayed, expired or foreign code is refused by Shopee as AUTHENTICATION (`error_auth`). */
  async exchangeCode(code: string, shopId: number, ctx?: CallContext): Promise<AuthorizationGrant> {
    const { body } = await this.caller.call(
      {
        method: "POST",
        path: SHOPEE_AUTH_PATHS.tokenGet,
        level: "public",
        json: { code, shop_id: shopId, partner_id: this.o.partnerId },
      },
      ctx,
      [code],
    );
    const grant = readTokenGrant(body);
    if (!grant) throw malformed(SHOPEE_AUTH_PATHS.tokenGet, "no token pair");
    const now = this.now();
    const shops = Array.isArray(body.shop_id_list) ? body.shop_id_list.map(String) : [String(shopId)];
    return {
      tokens: {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        accessTokenExpiresAt: now + grant.expireInSec * 1000,
        refreshTokenExpiresAt: now + REFRESH_TOKEN_TTL_MS,
      },
      shopIds: shops,
      sellerName: null,
    };
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
