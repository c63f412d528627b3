import { SingleFlight } from "../single-flight";
import { performance } from "node:perf_hooks";
import { SyncError } from "@syncstore/core";
import type { CallContext, TokenSet, TokenStore } from "../adapter";
import {
  callRecord,
  parseJson,
  report,
  retryAfterMs,
  type FormData,
  type HttpRequest,
  type HttpTransport,
} from "../http";
import { scrubSecrets } from "../redact";
import { readEnvelope, tiktokError, type TikTokFailure } from "./envelope";
import { signTikTokRequest } from "./sign";
import { readTokenGrant } from "./wire";

export const TOKEN_REFRESH_PATH = "/api/v2/token/refresh";

export interface CallSpec {
  method: "GET" | "POST" | "PUT";
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: { data: FormData; log: unknown };
  /** Shop-scoped calls carry shop_cipher; image upload must not (TikTok rejects it there). */
  shopScoped?: boolean;
  fieldOf?: (tiktokPath: string) => string;
  /** A failure reported inside a successful envelope (batch endpoints list per-item errors). */
  inspect?: (data: unknown) => TikTokFailure | null;
}

export interface CallerOptions {
  http: HttpTransport;
  baseUrl: string;
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  shopCipher: string;
  tokenStore: TokenStore;
  now: () => number;
}

/**
 * One signed exchange with TikTok Shop: common parameters, the signature over the exact bytes sent,
 * the access token header, the envelope read into data or a classified SyncError, and the call
 * reported with secrets left out. Holds the channel's tokens between calls.
 */
export class TikTokCaller {
  private tokens: TokenSet | null = null;
  private loading: Promise<TokenSet> | null = null;
  private readonly refreshing = new SingleFlight<"tokens", TokenSet>();

  constructor(private readonly o: CallerOptions) {}

  async call(spec: CallSpec, ctx?: CallContext): Promise<unknown> {
    const tokens = await this.currentTokens();
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

  /**
   * Refresh tokens are single-use: concurrent callers share one refresh, and a pair another process
   * already refreshed (the store no longer holds the token this client used) is adopted, not refreshed again.
   */
  async refreshTokens(ctx?: CallContext): Promise<TokenSet> {
    return this.refreshing.run("tokens", () => this.refresh(ctx));
  }

  private async refresh(ctx?: CallContext): Promise<TokenSet> {
    const stored = await this.o.tokenStore.load();
    const used = this.tokens;
    if (used && stored.accessToken !== used.accessToken && !this.expired(stored)) {
      this.tokens = stored;
      return stored;
    }
    // The token endpoint takes the app secret in the query and no sign; the record redacts both secrets.
    const req: HttpRequest = {
      method: "GET",
      base: this.o.authBaseUrl,
      path: TOKEN_REFRESH_PATH,
      query: {
        app_key: this.o.appKey,
        app_secret: this.o.appSecret,
        refresh_token: stored.refreshToken,
        grant_type: "refresh_token",
      },
    };
    const data = await this.exchange(req, ctx, {}, [stored.refreshToken, stored.accessToken]);
    const grant = readTokenGrant(data);
    if (!grant) throw malformed(TOKEN_REFRESH_PATH, "no token pair");
    const tokens: TokenSet = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessTokenExpiresAt: grant.accessTokenExpireIn * 1000,
      refreshTokenExpiresAt: grant.refreshTokenExpireIn * 1000,
    };
    // The old refresh token is spent now: save before anything else can fail.
    await this.o.tokenStore.save(tokens);
    this.tokens = tokens;
    return tokens;
  }

  private expired(t: TokenSet): boolean {
    return t.accessTokenExpiresAt !== null && t.accessTokenExpiresAt <= this.o.now();
  }

  /** Tokens are read from the store once and again only after expiry or an AUTHENTICATION failure. */
  private async currentTokens(): Promise<TokenSet> {
    if (this.tokens && !this.expired(this.tokens)) return this.tokens;
    if (!this.loading) {
      this.loading = this.o.tokenStore.load().finally(() => {
        this.loading = null;
      });
    }
    this.tokens = await this.loading;
    return this.tokens;
  }

  private async exchange(
    req: HttpRequest,
    ctx: CallContext | undefined,
    spec: Pick<CallSpec, "fieldOf" | "inspect">,
    secrets: string[],
  ): Promise<unknown> {
    const scrub = (e: SyncError) => this.scrubbed(e, secrets);
    const started = performance.now();
    let res;
    try {
      res = await this.o.http.send(req, ctx?.signal);
    } catch (e) {
      const err =
        e instanceof SyncError
          ? scrub(e)
          : new SyncError("NETWORK", "TikTok Shop request failed", { platform: "TIKTOK_SHOP", cause: e });
      const durationMs = performance.now() - started;
      report(ctx, callRecord("TIKTOK_SHOP", req, { status: null, body: null, durationMs }, err));
      throw err;
    }
    const parsed = parseJson(res.body);
    const envelope = readEnvelope(res.status, parsed);
    const failure: TikTokFailure | null = envelope.ok
      ? (spec.inspect?.(envelope.data) ?? null)
      : {
          httpStatus: res.status,
          code: envelope.code,
          message: envelope.message,
          retryAfterMs: retryAfterMs(res.headers),
        };
    const err = failure ? scrub(tiktokError({ ...failure, fieldOf: spec.fieldOf })) : null;
    // Another process may have refreshed: read the store again before the next call.
    if (err?.errorClass === "AUTHENTICATION") this.tokens = null;
    const status = res.status;
    report(ctx, callRecord("TIKTOK_SHOP", req, { status, body: parsed, durationMs: res.durationMs }, err));
    if (err) throw err;
    return envelope.ok ? envelope.data : null;
  }

  private scrubbed(e: SyncError, secrets: string[]): SyncError {
    const message = scrubSecrets(e.message, [this.o.appSecret, ...secrets]);
    if (message === e.message) return e;
    return new SyncError(e.errorClass, message, {
      platform: e.platform,
      code: e.code,
      httpStatus: e.httpStatus,
      retryAfterMs: e.retryAfterMs,
      field: e.field,
    });
  }
}

export function malformed(path: string, what: string): SyncError {
  return new SyncError("UNKNOWN", `TikTok Shop ${path} answered success with ${what}`, {
    platform: "TIKTOK_SHOP",
    code: "MALFORMED_RESPONSE",
  });
}
