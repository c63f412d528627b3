import type { EntityManager } from "typeorm";
import { createBatch, type CreateBatchResult } from "./batches";
import { rowsOf } from "./sql";

/** `requested_by` of a batch automatic sync started: master edits carried out, no person behind it. */
export const AUTO_SYNC_REQUESTER = "system:auto-sync";

export interface AutoSyncDrainOptions {
  /** A product is due this long after its latest edit (the debounce: a burst becomes one sync). */
  debounceMs: number;
  /** …or this long after its first unsynced edit, so a product edited without pause still goes out. */
  maxWaitMs: number;
  /** Products taken per round; the next round takes the rest. */
  limit: number;
}

export interface AutoSyncDrain {
  /** Due products taken off the pending list (each, whether or not any channel wanted it). */
  products: number;
  /** The batch of what the channels' settings asked for; null when nothing was. */
  batch: Extract<CreateBatchResult, { ok: true }> | null;
}

/**
 * Takes due products off `auto_sync_pending` and writes one SYNC batch of their listings on every
 * enabled channel whose automatic-sync settings cover what changed — in the caller's transaction, so
 * a crash before commit leaves the pending rows where they were. `SKIP LOCKED`: several workers drain
 * at once without taking the same product twice. An edit committed meanwhile waits on the row lock
 * and then writes a fresh pending row, so it is synced by the next round, never lost.
 */
export async function drainAutoSync(em: EntityManager, opts: AutoSyncDrainOptions): Promise<AutoSyncDrain> {
  const taken = await rowsOf<{
    product_id: string;
    stock_changed: boolean;
    price_changed: boolean;
    content_changed: boolean;
  }>(
    em,
    `WITH due AS (
       SELECT product_id FROM auto_sync_pending
       WHERE last_changed_at <= now() - $1 * interval '1 millisecond'
          OR first_changed_at <= now() - $2 * interval '1 millisecond'
       ORDER BY first_changed_at
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     DELETE FROM auto_sync_pending a USING due WHERE a.product_id = due.product_id
     RETURNING a.product_id::text, a.stock_changed, a.price_changed, a.content_changed`,
    [opts.debounceMs, opts.maxWaitMs, opts.limit],
  );
  if (taken.length === 0) return { products: 0, batch: null };
  const pairs: { product_id: string; channel_id: string }[] = await em.query(
    `SELECT l.product_id::text, l.channel_id::text
     FROM unnest($1::bigint[], $2::bool[], $3::bool[], $4::bool[]) AS t(product_id, stock, price, content)
     JOIN listings l ON l.product_id = t.product_id AND l.external_id IS NOT NULL
     JOIN channels c ON c.id = l.channel_id AND c.enabled
     WHERE (t.stock AND c.auto_sync_stock) OR (t.price AND c.auto_sync_price) OR (t.content AND c.auto_sync_content)
     ORDER BY l.product_id, l.channel_id`,
    [
      taken.map((t) => t.product_id),
      taken.map((t) => t.stock_changed),
      taken.map((t) => t.price_changed),
      taken.map((t) => t.content_changed),
    ],
  );
  if (pairs.length === 0) return { products: taken.length, batch: null };
  const result = await createBatch(em, {
    selection: {
      kind: "pairs",
      pairs: pairs.map((p) => ({ productId: p.product_id, channelId: p.channel_id })),
    },
    channelIds: [...new Set(pairs.map((p) => p.channel_id))],
    force: false,
    requestedBy: AUTO_SYNC_REQUESTER,
    // The round's size is bounded by `limit` × channels; nothing to refuse here.
    maxItems: Number.MAX_SAFE_INTEGER,
  });
  return { products: taken.length, batch: result.ok ? result : null };
}
