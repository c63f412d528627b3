import type { EntityManager } from "typeorm";
import { defaultJobId, insertBatchChannels } from "./batches";
import { toCounters, type BatchCountersRow } from "./apply";
import { rowsOf } from "./sql";
import { FINAL_BATCH_STATUSES, type BatchStatus } from "./statuses";

/** What to do with listings a later batch changed after the one rolled back. */
export type LaterChangesPolicy = "REFUSE" | "SKIP" | "FORCE";

export type RollbackAction = "RESTORE" | "DELIST";

/** One listing the batch changed, and what rolling it back does. */
export interface RollbackPlanItem {
  /** The batch's item, whose before-state is restored. */
  itemId: string;
  productId: string;
  channelId: string;
  platform: string;
  sku: string | null;
  productTitle: string | null;
  action: RollbackAction;
  /** The batch that wrote the listing after this one, when one did. */
  laterBatchId: string | null;
  /** Whether the whole before-state was recorded (listings written before rollback data existed hold price and title only). */
  recorded: boolean;
  currentPrice: string | null;
  currentTitle: string | null;
  restorePrice: string | null;
  restoreTitle: string | null;
}

export type RollbackPlan =
  | {
      ok: true;
      batchId: string;
      platforms: string[];
      /** The items the rollback holds, under the policy. */
      items: RollbackPlanItem[];
      /** Listings a later batch changed (left out when the policy is SKIP). */
      later: number;
    }
  | {
      ok: false;
      code: "NOT_FOUND" | "BATCH_RUNNING" | "LATER_CHANGES" | "ROLLBACK_RUNNING";
      message: string;
      later?: number;
    };

interface PlanRow {
  item_id: string;
  product_id: string;
  channel_id: string;
  platform: string;
  sku: string | null;
  product_title: string | null;
  before_state: {
    status?: string;
    externalId?: string | null;
    price?: string | null;
    title?: string | null;
    lastPayload?: unknown;
  } | null;
  listing_price: string | null;
  listing_title: string | null;
  last_write_batch_id: string | null;
}

/**
 * The listings a batch changed: its items that wrote (SUCCEEDED), or left a write of theirs behind
 * (a listing created or last written by the batch, whatever the item ended as), each with the
 * before-state recorded at its first claim. Reads only; the caller's transaction holds the batch row.
 */
export async function planRollback(
  em: EntityManager,
  batchId: string,
  policy: LaterChangesPolicy,
): Promise<RollbackPlan> {
  const batches = await rowsOf<{ status: BatchStatus }>(
    em,
    "SELECT status FROM sync_batches WHERE id = $1::uuid FOR UPDATE",
    [batchId],
  );
  if (batches.length === 0) return { ok: false, code: "NOT_FOUND", message: `no batch ${batchId}` };
  if (!FINAL_BATCH_STATUSES.includes(batches[0]!.status))
    return {
      ok: false,
      code: "BATCH_RUNNING",
      message: `batch ${batchId} is still ${batches[0]!.status}: roll it back once it has finished (or cancel it first)`,
    };
  // Two rollbacks of one batch at once would both restore and then fight over the listings.
  const open = await rowsOf<{ id: string }>(
    em,
    `SELECT id::text FROM sync_batches WHERE rollback_of = $1::uuid AND status IN ('QUEUED', 'RUNNING') LIMIT 1`,
    [batchId],
  );
  if (open.length > 0)
    return {
      ok: false,
      code: "ROLLBACK_RUNNING",
      message: `rollback ${open[0]!.id} of batch ${batchId} is still running`,
    };
  const rows = await rowsOf<PlanRow>(
    em,
    `SELECT i.id::text AS item_id, i.product_id::text, i.channel_id::text, c.platform, p.sku, p.title AS product_title,
            i.before_state, l.price::text AS listing_price, l.title AS listing_title, l.last_write_batch_id::text
     FROM sync_items i
     JOIN listings l ON l.product_id = i.product_id AND l.channel_id = i.channel_id
     JOIN channels c ON c.id = i.channel_id
     LEFT JOIN products p ON p.id = i.product_id
     WHERE i.batch_id = $1::uuid AND i.before_state IS NOT NULL
       AND (i.status = 'SUCCEEDED' OR l.created_by_batch_id = $1::uuid OR l.last_write_batch_id = $1::uuid)
     ORDER BY i.id`,
    [batchId],
  );
  const all = rows.map((r): RollbackPlanItem => {
    const before = r.before_state ?? { status: "NOT_LISTED" };
    const existed = Boolean(before.externalId) && before.status !== "NOT_LISTED";
    return {
      itemId: r.item_id,
      productId: r.product_id,
      channelId: r.channel_id,
      platform: r.platform,
      sku: r.sku,
      productTitle: r.product_title,
      action: existed ? "RESTORE" : "DELIST",
      laterBatchId:
        r.last_write_batch_id !== null && r.last_write_batch_id !== batchId ? r.last_write_batch_id : null,
      recorded: !existed || (before.lastPayload !== undefined && before.lastPayload !== null),
      currentPrice: r.listing_price,
      currentTitle: r.listing_title,
      restorePrice: existed ? (before.price ?? null) : null,
      restoreTitle: existed ? (before.title ?? null) : null,
    };
  });
  const later = all.filter((i) => i.laterBatchId !== null).length;
  if (later > 0 && policy === "REFUSE")
    return {
      ok: false,
      code: "LATER_CHANGES",
      later,
      message: `${later} listing(s) were changed by a later batch; roll back anyway with onLaterChanges SKIP (leave those as they are) or FORCE (restore them too)`,
    };
  const items = policy === "SKIP" ? all.filter((i) => i.laterBatchId === null) : all;
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  return { ok: true, batchId, platforms, items, later };
}

export interface RollbackBatchResult {
  batch: BatchCountersRow;
  items: { itemId: string; channelId: string; jobId: string }[];
}

/**
 * Writes the ROLLBACK batch of a plan in the caller's transaction: one item per listing, each naming
 * the item whose before-state it restores. A batch that changed nothing gives an empty batch that is
 * complete at once, so "nothing to undo" reads like any finished batch.
 */
export async function createRollbackBatch(
  em: EntityManager,
  plan: Extract<RollbackPlan, { ok: true }>,
  requestedBy: string | null,
): Promise<RollbackBatchResult> {
  const total = plan.items.length;
  const [batchRow] = await rowsOf<Record<string, unknown>>(
    em,
    `INSERT INTO sync_batches (id, status, kind, rollback_of, platforms, force, total, queued, running, succeeded, failed, skipped,
                               dead_lettered, cancelled, seq, requested_by, created_at, started_at, finished_at)
     VALUES (gen_random_uuid(), CASE WHEN $3 = 0 THEN 'COMPLETED' ELSE 'QUEUED' END, 'ROLLBACK', $1::uuid, $2::text[], false,
             $3, $3, 0, 0, 0, 0, 0, 0, 0, $4, now(), CASE WHEN $3 = 0 THEN now() END, CASE WHEN $3 = 0 THEN now() END)
     RETURNING id::text, status, kind, retry_of::text, rollback_of::text, platforms, force, total, queued, running, succeeded, failed,
               skipped, dead_lettered, cancelled, seq, created_at, started_at, finished_at`,
    [plan.batchId, plan.platforms, total, requestedBy],
  );
  const batch = toCounters(batchRow!);
  const items = await rowsOf<{ id: string; channel_id: string }>(
    em,
    `INSERT INTO sync_items (batch_id, product_id, channel_id, status, attempts, restore_item_id, updated_at)
     SELECT $1::uuid, o.product_id, o.channel_id, 'QUEUED', 0, o.id, now()
     FROM sync_items o WHERE o.id = ANY($2::bigint[])
     ORDER BY o.product_id, o.channel_id
     RETURNING id::text, channel_id::text`,
    [batch.id, plan.items.map((i) => i.itemId)],
  );
  const channels = await insertBatchChannels(em, batch.id);
  return {
    batch: { ...batch, channels },
    items: items.map((i) => ({ itemId: i.id, channelId: i.channel_id, jobId: defaultJobId(i.id, batch.id) })),
  };
}
