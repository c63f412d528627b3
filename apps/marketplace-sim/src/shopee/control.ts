import type { SimListingView } from "../control";
import type { SimResponse } from "../http";
import { parseReviewCommand, parseReviewRule } from "../review";
import type { ShopeeState } from "./context";

/**
 * Shopee's `/__sim/` additions: expire tokens, list every shop's items (`/__sim/listings`), decide
 * reviews (`/__sim/review`), and set the rules a review follows (`/__sim/review/rules`). A REJECT on an item that is not under review bans it, as
 * Shopee takes listings down after the fact.
 */
export function shopeeControl(
  state: ShopeeState,
  method: string,
  path: string,
  body: unknown,
): SimResponse | null {
  if (method === "POST" && path === "/__sim/shopee/expire-tokens")
    return { status: 200, body: { expired: state.tokens.expireAll() } };
  if (method === "GET" && path === "/__sim/listings") {
    const listings: SimListingView[] = [...state.shops.values()].flatMap((shop) =>
      [...shop.catalog.all()].map((item) => ({
        shop: String(shop.shopId),
        externalId: String(item.item_id),
        sellerSku: item.item_sku,
        status: item.item_status,
        price: item.models.length === 0 ? item.original_price : null,
        variants: item.models.map((m) => ({ sellerSku: m.model_sku, price: m.original_price })),
      })),
    );
    return { status: 200, body: { listings } };
  }
  if (method === "POST" && path === "/__sim/review") {
    const command = parseReviewCommand(body, "shopee");
    if (typeof command === "string") return { status: 400, body: { error: command } };
    const items = [...state.shops.values()].flatMap((shop) =>
      command.externalId !== undefined
        ? [shop.catalog.get(Number(command.externalId))].filter((i) => i !== undefined)
        : command.sku !== undefined
          ? shop.catalog.withSku(command.sku)
          : [...shop.catalog.all()].filter((i) => state.review.isPending(String(i.item_id))),
    );
    if (items.length === 0) return { status: 404, body: { error: "no item matches" } };
    const decided = items.map((item) => {
      const id = String(item.item_id);
      if (state.review.isPending(id)) state.review.decideNow((p) => p.id === id, command.decision);
      else state.decideItem(item.item_id, command.decision);
      return { item_id: item.item_id, item_status: item.item_status };
    });
    return { status: 200, body: { decided } };
  }
  if (path === "/__sim/review/rules") {
    if (method === "GET") return { status: 200, body: { rules: state.review.rules } };
    if (method === "DELETE") {
      state.review.rules = [];
      return { status: 200, body: { rules: [] } };
    }
    if (method === "POST") {
      const rule = parseReviewRule(body, "shopee");
      if (typeof rule === "string") return { status: 400, body: { error: rule } };
      state.review.rules.push(rule);
      return { status: 200, body: { rules: state.review.rules } };
    }
  }
  return null;
}
