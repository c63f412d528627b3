import type { CallContext, TokenSet } from "../adapter";
import { HttpTransport } from "../http";
import { idText, isRecord, records, text } from "../read-json";
import type { AuthorizationGrant, AuthorizedShop } from "../taxonomy";
import { TikTokCaller, malformed } from "./caller";

export const TIKTOK_AUTH_PATHS = {
  authorize: "/oauth/authorize",
  shops: "/authorization/202309/shops",
} as const;

export interface TikTokAuthorizationOptions {
  /** API host (shop lookup). */
  baseUrl: string;
  /** Auth host (consent page, token get): https://auth.tiktok-shops.com live, TIKTOK_AUTH_BASE here. */
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Seller authorization (DESIGN "Connecting a shop"): the consent link on the auth host, the exchange
 * of the single-use code for the first pair there, then the shop lookup on the API host for each
 * shop's `cipher`.
 */
export class TikTokAuthorization {
  private readonly http: HttpTransport;
  private readonly authBaseUrl: string;

  constructor(private readonly o: TikTokAuthorizationOptions) {
    this.http = new HttpTransport("TIKTOK_SHOP", { timeoutMs: o.timeoutMs });
    this.authBaseUrl = o.authBaseUrl.replace(/\/+$/, "");
  }

  private caller(tokens: TokenSet | null): TikTokCaller {
    return new TikTokCaller({
      http: this.http,
      baseUrl: this.o.baseUrl.replace(/\/+$/, ""),
      authBaseUrl: this.authBaseUrl,
      appKey: this.o.appKey,
      appSecret: this.o.appSecret,
      shopCipher: "",
      tokenStore: {
        load: () => (tokens ? Promise.resolve(tokens) : Promise.reject(new Error("no token yet"))),
      },
      now: this.o.now ?? Date.now,
    });
  }

  /** The page the seller opens; TikTok sends the browser to the app's redirect URL with `code` and `state`. */
  authorizationUrl(state: string): string {
    const url = new URL(this.authBaseUrl + TIKTOK_AUTH_PATHS.authorize);
    url.search = new URLSearchParams({ app_key: this.o.appKey, state }).toString();
    return url.toString();
  }

  /** A replayed, expired or unknown code is refused as AUTHENTICATION (36004004). */
  async exchangeCode(authCode: string, ctx?: CallContext): Promise<AuthorizationGrant> {
    const { tokens, sellerName } = await this.caller(null).exchangeAuthCode(authCode, ctx);
    return { tokens, shopIds: [], sellerName };
  }

  /** The shops the token covers, each with the `cipher` its shop-level calls carry. */
  async shops(tokens: TokenSet, ctx?: CallContext): Promise<AuthorizedShop[]> {
    const data = await this.caller(tokens).call(
      { method: "GET", path: TIKTOK_AUTH_PATHS.shops, shopScoped: false },
      ctx,
    );
    if (!isRecord(data)) throw malformed(TIKTOK_AUTH_PATHS.shops, "no data object");
    return records(data.shops).map((s) => ({
      id: idText(s.id),
      name: text(s.name),
      region: text(s.region) || null,
      cipher: text(s.cipher) || null,
    }));
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
