import { SyncError } from "@syncstore/core";
import type { CallContext, TokenSet } from "../adapter";
import { exchange, type CallerBase, type CallTarget } from "../exchange";
import type { HttpRequest } from "../http";
import { TIKTOK_WIRE, type TikTokFailure } from "./envelope";
import { signTikTokRequest } from "./sign";
import { readTokenGrant } from "./wire";

export const TOKEN_REFRESH_PATH = "/api/v2/token/refresh";
export const TOKEN_GET_PATH = "/api/v2/token/get";

export interface CallSpec extends CallTarget {
  method: "GET" | "POST" | "PUT";
  /** Shop-scoped calls carry shop_cipher; image upload must not (TikTok rejects it there). */
  shopScoped?: boolean;
  /** A failure reported inside a successful envelope (batch endpoints list per-item errors). */
  inspect?: (data: unknown) => TikTokFailure | null;
}

export interface CallerOptions extends CallerBase {
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  shopCipher: string;
}

/**
 * One signed exchange with TikTok Shop: common parameters, the signature over the exact bytes sent,
 * the access token header, the envelope read into data or a classified SyncError, and the call
 * reported with secrets left out.
 */
export class TikTokCaller {
  constructor(private readonly o: CallerOptions) {}

  async call(spec: CallSpec, ctx?: CallContext): Promise<unknown> {
    const tokens = await this.o.tokenStore.load();
    const query: Record<string, string> = {
      app_key: this.o.appKey,
      timestamp: String(Math.floor(this.o.now() / 1000)),
      ...(spec.shopScoped === false ? {} : { shop_cipher: this.o.shopCipher }),
      ...spec.query,
    };
    // Serialised once: these bytes are both signed and sent.
    const body = spec.json === undefined ? null : Buffer.from(JSON.stringify(spec.json), "utf8");
    query.sign = signTikTokRequest({ appSecret: this.o.appSecret, path: spec.path, query, body });
    const headers: Record<string, string> = { "x-tts-access-token": tokens.accessToken };
    if (!spec.form) headers["content-type"] = "application/json";
    const req: HttpRequest = {
      method: spec.method,
      base: this.o.baseUrl,
      path: spec.path,
      query,
      headers,
      body: body ?? spec.form?.data,
      logBody: spec.json ?? spec.form?.log ?? null,
    };
    return this.exchange(req, ctx, spec, [tokens.accessToken, tokens.refreshToken]);
  }

  /** Exchanges a refresh token for a new pair on the auth host; the caller stores it (see TokenStore). */
  async refreshTokens(current: TokenSet, ctx?: CallContext): Promise<TokenSet> {
    const { tokens } = await this.tokenRequest(
      TOKEN_REFRESH_PATH,
      { refresh_token: current.refreshToken, grant_type: "refresh_token" },
      [current.refreshToken, current.accessToken],
      ctx,
    );
    return tokens;
  }

  /** Trades a seller's single-use authorization code for the first pair, on the auth host. */
  async exchangeAuthCode(
    authCode: string,
    ctx?: CallContext,
  ): Promise<{ tokens: TokenSet; sellerName: string | null }> {
    return this.tokenRequest(
      TOKEN_GET_PATH,
      { auth_code: authCode, grant_type: "authorized_code" },
      [authCode],
      ctx,
    );
  }

  /** The token endpoints take the app secret in the query and no sign; the record redacts both secrets. */
  private async tokenRequest(
    path: string,
    params: Record<string, string>,
    secrets: string[],
    ctx?: CallContext,
  ): Promise<{ tokens: TokenSet; sellerName: string | null }> {
    const req: HttpRequest = {
      method: "GET",
      base: this.o.authBaseUrl,
      path,
      query: { app_key: this.o.appKey, app_secret: this.o.appSecret, ...params },
    };
    const data = await this.exchange(req, ctx, {}, secrets);
    const grant = readTokenGrant(data);
    if (!grant) throw malformed(path, "no token pair");
    const seller =
      typeof data === "object" && data !== null ? (data as { seller_name?: unknown }).seller_name : null;
    return {
      tokens: {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        // TikTok's `*_expire_in` are absolute Unix seconds.
        accessTokenExpiresAt: grant.accessTokenExpireIn * 1000,
        refreshTokenExpiresAt: grant.refreshTokenExpireIn * 1000,
      },
      sellerName: typeof seller === "string" && seller !== "" ? seller : null,
    };
  }

  private exchange(
    req: HttpRequest,
    ctx: CallContext | undefined,
    spec: Pick<CallSpec, "fieldOf" | "inspect">,
    secrets: string[],
  ): Promise<unknown> {
    const call = { fieldOf: spec.fieldOf, inspect: spec.inspect, secrets: [this.o.appSecret, ...secrets] };
    return exchange(this.o.http, req, TIKTOK_WIRE, call, ctx);
  }
}

export function malformed(path: string, what: string): SyncError {
  return new SyncError("UNKNOWN", `TikTok Shop ${path} answered success with ${what}`, {
    platform: "TIKTOK_SHOP",
    code: "MALFORMED_RESPONSE",
  });
}
