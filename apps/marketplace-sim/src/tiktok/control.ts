import type { SimListingView } from "../control";
import type { SimResponse } from "../http";
import { parseReviewCommand, parseReviewRule, type ReviewDesk } from "../review";
import type { StoredProduct } from "./catalog";
import type { TikTokShops } from "./shops";

/**
 * TikTok's `/__sim/` additions: expire tokens, list every shop's products (`/__sim/listings`), decide pending reviews (`/__sim/review`, by SKU,
 * product id, or all pending), and set review rules (`/__sim/review/rules`).
 */
export function tiktokControl(
  deps: { shops: TikTokShops; review: ReviewDesk; expireTokens: () => number },
  method: string,
  path: string,
  body: unknown,
): SimResponse | null {
  const { shops, review } = deps;
  if (method === "POST" && path === "/__sim/tiktok/expire-tokens")
    return { status: 200, body: { expired: deps.expireTokens() } };
  if (method === "GET" && path === "/__sim/listings") {
    const listings: SimListingView[] = shops.all().flatMap((shop) =>
      shop.catalog.all().map((p) => ({
        shop: shop.id,
        externalId: p.id,
        sellerSku: p.skus[0]?.seller_sku ?? "",
        status: p.status,
        price: null,
        variants: p.skus.map((s) => ({ sellerSku: s.seller_sku, price: Number(s.price.amount) })),
      })),
    );
    return { status: 200, body: { listings } };
  }
  if (method === "POST" && path === "/__sim/review") {
    const command = parseReviewCommand(body, "tiktok");
    if (typeof command === "string") return { status: 400, body: { error: command } };
    const all = shops
      .all()
      .flatMap((s): StoredProduct[] =>
        command.externalId !== undefined
          ? [s.catalog.get(command.externalId)].filter((p) => p !== undefined)
          : command.sku !== undefined
            ? s.catalog.bySku(command.sku)
            : s.catalog.all(),
      );
    const ids = new Set(all.map((p) => p.id));
    const decided = review.decideNow((item) => ids.has(item.id), command.decision);
    if (decided.length === 0) return { status: 404, body: { error: "no pending review matches" } };
    return {
      status: 200,
      body: {
        decided: all.filter((p) => decided.includes(p.id)).map((p) => ({ id: p.id, status: p.status })),
      },
    };
  }
  if (path === "/__sim/review/rules") {
    if (method === "GET") return { status: 200, body: { rules: review.rules } };
    if (method === "DELETE") {
      review.rules = [];
      return { status: 200, body: { rules: [] } };
    }
    if (method === "POST") {
      const rule = parseReviewRule(body, "tiktok");
      if (typeof rule === "string") return { status: 400, body: { error: rule } };
      review.rules.push(rule);
      return { status: 200, body: { rules: review.rules } };
    }
  }
  return null;
}
