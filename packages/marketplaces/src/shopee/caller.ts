import type { CallContext, TokenSet } from "../adapter";
import { exchange, type CallerBase, type CallTarget } from "../exchange";
import type { HttpRequest } from "../http";
import { SHOPEE_WIRE, type ShopeeAnswer, type ShopeeFailure } from "./envelope";
import { malformed } from "./errors";
import { SHOPEE_PATHS } from "./paths";
import { signShopeeRequest } from "./sign";
import { readTokenGrant } from "./wire";

/** Shopee documents 30 days for a refresh token but does not return its expiry. */
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

type Level = "shop" | "public";

export interface CallSpec extends CallTarget {
  method: "GET" | "POST";
  /** Shop calls carry access_token and shop_id and sign them; public calls (tokens, media) do not. */
  level?: Level;
  /** A failure reported inside a successful envelope (batch writes list per-entry failures). */
  inspect?: (response: unknown) => ShopeeFailure | null;
}

export interface CallerOptions extends CallerBase {
  partnerId: number;
  partnerKey: string;
  shopId: number;
}

/**
 * One signed exchange with Shopee Open Platform v2: common parameters, the HMAC sign (shop level with
 * access_token and shop_id, or public), the envelope read into its response or a classified SyncError,
 * and the call reported with the tokens, the sign and the partner key kept out.
 */
export class ShopeeCaller {
  constructor(private readonly o: CallerOptions) {}

  get shopId(): number {
    return this.o.shopId;
  }

  async call(spec: CallSpec, ctx?: CallContext, extraSecrets: string[] = []): Promise<ShopeeAnswer> {
    const level = spec.level ?? "shop";
    const tokens = level === "shop" ? await this.o.tokenStore.load() : null;
    const timestamp = Math.floor(this.o.now() / 1000);
    const { partnerId, partnerKey, shopId } = this.o;
    const sign = tokens
      ? signShopeeRequest({
          partnerKey,
          partnerId,
          path: spec.path,
          timestamp,
          accessToken: tokens.accessToken,
          shopId,
        })
      : signShopeeRequest({ partnerKey, partnerId, path: spec.path, timestamp });
    const query: Record<string, string> = { partner_id: String(partnerId), timestamp: String(timestamp) };
    if (tokens) {
      query.access_token = tokens.accessToken;
      query.shop_id = String(shopId);
    }
    query.sign = sign;
    Object.assign(query, spec.query);
    const req: HttpRequest = {
      method: spec.method,
      base: this.o.baseUrl,
      path: spec.path,
      query,
      headers: spec.json === undefined ? undefined : { "content-type": "application/json" },
      body: spec.json === undefined ? spec.form?.data : Buffer.from(JSON.stringify(spec.json), "utf8"),
      logBody: spec.json ?? spec.form?.log ?? null,
    };
    const secrets = [...extraSecrets, ...(tokens ? [tokens.accessToken, tokens.refreshToken] : [])];
    return this.exchange(req, spec, secrets, ctx);
  }

  /** Exchanges a refresh token for a new pair (public signing); the caller stores it (see TokenStore). */
  async refreshTokens(current: TokenSet, ctx?: CallContext): Promise<TokenSet> {
    const { body } = await this.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.refreshToken,
        level: "public",
        json: { refresh_token: current.refreshToken, partner_id: this.o.partnerId, shop_id: this.o.shopId },
      },
      ctx,
      [current.refreshToken, current.accessToken],
    );
    const grant = readTokenGrant(body);
    if (!grant) throw malformed(SHOPEE_PATHS.refreshToken, "no token pair");
    const now = this.o.now();
    return {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessTokenExpiresAt: now + grant.expireInSec * 1000,
      refreshTokenExpiresAt: now + REFRESH_TOKEN_TTL_MS,
    };
  }

  private exchange(
    req: HttpRequest,
    spec: CallSpec,
    secrets: string[],
    ctx?: CallContext,
  ): Promise<ShopeeAnswer> {
    const inspect = spec.inspect;
    return exchange(
      this.o.http,
      req,
      SHOPEE_WIRE,
      {
        fieldOf: spec.fieldOf,
        inspect: inspect && ((answer) => inspect(answer.response)),
        secrets: [this.o.partnerKey, ...secrets],
      },
      ctx,
    );
  }
}
