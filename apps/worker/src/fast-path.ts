import { levelChanges, type Levels, type ListingPayload } from "@syncstore/core";
import type { LevelUpdate } from "@syncstore/marketplaces";
import type { ItemContext } from "./item-loader";

/**
 * How an item reaches the marketplace:
 * - `full`: the adapter's create or update;
 * - `levels`: only the price and stock endpoints, for what moved (`contentSent` false: the rest of the
 *   payload differs too but stays behind — automatic sync with content off);
 * - `skip`: nothing this item may send has changed.
 */
export type WritePlan =
  { kind: "full" } | { kind: "levels"; changes: LevelUpdate[]; contentSent: boolean } | { kind: "skip" };

const WRITTEN = new Set(["SYNCED", "IN_REVIEW", "OUT_OF_DATE"]);

/**
 * Decided from PostgreSQL alone — what was last sent, by fields hash and per-SKU levels — so the
 * fast path holds on any worker, after a restart, without reading the listing back first.
 * `levelsOnly`: the item may send prices and stock but not content.
 */
export function planWrite(
  ctx: ItemContext,
  payload: ListingPayload,
  fields: string,
  levels: Levels,
  levelsOnly: boolean,
): WritePlan {
  const l = ctx.listing;
  // What was last sent is unknown (never written whole, or a forced sync that distrusts it): only a
  // full write establishes it, even for an automatic sync with content off.
  if (ctx.force || !l?.externalId || l.incomplete || !l.fieldsHash || !l.sentLevels || !WRITTEN.has(l.status))
    return { kind: "full" };
  const sameFields = l.fieldsHash === fields;
  if (!sameFields && !levelsOnly) return { kind: "full" };
  const moved = levelChanges(l.sentLevels, levels);
  // Variants added or removed: a change of structure, which only a full update makes.
  if (moved === null) return levelsOnly && !sameFields ? { kind: "skip" } : { kind: "full" };
  if (moved.length === 0 && !sameFields) return { kind: "skip" };
  const changes: LevelUpdate[] = [];
  for (const m of moved) {
    // A Shopee item without models is priced and stocked as the item; every other unit by its id.
    const variantId =
      payload.platform === "SHOPEE" && payload.variants.length === 0 ? null : l.variantIds[m.sellerSku];
    if (variantId === undefined) return levelsOnly && !sameFields ? { kind: "skip" } : { kind: "full" };
    changes.push({ ...m, variantId });
  }
  return { kind: "levels", changes, contentSent: sameFields };
}
