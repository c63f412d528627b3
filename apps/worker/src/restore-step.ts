import type { ListingPayload } from "@syncstore/core";
import type { ItemContext, RestoreTarget } from "@syncstore/db";

/** What one rollback item does on the marketplace. */
export type RestoreStep =
  | { kind: "restore"; externalId: string; payload: ListingPayload; relist: boolean }
  | { kind: "delist"; externalId: string }
  /** The listing the batch created never reached the marketplace: nothing to take down. */
  | { kind: "nothing" }
  /** The listing existed, but what it held was recorded before full before-states were (price and title only). */
  | { kind: "unrecorded" };

/**
 * Decides from the before-state the rolled-back batch's item recorded and the listing as it is now.
 * A listing that did not exist before (or was delisted then) is taken down; one that existed gets
 * its recorded payload back, relisted first when a rollback had taken it down since.
 */
export function restoreStep(ctx: Pick<ItemContext, "listing">, target: RestoreTarget): RestoreStep {
  const before = target.before;
  const current = ctx.listing;
  const existed = Boolean(before.externalId) && before.status !== "NOT_LISTED";
  if (!existed) {
    const externalId = current?.externalId ?? null;
    if (!externalId || current?.status === "NOT_LISTED") return { kind: "nothing" };
    return { kind: "delist", externalId };
  }
  const payload = before.lastPayload ?? null;
  if (!payload) return { kind: "unrecorded" };
  return {
    kind: "restore",
    // The marketplace may have given the listing a new id since (a re-create); the current one is what exists.
    externalId: current?.externalId ?? before.externalId!,
    payload,
    relist: current?.status === "NOT_LISTED",
  };
}

/**
 * What a listing holds after only its prices and stock were sent (the fast path): the payload last
 * written whole, with these levels, variant by seller SKU. Null when no whole payload was recorded.
 */
export function withLevels(held: ListingPayload | null, payload: ListingPayload): ListingPayload | null {
  if (!held) return null;
  const bySku = new Map(payload.variants.map((v) => [v.sellerSku, v]));
  return {
    ...held,
    price: payload.price,
    stock: payload.stock,
    variants: held.variants.map((v) => {
      const now = bySku.get(v.sellerSku);
      return now ? { ...v, price: now.price, stock: now.stock } : v;
    }),
  };
}
