import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { ShopeeState, type ShopeeSimOptions } from "./context";
import { shopeeControl } from "./control";
import { SHOPEE_ERRORS, Violation, failure } from "./errors";
import { authenticate } from "./gateway";
import { isRecord } from "./rules";
import { buildRoutes } from "./routes";

export type { ShopeeSimOptions } from "./context";

/**
 * Shopee Open Platform v2 as a client sees it: partner signature and timestamp, shop and access-token
 * checks, single-use refresh tokens, seller authorization, the taxonomy, listing limits, and Shopee's
 * envelope and error names. Shops, items, models and images live in memory with O(1) lookups.
 */
export function createShopeeSim(opts: ShopeeSimOptions, control: SimControl): PlatformSim {
  const state = new ShopeeState(opts, control);
  const routes = buildRoutes(state);

  /** The control's verdict comes first, as a real gateway throttles before it authenticates. */
  function injected(outcome: string, now: number): SimResponse | null {
    if (outcome === "timeout") return { status: 0, body: null };
    if (outcome === "rate_limited") {
      const seconds = Math.max(1, Math.ceil(control.msUntilNextWindow(now) / 1000));
      return failure(429, SHOPEE_ERRORS.RATE_LIMIT, "Too many requests. Please try again later.", {
        "Retry-After": String(seconds),
      });
    }
    if (outcome === "error")
      return failure(500, SHOPEE_ERRORS.SERVER, "Something went wrong. Please try again later.");
    return null;
  }

  return {
    async handle(req: SimRequest): Promise<SimResponse | null> {
      const route = routes.get(`${req.method} ${req.path}`);
      if (!route) return failure(404, SHOPEE_ERRORS.NOT_FOUND, `No API matches ${req.method} ${req.path}.`);
      const outcome = await control.gate(
        req.query.get("shop_id") || String(opts.shopId),
        req.path,
        state.clock(),
        req.method,
      );
      const now = state.clock();
      const fault = injected(outcome, now);
      if (fault) return fault;
      const auth = authenticate(state, req, route, now);
      if ("denied" in auth) return auth.denied;
      let body: Record<string, unknown> = {};
      if (route.json) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(req.rawBody.toString("utf8"));
        } catch {
          return state.refuseParam("Wrong parameters, detail: body must be JSON.");
        }
        if (!isRecord(parsed))
          return state.refuseParam("Wrong parameters, detail: body must be a JSON object.");
        body = parsed;
      }
      try {
        return await route.run({ req, body, nowSec: Math.floor(now / 1000), shop: auth.shop });
      } catch (e) {
        if (e instanceof Violation) return state.refuse(400, e.error, e.message);
        throw e;
      }
    },

    stats() {
      let listings = 0;
      let models = 0;
      for (const shop of state.shops.values()) {
        const s = shop.catalog.stats();
        listings += s.listings;
        models += s.models;
      }
      return {
        listings,
        models,
        shops: state.shops.size,
        images: state.images.size,
        accessTokens: state.tokens.activeAccessTokens,
        pendingReviews: state.review.pendingCount,
        webhooksSent: state.webhooks.sent,
        webhookFailures: state.webhooks.failed,
      };
    },

    reset() {
      state.reset();
    },

    control(method: string, path: string, body: unknown): SimResponse | null {
      return shopeeControl(state, method, path, body);
    },
  };
}
