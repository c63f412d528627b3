import type { SimControl } from "../control";
import type { SimRequest, SimResponse } from "../http";
import { createHmac } from "node:crypto";
import { AuthCodes } from "../codes";
import { ReviewDesk, type Decision } from "../review";
import { Webhooks } from "../webhooks";
import { Taxonomy } from "../taxonomy";
import { TokenBook } from "../tokens";
import { ShopeeCatalog, newCatalogIds, type CatalogIds } from "./catalog";
import { SHOPEE_ERRORS, failure } from "./errors";
import { DEFAULT_SHOPEE_LIMITS, type ShopeeLimits } from "./rules";

export interface ShopeeSimOptions {
  partnerId: number;
  partnerKey: string;
  shopId: number;
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds; defaults to the wall clock. */
  now?: () => number;
  /** The shop's listing limits; see DEFAULT_SHOPEE_LIMITS. */
  limits?: Partial<ShopeeLimits>;
  /** The shops' currency, as price_info reports it: the demo shop is Indonesian, so IDR. */
  currency?: string;
}

export type Level = "shop" | "public";

/** One authorized shop and its listings. */
export interface ShopeeShop {
  shopId: number;
  name: string;
  region: string;
  catalog: ShopeeCatalog;
}

/** One protocol request past the gateway. */
export interface Exchange {
  req: SimRequest;
  body: Record<string, unknown>;
  nowSec: number;
  /** The shop of a shop-level call; the configured shop for public ones. */
  shop: ShopeeShop;
}

export interface Route {
  method: "GET" | "POST";
  level: Level;
  /** JSON bodies are parsed before the handler runs; multipart and form ones are the handler's. */
  json: boolean;
  run: (x: Exchange) => SimResponse | Promise<SimResponse>;
}

/**
 * What every part of the Shopee simulator shares: credentials, clock, tokens, the shops with their
 * catalogs, uploaded images and the taxonomy.
 */
export class ShopeeState {
  readonly clock: () => number;
  readonly limits: ShopeeLimits;
  readonly currency: string;
  readonly tokens: TokenBook;
  readonly taxonomy = new Taxonomy();
  readonly images = new Set<string>();
  readonly shops = new Map<number, ShopeeShop>();
  /** Seller authorization codes, each for the shop the seller approved. */
  readonly codes: AuthCodes<{ shopId: number }>;
  readonly review: ReviewDesk;
  readonly webhooks: Webhooks;
  private nextShopId: number;
  private ids: CatalogIds = newCatalogIds();

  constructor(
    readonly opts: ShopeeSimOptions,
    readonly control: SimControl,
  ) {
    this.clock = opts.now ?? Date.now;
    this.limits = { ...DEFAULT_SHOPEE_LIMITS, ...opts.limits };
    this.currency = opts.currency ?? "IDR";
    this.tokens = new TokenBook(this.clock);
    this.codes = new AuthCodes(this.clock);
    this.webhooks = new Webhooks(control);
    this.review = new ReviewDesk(control, (id, decision) => this.decideItem(Number(id), decision));
    this.nextShopId = opts.shopId + 100_000;
    this.seed();
  }

  isImage = (id: string): boolean => this.images.has(id);

  /** The configured shop and its configured tokens, as after a fresh start. */
  seed(): void {
    this.shops.set(this.opts.shopId, {
      shopId: this.opts.shopId,
      name: "SyncStore Demo Shop",
      region: "ID",
      catalog: new ShopeeCatalog(this.ids),
    });
    this.tokens.seed(
      this.opts.accessToken,
      this.opts.refreshToken,
      this.control.settings.accessTokenTtlSec,
      this.control.settings.refreshTokenTtlSec,
      String(this.opts.shopId),
    );
  }

  /** A new shop, as when a seller opens one on the consent page. */
  mintShop(name: string): ShopeeShop {
    const shop: ShopeeShop = {
      shopId: this.nextShopId++,
      name,
      region: "ID",
      catalog: new ShopeeCatalog(this.ids),
    };
    this.shops.set(shop.shopId, shop);
    return shop;
  }

  /** Where an item id lives (ids are unique across shops). */
  findItem(itemId: number) {
    for (const shop of this.shops.values()) {
      const item = shop.catalog.get(itemId);
      if (item) return { shop, item };
    }
    return undefined;
  }

  /** A review's outcome: approved items go on sale, rejected ones are banned, and the shop is told. */
  decideItem(itemId: number, decision: Decision): void {
    const found = this.findItem(itemId);
    if (!found) return;
    const { shop, item } = found;
    item.item_status = decision.result === "APPROVE" ? "NORMAL" : "BANNED";
    item.status_reason = decision.result === "APPROVE" ? "" : decision.reason;
    item.update_time = Math.floor(this.clock() / 1000);
    this.push(shop.shopId, 16, {
      item_id: item.item_id,
      item_name: item.item_name,
      item_status: item.item_status,
      item_status_details: item.status_reason ? [{ violation_reason: item.status_reason }] : [],
      update_time: item.update_time,
    });
  }

  /** Shopee's push: `Authorization` = HMAC-SHA256(partner_key, url + "|" + body), hex. */
  push(shopId: number, code: number, data: Record<string, unknown>): void {
    const body = JSON.stringify({ shop_id: shopId, code, timestamp: Math.floor(this.clock() / 1000), data });
    this.webhooks.deliver(body, (url) => ({
      authorization: createHmac("sha256", this.opts.partnerKey).update(`${url}|${body}`).digest("hex"),
    }));
  }

  reset(): void {
    this.review.clear();
    this.shops.clear();
    this.ids = newCatalogIds();
    this.images.clear();
    this.tokens.clear();
    this.codes.clear();
    this.nextShopId = this.opts.shopId + 100_000;
    this.seed();
  }

  /** A refusal on the request's merits: counted, and answered in Shopee's envelope. */
  refuse = (status: number, error: string, message: string): SimResponse => {
    this.control.reject(error);
    return failure(status, error, message);
  };

  refuseParam = (message: string): SimResponse => this.refuse(400, SHOPEE_ERRORS.PARAM, message);
}
