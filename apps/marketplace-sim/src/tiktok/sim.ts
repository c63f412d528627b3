import { randomBytes } from "node:crypto";
import { AuthCodes } from "../codes";
import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { Taxonomy } from "../taxonomy";
import { TokenBook } from "../tokens";
import { createAuthHost } from "./auth";
import { TTS_CODES, failure, success } from "./errors";
import { createGateway } from "./gateway";
import { createProductApi } from "./products";
import { createRefusals, type Exchange } from "./refusals";
import { resolveRoute, type RouteName } from "./routes";
import { TikTokShops } from "./shops";
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
  const products = createProductApi(images, refusals);
  const reads = createTaxonomyApi(taxonomy, refusals, () => null);
  const handlers: Record<RouteName, (x: Exchange) => SimResponse> = {
    ...products,
    ...reads,
    refresh: ({ req, now }) => gateway.refresh(req, now),
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
  function injected(outcome: string, now: number): SimResponse | null {
    if (outcome === "timeout") return { status: 0, body: null };
    if (outcome === "rate_limited") {
      const retryAfter = Math.max(1, Math.ceil(control.msUntilNextWindow(now) / 1000));
      return failure(
        429,
        TTS_CODES.TOO_MANY_REQUESTS,
        "Too many requests. The shop exceeded its rate limit.",
        now,
        { "Retry-After": String(retryAfter) },
      );
    }
    if (outcome === "error")
      return failure(500, TTS_CODES.INTERNAL_ERROR, "Internal error. Please retry the request later.", now);
    return null;
  }

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
      );
      const now = clock();
      const fault = injected(outcome, now);
      if (fault) return fault;
      let shop = shops.get(opts.shopCipher)!;
      if (route.scope !== "token") {
        const auth = gateway.authenticate(req, route.scope, now);
        if ("denied" in auth) return auth.denied;
        shop = auth.shop;
      }
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
      shops.reset();
      images.clear();
      tokens.clear();
      codes.clear();
      seed();
    },

    control(method: string, path: string): SimResponse | null {
      if (method === "POST" && path === "/__sim/tiktok/expire-tokens") {
        return { status: 200, body: { expired: tokens.expireAll() } };
      }
      return null;
    },
  };
}
