import { fieldChanges, type ItemPlan, type ListingPayload } from "@syncstore/core";
import type { CallContext } from "@syncstore/marketplaces";
import type { ItemOutcome, LedgerWriter } from "@syncstore/db";
import type { ItemContext } from "./item-loader";
import type { ChannelRuntime } from "./channels";

/**
 * What a real sync of this item would do, found with marketplace reads only: the listing the ledger
 * knows by id (`getListing`), else the one its seller SKU finds, else none (CREATE). The read answers
 * title, price, stock and variants; the other fields are compared with the payload the ledger last
 * wrote. SKIP is what the real run skips — nothing differs, or (unforced) the ledger says this very
 * payload was written; its changes then show what was edited on the marketplace since, which only a
 * forced sync would overwrite.
 */
export async function planItem(
  channel: ChannelRuntime,
  ctx: ItemContext,
  payload: ListingPayload,
  hash: string,
  callCtx: CallContext,
): Promise<ItemPlan> {
  const knownId = ctx.listing?.externalId ?? null;
  // Compare with what the marketplace holds now, not with what this process remembers sending.
  if (knownId) channel.adapter.forget?.(knownId);
  const remote =
    (knownId ? await channel.adapter.getListing(knownId, callCtx) : null) ??
    (await channel.adapter.findBySellerSku(
      channel.adapter.lookupSku?.(payload) ?? payload.sellerSku,
      callCtx,
    ));
  if (!remote) return { action: "CREATE", changes: fieldChanges(null, payload), payload };
  const changes = fieldChanges({ ...remote, lastPayload: ctx.listing?.lastPayload ?? null }, payload);
  const ledgerUnchanged =
    !ctx.force &&
    (ctx.listing?.status === "SYNCED" || ctx.listing?.status === "IN_REVIEW") &&
    ctx.listing.contentHash === hash &&
    remote.externalId === knownId;
  if (changes.length === 0 || ledgerUnchanged) return { action: "SKIP", changes, payload: null };
  return { action: "UPDATE", changes, payload };
}

/**
 * The ledger as a DRY_RUN item may use it: statuses, logs of its reads and its plan, never a listing
 * or a dead letter — a dry run leaves listings as they are, and a dead letter there would invite a
 * retry that is a real write. Wrapping the writer makes that hold on every path, retries included.
 */
export function planOnlyWriter(writer: Pick<LedgerWriter, "write">): Pick<LedgerWriter, "write"> {
  return {
    write: (outcome: ItemOutcome) => {
      const kept: ItemOutcome = { ...outcome };
      delete kept.listing;
      delete kept.deadLetter;
      return writer.write(kept);
    },
  };
}
