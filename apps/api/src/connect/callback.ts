import { Router, type Request, type Response } from "express";
import type { Logger } from "@syncstore/config";
import { platformOfSlug, type ConnectService } from "./connect.service";

/** The dashboard page a seller returns to, with what happened in the query for it to show. */
export function channelsPage(publicUrl: string | undefined, result: Record<string, string>): string {
  const query = new URLSearchParams(result).toString();
  // Without PUBLIC_URL the dashboard is the API's own origin, which a relative Location names.
  return `${publicUrl ? publicUrl.replace(/\/+$/, "") : ""}/channels?${query}`;
}

/**
 * `/connect/{platform}/callback`, where the marketplace sends the seller's browser after consent.
 * Every outcome is a redirect to the Channels page — `connected=<ids>` or `connectError=<code>` —
 * so a refused or replayed link reads as a sentence in the seller's language, never as a 500.
 */
export function connectCallback(
  service: ConnectService,
  publicUrl: string | undefined,
  logger: Logger,
): Router {
  const router = Router();
  router.get("/:platform/callback", async (req: Request<{ platform: string }>, res: Response) => {
    const back = (result: Record<string, string>) => res.redirect(303, channelsPage(publicUrl, result));
    const platform = platformOfSlug(req.params.platform);
    if (!platform) return back({ connectError: "UNKNOWN_PLATFORM" });
    const query = new URL(req.originalUrl, "http://callback.invalid").searchParams;
    try {
      const outcome = await service.complete(platform, query);
      return outcome.ok
        ? back({ connected: outcome.channelIds.join(",") })
        : back({ connectError: outcome.failure });
    } catch (e) {
      logger.error("shop authorization callback failed", { platform, err: e, requestId: req.id });
      return back({ connectError: "UNEXPECTED" });
    }
  });
  return router;
}
