import { randomBytes } from "node:crypto";
import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { Catalog } from "./catalog";
import { TTS_CODES, failure } from "./errors";
import { createGateway } from "./gateway";
import { createProductApi } from "./products";
import { createRefusals, type Exchange } from "./refusals";
import { resolveRoute, type RouteName } from "./routes";
import { TokenBook } from "../tokens";

export interface TikTokSimOptions {
  appKey: string;
  appSecret: string;
  shopCipher: string;
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds; defaults to the wall clock. */
  now?: () => number;
}

/**
 * TikTok Shop Open API 202309 as a client sees it: signature, timestamp and token checks, listing
 * rules, TikTok's envelopes and status codes, and the fault injection of the shared control. State
 * lives in memory with O(1) lookups, for the hot path of the benchmarks.
 */
export function createTikTokSim(opts: TikTokSimOptions, control: SimControl): PlatformSim {
  const clock = opts.now ?? Date.now;
  // TikTok's tokens carry their kind in a prefix (TTP_ access, TTR_ refresh), as the real ones do.
  const tokens = new TokenBook(clock, () => ({
    accessToken: `TTP_${randomBytes(24).toString("base64url")}`,
    refreshToken: `TTR_${randomBytes(24).toString("base64url")}`,
  }));
  const catalog = new Catalog();
  const images = new Set<string>();
  const refusals = createRefusals(control, clock);
  const gateway = createGateway(opts, tokens, control, refusals);
  const products = createProductApi(catalog, images, refusals);
  const handlers: Record<RouteName, (x: Exchange) => SimResponse> = {
    ...products,
    refresh: ({ req, now }) => gateway.refresh(req, now),
  };

  const seed = () =>
    tokens.seed(
      opts.accessToken,
      opts.refreshToken,
      control.settings.accessTokenTtlSec,
      control.settings.refreshTokenTtlSec,
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
        {
          "Retry-After": String(retryAfter),
        },
      );
    }
    if (outcome === "error")
      return failure(500, TTS_CODES.INTERNAL_ERROR, "Internal error. Please retry the request later.", now);
    return null;
  }

  return {
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
      if (route.scope !== "token") {
        const denied = gateway.authenticate(req, route.scope, now);
        if (denied) return denied;
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
      return handlers[route.name]({ req, body, productId, now });
    },

    stats() {
      return { ...catalog.stats(), images: images.size, accessTokens: tokens.activeAccessTokens };
    },

    reset() {
      catalog.clear();
      images.clear();
      tokens.clear();
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
