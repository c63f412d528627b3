import { createHmac, randomBytes } from "node:crypto";
import { AuthCodes } from "../codes";
import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { ReviewDesk, type Decision } from "../review";
import { Taxonomy } from "../taxonomy";
import { Webhooks } from "../webhooks";
import { TokenBook } from "../tokens";
import { createAuthHost } from "./auth";
import { tiktokControl } from "./control";
import { injectedFault } from "./errors";
import { TTS_CODES, failure, success } from "./errors";
import { createGateway } from "./gateway";
import { createProductApi } from "./products";
import { createRefusals, type Exchange } from "./refusals";
import { resolveRoute, type RouteName } from "./routes";
import { TikTokShops, type TikTokShop } from "./shops";
import { createTaxonomyApi } from "./taxonomy";

export interface TikTokSimOptions {
  appKey: string;
  appSecret: string;
  shopCipher: string;
  accessToken: string;
  refreshToken: string;
  /** The id `/open/authorize?service_id=` names the app by. */
  serviceId?: string;
  /** The app's registered redirect URL, where the consent page sends the seller back. */
  redirectUrl?: string;
  /** Unix milliseconds; defaults to the wall clock. */
  now?: () => number;
}

export interface TikTokSim extends PlatformSim {
  /** The auth host (consent pages, token endpoints), served on its own port. */
  authHost: PlatformSim;
}

/**
 * TikTok Shop Open API 202309 as a client sees it: signature, timestamp and token checks, shops
 * and their ciphers, the taxonomy, listing rules, TikTok's envelopes and status codes, and the fault
 * injection of the shared control. State lives in memory with O(1) lookups, for the hot path of the
 * benchmarks.
 */
export function createTikTokSim(opts: TikTokSimOptions, control: SimControl): TikTokSim {
  const clock = opts.now ?? Date.now;
  // TikTok's tokens carry their kind in a prefix (TTP_ access, TTR_ refresh), as the real ones do.
  const tokens = new TokenBook(clock, () => ({
    accessToken: `TTP_${randomBytes(24).toString("base64url")}`,
    refreshToken: `TTR_${randomBytes(24).toString("base64url")}`,
  }));
  const shops = new TikTokShops(opts.shopCipher);
  const taxonomy = new Taxonomy();
  const images = new Set<string>();
  const codes = new AuthCodes<{ cipher: string }>(clock);
  const refusals = createRefusals(control, clock);
  const gateway = createGateway(opts, tokens, shops, control, refusals);
  const webhooks = new Webhooks(control);
  const review = new ReviewDesk(control, (id, decision) => decideProduct(id, decision));
  /** New products per shop per UTC day, for the new-shop listing quota. */
  const created = new Map<string, { day: number; count: number }>();
  const today = (now: number) => Math.floor(now / 86_400_000);
  const quotaLeft = (shop: TikTokShop, now: number) => {
    const quota = control.settings.dailyListingQuota;
    if (quota === null) return null;
    const c = created.get(shop.cipher);
    return quota - (c && c.day === today(now) ? c.count : 0);
  };
  const countCreate = (shop: TikTokShop, now: number) => {
    const c = created.get(shop.cipher);
    if (c && c.day === today(now)) c.count++;
    else created.set(shop.cipher, { day: today(now), count: 1 });
  };

  /** The review's outcome on the product, then the "product status change" webhook (type 5). */
  function decideProduct(id: string, decision: Decision): void {
    for (const shop of shops.all()) {
      const product = shop.catalog.get(id);
      if (!product) continue;
      const approved = decision.result === "APPROVE";
      product.status = approved ? "ACTIVATE" : "FAILED";
      product.audit_failed_reasons = approved ? [] : [decision.reason];
      product.update_time = Math.floor(clock() / 1000);
      const body = JSON.stringify({
        type: 5,
        tts_notification_id: randomBytes(8).readBigUInt64BE().toString(),
        shop_id: shop.id,
        timestamp: product.update_time,
        data: {
          product_id: product.id,
          status: approved ? "PRODUCT_FIRST_PASS_REVIEW" : "PRODUCT_AUDIT_FAILURE",
          suspended_reason: approved ? "" : decision.reason,
          update_time: product.update_time,
        },
      });
      // TikTok signs a webhook as HMAC-SHA256(app_secret, app_key + body), in `Authorization`.
      webhooks.deliver(body, () => ({
        authorization: createHmac("sha256", opts.appSecret)
          .update(opts.appKey + body)
          .digest("hex"),
      }));
      return;
    }
  }

  const products = createProductApi({ images, taxonomy, review, quotaLeft, countCreate }, refusals);
  const reads = createTaxonomyApi(taxonomy, refusals, (x) => quotaLeft(x.shop, x.now));
  const handlers: Record<RouteName, (x: Exchange) => SimResponse> = {
    ...products,
    ...reads,
    shops: ({ req, now }) => {
      const cipher = tokens.subjectOf(req.headers["x-tts-access-token"] as string | undefined);
      return success(
        {
          shops: shops
            .all()
            .filter((s) => s.cipher === cipher)
            .map((s) => ({
              id: s.id,
              name: s.name,
              region: s.region,
              seller_type: s.sellerType,
              cipher: s.cipher,
              code: s.code,
            })),
        },
        now,
      );
    },
  };

  const seed = () =>
    tokens.seed(
      opts.accessToken,
      opts.refreshToken,
      control.settings.accessTokenTtlSec,
      control.settings.refreshTokenTtlSec,
      opts.shopCipher,
    );
  seed();

  /** The control's verdict comes first, as a real gateway throttles before it authenticates. */
  const injected = (outcome: string, now: number) => injectedFault(control, outcome, now);

  const authHost = createAuthHost(
    {
      appKey: opts.appKey,
      serviceId: opts.serviceId ?? "sim-tiktok-service-id",
      redirectUrl: opts.redirectUrl ?? "http://127.0.0.1:4000/connect/tiktok/callback",
      clock,
    },
    control,
    shops,
    codes,
    gateway,
  );

  return {
    authHost,

    async handle(req: SimRequest): Promise<SimResponse | null> {
      const match = resolveRoute(req.method, req.path);
      if (!match)
        return failure(
          404,
          TTS_CODES.PATH_NOT_FOUND,
          `Invalid path. No API matches ${req.method} ${req.path}.`,
          clock(),
        );
      const { route, productId } = match;
      const outcome = await control.gate(
        req.query.get("shop_cipher") || opts.shopCipher,
        route.endpoint,
        clock(),
        req.method,
      );
      const now = clock();
      const fault = injected(outcome, now);
      if (fault) return fault;
      const auth = gateway.authenticate(req, route.scope, now);
      if ("denied" in auth) return auth.denied;
      const shop = auth.shop;
      let body: unknown = null;
      if (route.json && req.rawBody.length > 0) {
        try {
          body = JSON.parse(req.rawBody.toString("utf8"));
        } catch {
          return refusals.refuse(
            400,
            TTS_CODES.PARAM_INVALID,
            "Invalid request body. The body must be JSON.",
          );
        }
      }
      return handlers[route.name]({ req, body, productId, now, shop });
    },

    stats() {
      let listings = 0;
      let activeListings = 0;
      let skus = 0;
      for (const s of shops.all()) {
        const c = s.catalog.stats();
        listings += c.listings;
        activeListings += c.activeListings;
        skus += c.skus;
      }
      return {
        listings,
        activeListings,
        skus,
        shops: shops.all().length,
        images: images.size,
        accessTokens: tokens.activeAccessTokens,
      };
    },

    reset() {
      review.clear();
      created.clear();
      shops.reset();
      images.clear();
      tokens.clear();
      codes.clear();
      seed();
    },

    control(method: string, path: string, body: unknown): SimResponse | null {
      return tiktokControl({ shops, review, expireTokens: () => tokens.expireAll() }, method, path, body);
    },
  };
}
