import type { AuthCodes } from "../codes";
import { consentPage, errorPage, formBody } from "../consent";
import type { SimControl } from "../control";
import { page, redirect, type PlatformSim, type SimRequest, type SimResponse } from "../http";
import { TTS_CODES, failure, injectedFault } from "./errors";
import type { createGateway } from "./gateway";
import type { TikTokShops } from "./shops";

export interface AuthHostOptions {
  appKey: string;
  /** The id the newer `/open/authorize` link names the app by. */
  serviceId: string;
  /** The app's registered redirect URL: the only place a code is sent to. */
  redirectUrl: string;
  clock: () => number;
}

const PAGES = new Set(["/oauth/authorize", "/open/authorize"]);

/**
 * TikTok Shop's auth host (auth.tiktok-shops.com live), a port apart from the API host: the
 * seller's consent page behind both authorization links, and the token endpoints. The code goes to
 * the registered redirect URL with `state` unchanged; a `redirect_uri` that is not that URL is
 * refused rather than followed.
 */
export function createAuthHost(
  opts: AuthHostOptions,
  control: SimControl,
  shops: TikTokShops,
  codes: AuthCodes<{ cipher: string }>,
  gateway: ReturnType<typeof createGateway>,
): PlatformSim {
  /** Why the link is refused, or null when it names this app and its redirect URL. */
  function linkProblem(req: SimRequest): string | null {
    const q = req.query;
    if (req.path === "/oauth/authorize" && q.get("app_key") !== opts.appKey)
      return "The app_key does not belong to an app.";
    if (req.path === "/open/authorize" && q.get("service_id") !== opts.serviceId)
      return "The service_id does not belong to an app.";
    const uri = q.get("redirect_uri");
    if (uri !== null && uri !== opts.redirectUrl)
      return "The redirect_uri does not match the app's registered redirect URL.";
    return null;
  }

  function consent(req: SimRequest): SimResponse {
    const problem = linkProblem(req);
    if (problem) return page(400, errorPage("Authorization failed", problem));
    if (req.method === "GET")
      return page(
        200,
        consentPage({
          platform: "TikTok Shop",
          appName: `App ${opts.appKey}`,
          action: `${req.path}?${req.query.toString()}`,
          hidden: {},
          shops: shops.all().map((s) => ({ id: s.cipher, name: s.name })),
        }),
      );
    const form = formBody(req.rawBody);
    if (form.get("decision") !== "approve")
      return page(400, errorPage("Not approved", "The seller did not approve the request."));
    const choice = form.get("shop") ?? "";
    const shop =
      choice === "new" ? shops.mint((form.get("shop_name") ?? "").trim() || "Toko Baru") : shops.get(choice);
    if (!shop) return page(400, errorPage("Unknown shop", "No such shop to authorize."));
    const to = new URL(opts.redirectUrl);
    to.searchParams.set("code", codes.issue({ cipher: shop.cipher }, control.settings.authCodeTtlSec));
    to.searchParams.set("state", req.query.get("state") ?? "");
    return redirect(to.toString());
  }

  return {
    async handle(req: SimRequest): Promise<SimResponse | null> {
      const outcome = await control.gate("auth", req.path, opts.clock());
      const now = opts.clock();
      // The token endpoints fail, time out and throttle like the API host does.
      const fault = PAGES.has(req.path) ? null : injectedFault(control, outcome, now);
      if (fault) return fault;
      if (PAGES.has(req.path) && (req.method === "GET" || req.method === "POST")) return consent(req);
      if (req.path === "/api/v2/token/get" && req.method === "GET")
        return gateway.tokenGet(req, now, (code) => {
          const r = codes.redeem(code);
          return r.ok ? r.grant.cipher : r.reason;
        });
      if (req.path === "/api/v2/token/refresh" && req.method === "GET") return gateway.refresh(req, now);
      return failure(
        404,
        TTS_CODES.PATH_NOT_FOUND,
        `Invalid path. No API matches ${req.method} ${req.path}.`,
        now,
      );
    },
    stats: () => ({}),
    reset: () => codes.clear(),
  };
}
