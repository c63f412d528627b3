import type { EntityManager } from "typeorm";
import type { BatchKind, StatusCounters } from "@syncstore/core";
import { rowsOf } from "./sql";
import {
  COUNTER_COLUMN,
  FINAL_ITEM_STATUSES,
  ITEM_STATUSES,
  type BatchStatus,
  type ItemStatus,
} from "./statuses";
import { allowedTransitionSql } from "./transitions";

/** One requested change of one sync item. Fields left undefined keep their stored value. */
export interface ItemTransition {
  itemId: string;
  to: ItemStatus;
  attempts?: number;
  errorClass?: string | null;
  errorMessage?: string | null;
  errorField?: string | null;
  lockedUntil?: Date | null;
  /** The listing before this item touched it; stored once (the first claim), for rollback. */
  beforeState?: unknown;
}

export interface AppliedTransition {
  itemId: string;
  batchId: string;
  productId: string;
  channelId: string;
  sku: string;
  platform: string;
  from: ItemStatus;
  to: ItemStatus;
  attempts: number;
  errorClass: string | null;
  errorMessage: string | null;
  errorField: string | null;
}

/** One channel's share of a batch: the same counters, over that channel's items only. */
export interface ChannelCountersRow extends StatusCounters {
  channelId: string;
  platform: string;
}

export interface BatchCountersRow extends StatusCounters {
  id: string;
  status: BatchStatus;
  kind: BatchKind;
  /** The batch whose dead letters this one retries. */
  retryOf: string | null;
  /** The batch a ROLLBACK batch undoes. */
  rollbackOf: string | null;
  platforms: string[];
  force: boolean;
  seq: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Per channel, in channel id order; they add up to the batch's counters. */
  channels: ChannelCountersRow[];
}

/** An applied transition with the batch exactly as it stood right after it: one progress event. */
export interface LedgerEvent {
  seq: number;
  transition: AppliedTransition;
  batch: BatchCountersRow;
}

const COUNTERS = ITEM_STATUSES.map((s) => COUNTER_COLUMN[s]);
const FINAL_SQL = `(${FINAL_ITEM_STATUSES.map((s) => `'${s}'`).join(",")})`;

/**
 * Applies item transitions and moves their batches' counters, status and progress sequence, all in
 * the caller's transaction. Illegal transitions (a late write after a final state) are dropped, so
 * counters always equal the items' statuses. Returns one event per applied transition, in order,
 * each with the batch counters as they were right after it.
 */
export async function applyTransitions(
  em: EntityManager,
  transitions: readonly ItemTransition[],
): Promise<LedgerEvent[]> {
  if (transitions.length === 0) return [];
  await lockBatchesOf(
    em,
    transitions.map((t) => t.itemId),
  );
  const applied: AppliedTransition[] = [];
  // One UPDATE cannot change a row twice: split repeated items into successive rounds, in order.
  for (const round of rounds(transitions)) applied.push(...(await updateItems(em, round)));
  if (applied.length === 0) return [];
  return updateBatches(em, applied);
}

/**
 * Locks the batch rows of these items, in id order. Everything that changes items takes its batches
 * first and its items after: the worker's group commit, a cancel and a dead-letter retry meeting on
 * one batch then wait for each other in turn, where items-then-batch against batch-then-items
 * deadlocked (and PostgreSQL aborted one of them).
 */
export async function lockBatchesOf(em: EntityManager, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await em.query(
    `SELECT b.id FROM sync_batches b
     WHERE b.id IN (SELECT DISTINCT i.batch_id FROM sync_items i WHERE i.id = ANY($1::bigint[]))
     ORDER BY b.id FOR UPDATE OF b`,
    [itemIds],
  );
}

function rounds(transitions: readonly ItemTransition[]): ItemTransition[][] {
  const out: ItemTransition[][] = [];
  const seen = new Map<string, number>();
  for (const t of transitions) {
    const n = seen.get(t.itemId) ?? 0;
    seen.set(t.itemId, n + 1);
    (out[n] ??= []).push(t);
  }
  return out;
}

interface ItemRow {
  id: string;
  batch_id: string;
  product_id: string;
  channel_id: string;
  sku: string;
  platform: string;
  status: ItemStatus;
  from_status: ItemStatus;
  attempts: number;
  error_class: string | null;
  error_message: string | null;
  error_field: string | null;
}

async function updateItems(em: EntityManager, ts: ItemTransition[]): Promise<AppliedTransition[]> {
  const keep = (v: unknown) => v === undefined;
  const rows = await rowsOf<ItemRow & { ord: number }>(
    em,
    `WITH v AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::bool[],
                            $9::timestamptz[], $10::bool[], $11::jsonb[], $12::int[])
         AS v(id, status, attempts, keep_error, error_class, error_message, error_field, keep_lock, locked_until, has_before, before_state, ord)
     ),
     cur AS (
       SELECT i.id, i.status AS from_status FROM sync_items i JOIN v ON v.id = i.id ORDER BY i.id FOR UPDATE OF i
     )
     UPDATE sync_items i SET
       status = v.status,
       attempts = COALESCE(v.attempts, i.attempts),
       error_class = CASE WHEN v.keep_error THEN i.error_class ELSE v.error_class END,
       error_message = CASE WHEN v.keep_error THEN i.error_message ELSE v.error_message END,
       error_field = CASE WHEN v.keep_error THEN i.error_field ELSE v.error_field END,
       locked_until = CASE WHEN v.keep_lock THEN i.locked_until ELSE v.locked_until END,
       before_state = CASE WHEN v.has_before AND i.before_state IS NULL THEN v.before_state ELSE i.before_state END,
       started_at = CASE WHEN v.status = 'RUNNING' THEN COALESCE(i.started_at, now()) ELSE i.started_at END,
       finished_at = CASE WHEN v.status IN ${FINAL_SQL} THEN now() ELSE NULL END,
       updated_at = now()
     FROM v JOIN cur ON cur.id = v.id
     WHERE i.id = v.id AND ${allowedTransitionSql("cur.from_status", "v.status")}
     RETURNING i.id::text, i.batch_id::text, i.product_id::text, i.channel_id::text, i.status, cur.from_status,
               (SELECT p.sku FROM products p WHERE p.id = i.product_id) AS sku,
               (SELECT c.platform FROM channels c WHERE c.id = i.channel_id) AS platform,
               i.attempts, i.error_class, i.error_message, i.error_field, v.ord`,
    [
      ts.map((t) => t.itemId),
      ts.map((t) => t.to),
      ts.map((t) => t.attempts ?? null),
      ts.map((t) => keep(t.errorClass) && keep(t.errorMessage) && keep(t.errorField)),
      ts.map((t) => t.errorClass ?? null),
      ts.map((t) => t.errorMessage ?? null),
      ts.map((t) => t.errorField ?? null),
      ts.map((t) => keep(t.lockedUntil)),
      ts.map((t) => t.lockedUntil ?? null),
      ts.map((t) => t.beforeState !== undefined),
      ts.map((t) => (t.beforeState === undefined ? null : JSON.stringify(t.beforeState))),
      ts.map((_, i) => i),
    ],
  );
  // Keep the caller's order: events must come out in the order things happened.
  return rows
    .sort((a, b) => a.ord - b.ord)
    .map((r) => ({
      itemId: r.id,
      batchId: r.batch_id,
      productId: r.product_id,
      channelId: r.channel_id,
      sku: r.sku,
      platform: r.platform,
      from: r.from_status,
      to: r.status,
      attempts: r.attempts,
      errorClass: r.error_class,
      errorMessage: r.error_message,
      errorField: r.error_field,
    }));
}

type Delta = Record<string, number>;

async function updateBatches(em: EntityManager, applied: AppliedTransition[]): Promise<LedgerEvent[]> {
  const perBatch = new Map<string, { delta: Delta; events: number }>();
  for (const t of applied) {
    const b = perBatch.get(t.batchId) ?? {
      delta: Object.fromEntries(COUNTERS.map((c) => [c, 0])),
      events: 0,
    };
    b.delta[COUNTER_COLUMN[t.from]]!--;
    b.delta[COUNTER_COLUMN[t.to]]!++;
    b.events++;
    perBatch.set(t.batchId, b);
  }
  // Lock batches in id order so concurrent flushes from several workers cannot deadlock.
  const ids = [...perBatch.keys()].sort();
  const col = (c: string) => ids.map((id) => perBatch.get(id)!.delta[c]!);
  const rows = await rowsOf<Record<string, unknown>>(
    em,
    `WITH d AS (
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
         AS d(id, queued, running, succeeded, skipped, failed, dead_lettered, cancelled, events)
     ),
     locked AS (SELECT b.id FROM sync_batches b JOIN d ON d.id = b.id ORDER BY b.id FOR UPDATE OF b),
     n AS (
       SELECT b.id,
              b.queued + d.queued AS queued, b.running + d.running AS running, b.succeeded + d.succeeded AS succeeded,
              b.skipped + d.skipped AS skipped, b.failed + d.failed AS failed, b.dead_lettered + d.dead_lettered AS dead_lettered,
              b.cancelled + d.cancelled AS cancelled, b.seq + d.events AS seq, b.status AS old_status, d.running AS running_delta
       FROM sync_batches b JOIN d ON d.id = b.id JOIN locked l ON l.id = b.id
     )
     UPDATE sync_batches b SET
       queued = n.queued, running = n.running, succeeded = n.succeeded, skipped = n.skipped, failed = n.failed,
       dead_lettered = n.dead_lettered, cancelled = n.cancelled, seq = n.seq,
       status = CASE
         WHEN n.queued + n.running + n.failed = 0 AND n.old_status = 'CANCELLED' THEN 'CANCELLED'
         WHEN n.queued + n.running + n.failed = 0 AND n.dead_lettered > 0 THEN 'COMPLETED_WITH_ERRORS'
         WHEN n.queued + n.running + n.failed = 0 THEN 'COMPLETED'
         WHEN n.old_status = 'CANCELLED' THEN 'CANCELLED'
         WHEN n.running > 0 OR n.succeeded + n.skipped + n.dead_lettered + n.failed > 0 THEN 'RUNNING'
         ELSE n.old_status END,
       started_at = CASE WHEN n.running > 0 THEN COALESCE(b.started_at, now()) ELSE b.started_at END,
       finished_at = CASE WHEN n.queued + n.running + n.failed = 0 THEN COALESCE(b.finished_at, now()) ELSE NULL END
     FROM n WHERE b.id = n.id
     RETURNING b.id::text, b.status, b.kind, b.retry_of::text, b.rollback_of::text, b.platforms, b.force, b.total, b.queued, b.running, b.succeeded, b.failed, b.skipped, b.dead_lettered,
               b.cancelled, b.seq, b.created_at, b.started_at, b.finished_at`,
    [
      ids,
      col("queued"),
      col("running"),
      col("succeeded"),
      col("skipped"),
      col("failed"),
      col("dead_lettered"),
      col("cancelled"),
      ids.map((id) => perBatch.get(id)!.events),
    ],
  );
  // After the batch rows, never before: every writer locks a batch before its channel rows.
  const channels = await updateChannelCounters(em, applied);
  const after = new Map(
    rows.map((r) => [String(r.id), { ...toCounters(r), channels: channels.get(String(r.id)) ?? [] }]),
  );

  // Walk backwards from each batch's final state, undoing one transition at a time, to give every
  // event the counters as they stood right after it.
  const events: LedgerEvent[] = new Array(applied.length);
  const running = new Map(
    [...after].map(([id, c]) => [id, { ...c, channels: c.channels.map((ch) => ({ ...ch })) }]),
  );
  for (let i = applied.length - 1; i >= 0; i--) {
    const t = applied[i]!;
    const state = running.get(t.batchId)!;
    events[i] = {
      seq: state.seq,
      transition: t,
      batch: withDerivedStatus(
        { ...state, channels: state.channels.map((ch) => ({ ...ch })) },
        after.get(t.batchId)!,
      ),
    };
    const back = state as unknown as Record<string, number>;
    back[camel(COUNTER_COLUMN[t.to])]!--;
    back[camel(COUNTER_COLUMN[t.from])]!++;
    state.seq--;
    const channel = state.channels.find((ch) => ch.channelId === t.channelId);
    if (channel) {
      const ch = channel as unknown as Record<string, number>;
      ch[camel(COUNTER_COLUMN[t.to])]!--;
      ch[camel(COUNTER_COLUMN[t.from])]!++;
    }
  }
  return events;
}

/** Moves the per-channel counters of every batch touched; returns each batch's channels after. */
async function updateChannelCounters(
  em: EntityManager,
  applied: readonly AppliedTransition[],
): Promise<Map<string, ChannelCountersRow[]>> {
  const perChannel = new Map<string, { batchId: string; channelId: string; delta: Delta }>();
  for (const t of applied) {
    const key = `${t.batchId}:${t.channelId}`;
    const c = perChannel.get(key) ?? {
      batchId: t.batchId,
      channelId: t.channelId,
      delta: Object.fromEntries(COUNTERS.map((col) => [col, 0])),
    };
    c.delta[COUNTER_COLUMN[t.from]]!--;
    c.delta[COUNTER_COLUMN[t.to]]!++;
    perChannel.set(key, c);
  }
  const list = [...perChannel.values()].sort((a, b) =>
    a.batchId === b.batchId ? Number(a.channelId) - Number(b.channelId) : a.batchId < b.batchId ? -1 : 1,
  );
  const col = (c: string) => list.map((x) => x.delta[c]!);
  await em.query(
    `WITH d AS (
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
         AS d(batch_id, channel_id, queued, running, succeeded, skipped, failed, dead_lettered, cancelled)
     ),
     locked AS (
       SELECT s.batch_id, s.channel_id FROM sync_batch_channels s JOIN d USING (batch_id, channel_id)
       ORDER BY s.batch_id, s.channel_id FOR UPDATE OF s
     )
     UPDATE sync_batch_channels s SET
       queued = s.queued + d.queued, running = s.running + d.running, succeeded = s.succeeded + d.succeeded,
       skipped = s.skipped + d.skipped, failed = s.failed + d.failed, dead_lettered = s.dead_lettered + d.dead_lettered,
       cancelled = s.cancelled + d.cancelled
     FROM d JOIN locked l USING (batch_id, channel_id)
     WHERE s.batch_id = d.batch_id AND s.channel_id = d.channel_id`,
    [
      list.map((x) => x.batchId),
      list.map((x) => x.channelId),
      col("queued"),
      col("running"),
      col("succeeded"),
      col("skipped"),
      col("failed"),
      col("dead_lettered"),
      col("cancelled"),
    ],
  );
  const rows = await rowsOf<Record<string, unknown>>(
    em,
    `SELECT batch_id::text, ${CHANNEL_COLUMNS} FROM sync_batch_channels
     WHERE batch_id = ANY($1::uuid[]) ORDER BY batch_id, channel_id`,
    [[...new Set(list.map((x) => x.batchId))]],
  );
  const out = new Map<string, ChannelCountersRow[]>();
  for (const r of rows) {
    const id = String(r.batch_id);
    out.set(id, [...(out.get(id) ?? []), toChannelCounters(r)]);
  }
  return out;
}

/** The columns of one sync_batch_channels row, as toChannelCounters reads them. */
export const CHANNEL_COLUMNS =
  "channel_id::text, platform, total, queued, running, succeeded, failed, skipped, dead_lettered, cancelled";

/**
 * A batch's channels as one JSON column of a batch query (over the alias `b`), so reading a batch
 * stays one statement.
 */
export const CHANNELS_JSON_SQL = `(SELECT COALESCE(jsonb_agg(jsonb_build_object(
    'channel_id', s.channel_id::text, 'platform', s.platform, 'total', s.total, 'queued', s.queued,
    'running', s.running, 'succeeded', s.succeeded, 'failed', s.failed, 'skipped', s.skipped,
    'dead_lettered', s.dead_lettered, 'cancelled', s.cancelled) ORDER BY s.channel_id), '[]'::jsonb)
  FROM sync_batch_channels s WHERE s.batch_id = b.id) AS channels`;

/** The status counters of a sync_batches or sync_batch_channels row: the same columns in both. */
function toStatusCounters(r: Record<string, unknown>): StatusCounters {
  return {
    total: Number(r.total),
    queued: Number(r.queued),
    running: Number(r.running),
    succeeded: Number(r.succeeded),
    failed: Number(r.failed),
    skipped: Number(r.skipped),
    deadLettered: Number(r.dead_lettered),
    cancelled: Number(r.cancelled),
  };
}

export function toChannelCounters(r: Record<string, unknown>): ChannelCountersRow {
  return {
    channelId: String(r.channel_id),
    platform: String(r.platform),
    ...toStatusCounters(r),
  };
}

/** The status a batch had at an intermediate point of a flush, from its counters then. */
function withDerivedStatus(state: BatchCountersRow, final: BatchCountersRow): BatchCountersRow {
  const open = state.queued + state.running + state.failed > 0;
  if (!open) return { ...state };
  const status: BatchStatus = final.status === "CANCELLED" ? "CANCELLED" : "RUNNING";
  return { ...state, status, finishedAt: null };
}

function camel(column: string): string {
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

export function toCounters(r: Record<string, unknown>): BatchCountersRow {
  return {
    id: String(r.id),
    status: r.status as BatchStatus,
    kind: (r.kind as BatchKind | undefined) ?? "SYNC",
    retryOf: (r.retry_of as string | null | undefined) ?? null,
    rollbackOf: (r.rollback_of as string | null | undefined) ?? null,
    platforms: (r.platforms as string[] | null) ?? [],
    force: Boolean(r.force),
    ...toStatusCounters(r),
    seq: Number(r.seq),
    createdAt: r.created_at as Date,
    startedAt: (r.started_at as Date | null) ?? null,
    finishedAt: (r.finished_at as Date | null) ?? null,
    channels: Array.isArray(r.channels)
      ? (r.channels as Record<string, unknown>[]).map(toChannelCounters)
      : [],
  };
}
