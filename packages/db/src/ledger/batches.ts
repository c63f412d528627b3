import type { EntityManager } from "typeorm";
import { AUTO_RETRY_REQUESTER } from "./auto-retry";
import { rowsOf } from "./sql";
import { FINAL_BATCH_STATUSES, type BatchStatus } from "./statuses";

/**
 * An item's BullMQ job id when none is stored: unique across database lifetimes (the batch id is a
 * UUID), because Redis may outlive the database — after a reset, item ids start again at 1 while
 * Redis still holds the old completed jobs, and adding a job with an existing id does nothing.
 */
export function defaultJobId(itemId: string, batchId: string): string {
  return `i${itemId}-b${batchId}`;
}

/** The same as defaultJobId, in SQL over a sync_items alias. */
export function jobIdSql(alias: string): string {
  return `COALESCE(${alias}.job_id, 'i' || ${alias}.id || '-b' || ${alias}.batch_id)`;
}
import { filterSql, type ProductFilters } from "../catalog/list-products";
import { searchMatchSql } from "../catalog/search-match";
import {
  CHANNEL_COLUMNS,
  CHANNELS_JSON_SQL,
  applyTransitions,
  toChannelCounters,
  toCounters,
  type BatchCountersRow,
  type ChannelCountersRow,
  type LedgerEvent,
} from "./apply";

export const MAX_BATCH_ITEMS = 100_000;

export type ProductSelection =
  | { kind: "ids"; productIds: readonly string[] }
  | { kind: "search"; search: string }
  /** What the products list shows for these filters, all pages of it: "sync all N matching". */
  | { kind: "filter"; filters: ProductFilters }
  | { kind: "all" }
  /** Exactly these (product, channel) items, not every product × every channel (automatic sync). */
  | { kind: "pairs"; pairs: readonly { productId: string; channelId: string }[] };

export interface CreateBatchInput {
  selection: ProductSelection;
  channelIds: readonly string[];
  force: boolean;
  requestedBy?: string | null;
  /** A person's name for the batch (1–200 characters, checked by the caller). */
  label?: string | null;
  maxItems?: number;
  /** DRY_RUN: every item plans (reads only) instead of writing. Defaults to SYNC. */
  kind?: "SYNC" | "DRY_RUN";
}

export type CreateBatchResult =
  | {
      ok: true;
      batch: BatchCountersRow;
      items: { itemId: string; channelId: string; jobId: string }[];
    }
  | { ok: false; code: "EMPTY_SELECTION" | "BATCH_TOO_LARGE"; message: string };

function selectionSql(selection: ProductSelection, firstParam: number): { where: string; params: unknown[] } {
  switch (selection.kind) {
    case "ids":
      return { where: `p.id = ANY($${firstParam}::bigint[])`, params: [selection.productIds] };
    case "search": {
      // The same match as the products query: every word in the SKU, title or brand.
      const params: unknown[] = [];
      const where = searchMatchSql(selection.search, (v) => `$${firstParam + params.push(v) - 1}`);
      return { where: where ?? "TRUE", params };
    }
    case "filter": {
      // The products list's own conditions, so the batch holds exactly the products it counted.
      if (firstParam !== 1) throw new Error("a filter selection's parameters start at $1");
      const f = filterSql(selection.filters);
      return { where: f.where.length ? f.where.join(" AND ") : "TRUE", params: f.params };
    }
    case "all":
      return { where: "TRUE", params: [] };
    case "pairs":
      return {
        where: `(p.id, c.id) IN (SELECT * FROM unnest($${firstParam}::bigint[], $${firstParam + 1}::bigint[]))`,
        params: [selection.pairs.map((x) => x.productId), selection.pairs.map((x) => x.channelId)],
      };
  }
}

/** What `sync_batches.scope` keeps of a selection: enough to say "search: kaos, 120 products". */
export interface BatchScopeRecord {
  kind: "PRODUCTS" | "SEARCH" | "FILTER" | "CATALOG" | "DEAD_LETTERS";
  products: number;
  search?: string | null;
  listingStatus?: string | null;
  listingPlatform?: string | null;
}

function scopeOf(selection: ProductSelection, products: number): BatchScopeRecord {
  switch (selection.kind) {
    case "ids":
      return { kind: "PRODUCTS", products };
    case "search":
      return { kind: "SEARCH", products, search: selection.search };
    case "filter":
      return {
        kind: "FILTER",
        products,
        search: selection.filters.search ?? null,
        listingStatus: selection.filters.listingStatus ?? null,
        listingPlatform: selection.filters.platform ?? null,
      };
    case "all":
      return { kind: "CATALOG", products };
    case "pairs":
      // Automatic sync: the edited products (its `requested_by` says who), counted once each.
      return { kind: "PRODUCTS", products: new Set(selection.pairs.map((p) => p.productId)).size };
  }
}

/**
 * Writes a batch and all its items (one per product × channel) in the caller's transaction, before
 * anything reaches Redis: PostgreSQL is the ledger, the queue only carries ids.
 */
export async function createBatch(em: EntityManager, input: CreateBatchInput): Promise<CreateBatchResult> {
  const sel = selectionSql(input.selection, 1);
  const pairs = input.selection.kind === "pairs";
  const [{ n }] = (await em.query(
    pairs
      ? `SELECT count(*)::int AS n FROM products p CROSS JOIN channels c WHERE ${sel.where}`
      : `SELECT count(*)::int AS n FROM products p WHERE ${sel.where}`,
    sel.params,
  )) as [{ n: number }];
  const total = pairs ? n : n * input.channelIds.length;
  if (total === 0) return { ok: false, code: "EMPTY_SELECTION", message: "no products match the selection" };
  const limit = input.maxItems ?? MAX_BATCH_ITEMS;
  if (total > limit) {
    return {
      ok: false,
      code: "BATCH_TOO_LARGE",
      message: `the batch would have ${total} items (${n} products × ${input.channelIds.length} channels); the limit is ${limit}: narrow the selection or split it`,
    };
  }
  const platforms: { platform: string }[] = await em.query(
    "SELECT DISTINCT platform FROM channels WHERE id = ANY($1::bigint[]) ORDER BY platform",
    [input.channelIds],
  );
  const [batchRow] = (await em.query(
    `INSERT INTO sync_batches (id, status, kind, platforms, force, total, queued, running, succeeded, failed, skipped, dead_lettered, cancelled, seq,
                               requested_by, label, scope, created_at)
     VALUES (gen_random_uuid(), 'QUEUED', $7, $1::text[], $2, $3, $3, 0, 0, 0, 0, 0, 0, 0, $4, $5, $6::jsonb, now())
     RETURNING id::text, status, kind, retry_of::text, rollback_of::text, platforms, force, total, queued, running, succeeded, failed, skipped, dead_lettered, cancelled, seq, created_at, started_at, finished_at`,
    [
      platforms.map((p) => p.platform),
      input.force,
      total,
      input.requestedBy ?? null,
      input.label ?? null,
      JSON.stringify(scopeOf(input.selection, n)),
      input.kind ?? "SYNC",
    ],
  )) as Record<string, unknown>[];
  const batch = toCounters(batchRow!);
  const items: { id: string; channel_id: string }[] = await em.query(
    `INSERT INTO sync_items (batch_id, product_id, channel_id, status, attempts, updated_at)
     SELECT $${sel.params.length + 1}::uuid, p.id, c.id, 'QUEUED', 0, now()
     FROM products p CROSS JOIN channels c
     WHERE ${sel.where} AND c.id = ANY($${sel.params.length + 2}::bigint[])
     ORDER BY p.id, c.id
     RETURNING id::text, channel_id::text`,
    [...sel.params, batch.id, input.channelIds],
  );
  const channels = await insertBatchChannels(em, batch.id);
  return {
    ok: true,
    batch: { ...batch, channels },
    items: items.map((i) => ({
      itemId: i.id,
      channelId: i.channel_id,
      jobId: defaultJobId(i.id, batch.id),
    })),
  };
}

/** The (product, channel) pairs of a batch's items on these channels; empty for an unknown batch. */
export async function batchItemPairs(
  em: EntityManager,
  batchId: string,
  channelIds: readonly string[],
): Promise<{ productId: string; channelId: string }[]> {
  const rows: { product_id: string; channel_id: string }[] = await em.query(
    `SELECT DISTINCT product_id::text, channel_id::text FROM sync_items
     WHERE batch_id = $1::uuid AND channel_id = ANY($2::bigint[])`,
    [batchId, channelIds],
  );
  return rows.map((r) => ({ productId: r.product_id, channelId: r.channel_id }));
}

/** Which of these product ids do not exist. */
export async function unknownProductIds(em: EntityManager, ids: readonly string[]): Promise<string[]> {
  const numeric = ids.filter((id) => /^\d{1,18}$/.test(id));
  const found: { id: string }[] = await em.query(
    "SELECT id::text FROM products WHERE id = ANY($1::bigint[])",
    [numeric],
  );
  const known = new Set(found.map((f) => f.id));
  return ids.filter((id) => !known.has(id));
}

export type CancelResult =
  | { ok: true; batch: BatchCountersRow; events: LedgerEvent[]; jobs: { channelId: string; jobId: string }[] }
  | { ok: false; code: "NOT_FOUND" | "ALREADY_FINISHED"; message: string };

/** Stops queued and failed-awaiting-retry items; running ones finish. The batch ends CANCELLED. */
export async function cancelBatch(em: EntityManager, batchId: string): Promise<CancelResult> {
  const rows: { status: BatchStatus }[] = await em.query(
    "SELECT status FROM sync_batches WHERE id = $1::uuid FOR UPDATE",
    [batchId],
  );
  if (rows.length === 0) return { ok: false, code: "NOT_FOUND", message: `no batch ${batchId}` };
  if (FINAL_BATCH_STATUSES.includes(rows[0]!.status)) {
    return { ok: false, code: "ALREADY_FINISHED", message: `batch ${batchId} is already ${rows[0]!.status}` };
  }
  await em.query("UPDATE sync_batches SET status = 'CANCELLED' WHERE id = $1::uuid", [batchId]);
  const open: { id: string; channel_id: string; job_id: string }[] = await em.query(
    `SELECT id::text, channel_id::text, ${jobIdSql("sync_items")} AS job_id FROM sync_items
     WHERE batch_id = $1::uuid AND status IN ('QUEUED', 'FAILED') ORDER BY id`,
    [batchId],
  );
  const events = await applyTransitions(
    em,
    open.map((o) => ({ itemId: o.id, to: "CANCELLED" as const, lockedUntil: null })),
  );
  const batch = await loadBatchCounters(em, batchId);
  return {
    ok: true,
    batch: batch!,
    events,
    jobs: open.map((o) => ({ channelId: o.channel_id, jobId: o.job_id })),
  };
}

export async function loadBatchCounters(
  em: EntityManager,
  batchId: string,
): Promise<BatchCountersRow | null> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT id::text, status, kind, retry_of::text, rollback_of::text, platforms, force, total, queued, running, succeeded, failed, skipped, dead_lettered, cancelled, seq,
            created_at, started_at, finished_at, ${CHANNELS_JSON_SQL}
     FROM sync_batches b WHERE id = $1::uuid`,
    [batchId],
  );
  return rows[0] ? toCounters(rows[0]) : null;
}

export interface RetryDeadLettersOptions {
  /** Also retry every other open dead letter of the same products (all their failed channels). */
  wholeProducts?: boolean;
  requestedBy?: string | null;
  /**
   * The worker retries on its own (its channel is healthy again): the batch is attributed to
   * AUTO_RETRY_REQUESTER and each dead letter counts one more automatic retry.
   */
  automatic?: boolean;
}

export type RetryDeadLettersResult =
  | {
      ok: true;
      /** The new batch (kind SYNC) holding one item per retried dead letter. */
      batch: BatchCountersRow;
      items: { itemId: string; channelId: string; jobId: string }[];
      retried: { deadLetterId: string; itemId: string; retriedItemId: string }[];
      missing: string[];
    }
  | { ok: false; missing: string[] };

/**
 * Retries dead letters as a new batch: one fresh item per dead letter, each pointing at the item it
 * retries, the batch at the batch they came from when that is a single one. The dead letters'
 * batches are left exactly as they finished. Ids that are unknown or already resolved come back in
 * `missing`; with none left, nothing is written.
 */
export async function retryDeadLetters(
  em: EntityManager,
  deadLetterIds: readonly string[],
  opts: RetryDeadLettersOptions = {},
): Promise<RetryDeadLettersResult> {
  const numeric = deadLetterIds.filter((id) => /^\d{1,18}$/.test(id));
  const sameProducts = opts.wholeProducts
    ? `OR (d.resolved_at IS NULL AND d.product_id IN (SELECT product_id FROM dead_letters WHERE id = ANY($1::bigint[]) AND resolved_at IS NULL))`
    : "";
  const rows = await rowsOf<{
    id: string;
    item_id: string;
    batch_id: string;
    product_id: string;
    channel_id: string;
    force: boolean;
  }>(
    em,
    `SELECT d.id::text, d.item_id::text, d.batch_id::text, d.product_id::text, d.channel_id::text, b.force
     FROM dead_letters d JOIN sync_batches b ON b.id = d.batch_id
     WHERE (d.id = ANY($1::bigint[]) AND d.resolved_at IS NULL) ${sameProducts}
     ORDER BY d.product_id, d.channel_id FOR UPDATE OF d`,
    [numeric],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = deadLetterIds.filter((id) => !found.has(id));
  if (rows.length === 0) return { ok: false, missing };
  const origins = [...new Set(rows.map((r) => r.batch_id))];
  const channelIds = [...new Set(rows.map((r) => r.channel_id))];
  const platforms: { platform: string }[] = await em.query(
    "SELECT DISTINCT platform FROM channels WHERE id = ANY($1::bigint[]) ORDER BY platform",
    [channelIds],
  );
  const [batchRow] = await rowsOf<Record<string, unknown>>(
    em,
    `INSERT INTO sync_batches (id, status, kind, retry_of, platforms, force, total, queued, running, succeeded, failed, skipped,
                               dead_lettered, cancelled, seq, requested_by, scope, created_at)
     VALUES (gen_random_uuid(), 'QUEUED', 'SYNC', $1::uuid, $2::text[], $3, $4, $4, 0, 0, 0, 0, 0, 0, 0, $5, $6::jsonb, now())
     RETURNING id::text, status, kind, retry_of::text, rollback_of::text, platforms, force, total, queued, running, succeeded, failed, skipped,
               dead_lettered, cancelled, seq, created_at, started_at, finished_at`,
    [
      origins.length === 1 ? origins[0] : null,
      platforms.map((p) => p.platform),
      rows.some((r) => r.force),
      rows.length,
      opts.automatic ? AUTO_RETRY_REQUESTER : (opts.requestedBy ?? null),
      JSON.stringify({
        kind: "DEAD_LETTERS",
        products: new Set(rows.map((r) => r.product_id)).size,
      } satisfies BatchScopeRecord),
    ],
  );
  const batch = toCounters(batchRow!);
  const items = await rowsOf<{
    id: string;
    channel_id: string;
    retry_of_item_id: string;
  }>(
    em,
    // A retried rollback item restores what the item it retries was restoring, not the master.
    `INSERT INTO sync_items (batch_id, product_id, channel_id, status, attempts, retry_of_item_id, restore_item_id, updated_at)
     SELECT $1::uuid, v.product_id, v.channel_id, 'QUEUED', 0, v.item_id, o.restore_item_id, now()
     FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS v(product_id, channel_id, item_id)
     JOIN sync_items o ON o.id = v.item_id
     ORDER BY v.product_id, v.channel_id
     RETURNING id::text, channel_id::text, retry_of_item_id::text`,
    [batch.id, rows.map((r) => r.product_id), rows.map((r) => r.channel_id), rows.map((r) => r.item_id)],
  );
  const channels = await insertBatchChannels(em, batch.id);
  await em.query(
    `UPDATE dead_letters SET resolved_at = now(), resolution = 'RETRIED',
       auto_retries = auto_retries + CASE WHEN $2 THEN 1 ELSE 0 END
     WHERE id = ANY($1::bigint[])`,
    [rows.map((r) => r.id), opts.automatic === true],
  );
  const newItemOf = new Map(items.map((i) => [i.retry_of_item_id, i.id]));
  return {
    ok: true,
    batch: { ...batch, channels },
    items: items.map((i) => ({
      itemId: i.id,
      channelId: i.channel_id,
      jobId: defaultJobId(i.id, batch.id),
    })),
    retried: rows.map((r) => ({
      deadLetterId: r.id,
      itemId: r.item_id,
      retriedItemId: newItemOf.get(r.item_id)!,
    })),
    missing,
  };
}

/** Marks dead letters as handled without retrying; the items stay DEAD_LETTERED. */
export async function discardDeadLetters(
  em: EntityManager,
  deadLetterIds: readonly string[],
): Promise<{ discarded: string[]; missing: string[] }> {
  const numeric = deadLetterIds.filter((id) => /^\d{1,18}$/.test(id));
  const rows = await rowsOf<{ id: string }>(
    em,
    `UPDATE dead_letters SET resolved_at = now(), resolution = 'DISCARDED'
     WHERE id = ANY($1::bigint[]) AND resolved_at IS NULL RETURNING id::text`,
    [numeric],
  );
  const done = new Set(rows.map((r) => r.id));
  return { discarded: [...done], missing: deadLetterIds.filter((id) => !done.has(id)) };
}

/** A new batch's per-channel counters, every item queued: written once its items are. */
export async function insertBatchChannels(em: EntityManager, batchId: string): Promise<ChannelCountersRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    em,
    `INSERT INTO sync_batch_channels (batch_id, channel_id, platform, total, queued)
     SELECT $1::uuid, i.channel_id, c.platform, count(*), count(*)
     FROM sync_items i JOIN channels c ON c.id = i.channel_id WHERE i.batch_id = $1::uuid
     GROUP BY i.channel_id, c.platform ORDER BY i.channel_id
     RETURNING ${CHANNEL_COLUMNS}`,
    [batchId],
  );
  return rows.map(toChannelCounters);
}
