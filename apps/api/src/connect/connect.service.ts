import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import { SecretsBox, channelTokenAad, type Config, type Logger } from "@syncstore/config";
import { SyncError, type Platform } from "@syncstore/core";
import { ChannelConnectionRepository, type AuthorizedShopRow } from "@syncstore/db";
import { ShopeeAuthorization, TikTokAuthorization, type TokenSet } from "@syncstore/marketplaces";
import { channelChangesTopic } from "@syncstore/queue";
import { ConnectStates, type PendingConnection } from "./state";

/** Why a callback changed nothing; the dashboard shows each in the seller's language. */
export type ConnectFailure =
  | "STATE_MISSING"
  | "STATE_FOREIGN"
  | "STATE_USED_OR_EXPIRED"
  | "CODE_REFUSED"
  | "NO_SHOPS"
  | "MARKETPLACE_UNAVAILABLE";

export type ConnectOutcome = { ok: true; channelIds: string[] } | { ok: false; failure: ConnectFailure };

/** The currency each market's listings are priced in. */
const MARKET_CURRENCY: Record<string, string> = {
  ID: "IDR",
  MY: "MYR",
  TH: "THB",
  VN: "VND",
  PH: "PHP",
  SG: "SGD",
};
export const CONNECT_MARKETS = Object.keys(MARKET_CURRENCY);

export const CALLBACK_PATH = "/connect/:platform/callback";
const SLUG: Record<Platform, string> = { SHOPEE: "shopee", TIKTOK_SHOP: "tiktok" };
export const platformOfSlug = (slug: string): Platform | null =>
  (Object.keys(SLUG) as Platform[]).find((p) => SLUG[p] === slug) ?? null;

/**
 * Seller authorization of a shop (DESIGN "Connecting a shop"): the consent link with a `state` kept
 * server-side, then the callback that trades the marketplace's code for tokens through the clients,
 * stores them sealed in the shop's channel (new or existing) and tells the workers.
 */
export class ConnectService {
  private readonly states: ConnectStates;
  private readonly repo: ChannelConnectionRepository;
  private readonly box: SecretsBox;
  private readonly shopee: ShopeeAuthorization;
  private readonly tiktok: TikTokAuthorization;

  constructor(
    ds: DataSource,
    private readonly redis: Redis,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    this.states = new ConnectStates(redis, config.REDIS_PREFIX, config.SESSION_SECRET);
    this.repo = new ChannelConnectionRepository(ds);
    this.box = SecretsBox.fromConfig(config);
    this.shopee = new ShopeeAuthorization({
      baseUrl: config.SHOPEE_API_BASE,
      partnerId: config.SHOPEE_PARTNER_ID,
      partnerKey: config.SHOPEE_PARTNER_KEY,
    });
    this.tiktok = new TikTokAuthorization({
      baseUrl: config.TIKTOK_API_BASE,
      authBaseUrl: config.TIKTOK_AUTH_BASE,
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
    });
  }

  /** Where Shopee sends the seller back: PUBLIC_URL's callback (TikTok's is registered with the app). */
  shopeeRedirect(state: string): string {
    const base = this.config.PUBLIC_URL ?? `http://127.0.0.1:${this.config.PORT}`;
    const url = new URL("/connect/shopee/callback", base);
    // Shopee's redirect carries no state of its own; it keeps the query of the URL it is given.
    url.searchParams.set("state", state);
    return url.toString();
  }

  async authorizationUrl(pending: PendingConnection): Promise<string> {
    const state = await this.states.issue(pending);
    return pending.platform === "SHOPEE"
      ? this.shopee.authorizationUrl(this.shopeeRedirect(state))
      : this.tiktok.authorizationUrl(state);
  }

  /** The callback: nothing is written unless the state is ours and the marketplace accepts the code. */
  async complete(platform: Platform, query: URLSearchParams): Promise<ConnectOutcome> {
    const state = query.get("state");
    const code = query.get("code");
    const shopId = query.get("shop_id");
    if (!state || !code || (platform === "SHOPEE" && !/^\d{1,18}$/.test(shopId ?? "")))
      return { ok: false, failure: "STATE_MISSING" };
    const consumed = await this.states.consume(state, platform);
    if (!consumed.ok) return { ok: false, failure: `STATE_${consumed.reason}` };
    const { pending } = consumed;
    let shops: { shopId: string; name: string }[];
    let tokens: TokenSet;
    try {
      if (platform === "SHOPEE") {
        const grant = await this.shopee.exchangeCode(code, Number(shopId));
        tokens = grant.tokens;
        shops = [{ shopId: String(shopId), name: `Shopee ${shopId}` }];
      } else {
        const grant = await this.tiktok.exchangeCode(code);
        tokens = grant.tokens;
        shops = (await this.tiktok.shops(tokens))
          .filter((s) => s.cipher !== null)
          .map((s) => ({ shopId: s.cipher!, name: s.name || `TikTok Shop ${s.id}` }));
      }
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      this.logger.warn("shop authorization refused by the marketplace", {
        platform,
        errorClass: e.errorClass,
        code: e.code,
        message: e.message,
      });
      return {
        ok: false,
        failure: e.errorClass === "AUTHENTICATION" ? "CODE_REFUSED" : "MARKETPLACE_UNAVAILABLE",
      };
    }
    if (shops.length === 0) return { ok: false, failure: "NO_SHOPS" };
    const channelIds: string[] = [];
    for (const shop of shops) {
      // A name chosen for the connection fits one shop; several shops keep the marketplace's names.
      const name = shops.length === 1 && pending.name ? pending.name : shop.name;
      const saved = await this.repo.saveAuthorized(this.sealed(platform, shop.shopId, name, pending, tokens));
      channelIds.push(saved.id);
      this.logger.info(saved.created ? "shop connected" : "shop reconnected", {
        platform,
        channelId: saved.id,
        startedBy: pending.startedBy,
      });
    }
    for (const id of channelIds) await this.announce(id);
    return { ok: true, channelIds };
  }

  /** Clears the shop's tokens and stops its queue; false for an unknown id. */
  async disconnect(id: string): Promise<boolean> {
    const done = await this.repo.disconnect(id);
    if (done) await this.announce(id);
    return done;
  }

  async close(): Promise<void> {
    await this.shopee.close();
    await this.tiktok.close();
  }

  private sealed(
    platform: Platform,
    shopId: string,
    name: string,
    pending: PendingConnection,
    tokens: TokenSet,
  ): AuthorizedShopRow {
    const at = (ms: number | null) => (ms === null ? null : new Date(ms));
    return {
      platform,
      shopId,
      name,
      market: pending.market,
      currency: MARKET_CURRENCY[pending.market] ?? "IDR",
      accessToken: this.box.encrypt(tokens.accessToken, channelTokenAad(platform, shopId, "access_token")),
      refreshToken: this.box.encrypt(tokens.refreshToken, channelTokenAad(platform, shopId, "refresh_token")),
      accessTokenExpiresAt: at(tokens.accessTokenExpiresAt),
      refreshTokenExpiresAt: at(tokens.refreshTokenExpiresAt),
    };
  }

  private async announce(channelId: string): Promise<void> {
    await this.redis
      .publish(channelChangesTopic(this.config.REDIS_PREFIX), channelId)
      .catch((e: unknown) =>
        this.logger.warn("channel change not announced; workers pick it up on their next check", e),
      );
  }
}
