import type { SimControl } from "../control";
import type { SimRequest, SimResponse } from "../http";
import { TTS_CODES, success } from "./errors";
import { header, type Refusals } from "./refusals";
import type { Scope } from "./routes";
import type { IssuedPair, TokenBook } from "../tokens";
import type { TikTokShop, TikTokShops } from "./shops";
import { checkTimestamp, expectedSign, signMatches } from "./verify";

export interface GatewayCredentials {
  appKey: string;
  appSecret: string;
}

const TIMESTAMP_MESSAGES = {
  missing: "Invalid timestamp. The `timestamp` query parameter must be Unix seconds.",
  stale:
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.",
  future:
    "Invalid timestamp. The value of the `timestamp` query parameter must not be later than 30 seconds after the current time.",
} as const;

/**
 * TikTok's API gateway: credentials, signature and timestamp on every call, and the token
 * endpoint. Messages follow TikTok's published wording, naming the parameter in backticks.
 */
export function createGateway(
  creds: GatewayCredentials,
  tokens: TokenBook,
  shops: TikTokShops,
  control: SimControl,
  { refuse }: Refusals,
) {
  const invalidParam = (message: string) => refuse(400, TTS_CODES.PARAM_INVALID, message);

  /** In TikTok's order: app key, sign present, timestamp, sign valid, shop, access token. */
  function authenticate(
    req: SimRequest,
    scope: Scope,
    now: number,
  ): { shop: TikTokShop } | { denied: SimResponse } {
    const denied = check(req, scope, now);
    if (denied) return { denied };
    const token = header(req, "x-tts-access-token");
    const shop =
      scope === "shop" ? shops.get(req.query.get("shop_cipher")) : shops.get(tokens.subjectOf(token));
    // The token's shop was reset away: the token is no longer any shop's.
    if (!shop)
      return {
        denied: refuse(
          401,
          TTS_CODES.TOKEN_INVALID,
          "Invalid credentials. The `x-tts-access-token` header is invalid.",
        ),
      };
    return { shop };
  }

  function check(req: SimRequest, scope: Scope, now: number): SimResponse | null {
    const q = req.query;
    if (q.get("app_key") !== creds.appKey)
      return invalidParam("Invalid credentials. Invalid `app_key` query parameter.");
    const sign = q.get("sign");
    if (!sign)
      return invalidParam(
        "Missing credentials. The request does not include a required signature in the query.",
      );
    const ts = checkTimestamp(q.get("timestamp"), now);
    if (ts !== "ok") return invalidParam(TIMESTAMP_MESSAGES[ts]);
    // The signature covers the exact bytes received; GET and multipart bodies are not signed.
    const multipart = /^multipart\//i.test(header(req, "content-type") ?? "");
    const signedBody = req.method === "GET" || multipart ? null : req.rawBody;
    if (!signMatches(expectedSign(creds.appSecret, req.path, q, signedBody), sign))
      return refuse(
        401,
        TTS_CODES.SIGN_INVALID,
        "Invalid credentials. The `sign` does not match the request.",
      );
    const cipher = q.get("shop_cipher");
    if (scope === "shop" && !shops.get(cipher))
      return invalidParam("Invalid identifier. The `shop_cipher` query parameter is invalid.");
    if (scope === "app" && cipher !== null)
      return invalidParam(
        "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
      );
    const token = tokens.check(header(req, "x-tts-access-token"));
    if (token === "invalid")
      return refuse(
        401,
        TTS_CODES.TOKEN_INVALID,
        "Invalid credentials. The `x-tts-access-token` header is invalid.",
      );
    if (token === "expired")
      return refuse(
        401,
        TTS_CODES.TOKEN_EXPIRED,
        "Expired credentials. The access token has expired; refresh it.",
      );
    // A seller's token opens only the shops that seller authorized.
    if (scope === "shop" && tokens.subjectOf(header(req, "x-tts-access-token")) !== cipher)
      return refuse(
        401,
        TTS_CODES.TOKEN_INVALID,
        "Invalid credentials. The access token was not issued for this `shop_cipher`.",
      );
    return null;
  }

  /** `GET /api/v2/token/refresh`: unsigned, authenticated by the app secret in the query. */
  function refresh(req: SimRequest, now: number): SimResponse {
    const q = req.query;
    if (q.get("app_key") !== creds.appKey)
      return invalidParam("Invalid credentials. Invalid `app_key` query parameter.");
    if (q.get("app_secret") !== creds.appSecret)
      return refuse(
        401,
        TTS_CODES.REFRESH_INVALID,
        "Invalid credentials. The `app_secret` does not match the app.",
      );
    if (q.get("grant_type") !== "refresh_token")
      return invalidParam("Invalid `grant_type`: must be refresh_token.");
    const refreshToken = q.get("refresh_token");
    if (!refreshToken) return invalidParam("Missing `refresh_token`.");
    const s = control.settings;
    const pair = tokens.exchange(refreshToken, s.accessTokenTtlSec, s.refreshTokenTtlSec);
    if (pair === "invalid")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Invalid credentials. The `refresh_token` is invalid.");
    if (pair === "spent")
      return refuse(
        401,
        TTS_CODES.REFRESH_INVALID,
        "Invalid credentials. The `refresh_token` has already been used.",
      );
    if (pair === "expired")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Expired credentials. The `refresh_token` has expired.");
    return tokenAnswer(pair, now);
  }

  /** `GET /api/v2/token/get` (auth host): a single-use authorization code for the first pair. */
  function tokenGet(
    req: SimRequest,
    now: number,
    redeem: (code: string) => string | "invalid" | "spent" | "expired",
  ): SimResponse {
    const q = req.query;
    if (q.get("app_key") !== creds.appKey)
      return invalidParam("Invalid credentials. Invalid `app_key` query parameter.");
    if (q.get("app_secret") !== creds.appSecret)
      return refuse(
        401,
        TTS_CODES.REFRESH_INVALID,
        "Invalid credentials. The `app_secret` does not match the app.",
      );
    if (q.get("grant_type") !== "authorized_code")
      return invalidParam("Invalid `grant_type`: must be authorized_code.");
    const code = q.get("auth_code");
    if (!code) return invalidParam("Missing `auth_code`.");
    const cipher = redeem(code);
    if (cipher === "invalid")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Invalid credentials. The `auth_code` is invalid.");
    if (cipher === "spent")
      return refuse(
        401,
        TTS_CODES.REFRESH_INVALID,
        "Invalid credentials. The `auth_code` has already been used.",
      );
    if (cipher === "expired")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Expired credentials. The `auth_code` has expired.");
    const s = control.settings;
    return tokenAnswer(tokens.issue(cipher, s.accessTokenTtlSec, s.refreshTokenTtlSec), now);
  }

  function tokenAnswer(pair: IssuedPair, now: number): SimResponse {
    const shop = shops.get(pair.subject);
    return success(
      {
        access_token: pair.accessToken,
        // Absolute Unix seconds, not durations, despite the names.
        access_token_expire_in: Math.floor(pair.accessExpiresAt / 1000),
        refresh_token: pair.refreshToken,
        refresh_token_expire_in: Math.floor(pair.refreshExpiresAt / 1000),
        open_id: "sim-open-id",
        seller_name: shop?.name ?? "SyncStore Simulated Shop",
        seller_base_region: shop?.region ?? "ID",
        user_type: 0,
        granted_scopes: ["seller.product.basic", "seller.product.write"],
      },
      now,
    );
  }

  return { authenticate, refresh, tokenGet };
}
