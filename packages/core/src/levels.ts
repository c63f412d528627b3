import { createHash } from "node:crypto";
import { canonicalJson } from "./hash";
import type { ListingPayload } from "./model";

/**
 * Price and stock per sellable unit, by seller SKU: the variants when there are any, otherwise the
 * product itself. They are what the marketplaces' dedicated endpoints change (Shopee `update_price` /
 * `update_stock`, TikTok Shop prices / inventory update) without touching the rest of the listing.
 */
export type Levels = Record<string, [price: number, stock: number]>;

export function levelsOf(payload: ListingPayload): Levels {
  if (payload.variants.length === 0) return { [payload.sellerSku]: [payload.price, payload.stock] };
  return Object.fromEntries(payload.variants.map((v) => [v.sellerSku, [v.price, v.stock]]));
}

/**
 * The content hash of everything but prices and stock. Two payloads with the same fields hash differ
 * at most in levels, so a write needs only the price and stock endpoints — which, unlike a full
 * update, never send a listing back to the marketplace's review.
 */
export function fieldsHash(payload: ListingPayload): string {
  const withoutLevels = {
    ...payload,
    price: 0,
    stock: 0,
    variants: payload.variants.map((v) => ({ ...v, price: 0, stock: 0 })),
  };
  return createHash("sha256").update(canonicalJson(withoutLevels), "utf8").digest("hex");
}

/** One sellable unit whose price, stock or both moved since `sent`. */
export interface LevelChange {
  sellerSku: string;
  /** Present when the price moved. */
  price?: number;
  /** Present when the stock moved. */
  stock?: number;
}

/**
 * What moved from `sent` to `now`; null when the units themselves differ (a variant added or removed
 * needs a full update, not the price and stock endpoints).
 */
export function levelChanges(sent: Levels, now: Levels): LevelChange[] | null {
  const skus = Object.keys(now);
  if (skus.length !== Object.keys(sent).length || skus.some((s) => sent[s] === undefined)) return null;
  const out: LevelChange[] = [];
  for (const sku of skus) {
    const [price, stock] = now[sku]!;
    const [sentPrice, sentStock] = sent[sku]!;
    if (price === sentPrice && stock === sentStock) continue;
    out.push({
      sellerSku: sku,
      ...(price !== sentPrice ? { price } : {}),
      ...(stock !== sentStock ? { stock } : {}),
    });
  }
  return out;
}
