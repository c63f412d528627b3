import type { BatchCountersRow } from "@syncstore/db";
import type { SyncBatch } from "../graphql/types/sync";
import type { BatchKind, BatchStatus } from "../graphql/types/sync";
import type { Platform } from "../graphql/types/enums";

type Counts = Pick<BatchCountersRow, "total" | "succeeded" | "skipped" | "deadLettered" | "cancelled">;

const finished = (c: Counts) => c.succeeded + c.skipped + c.deadLettered + c.cancelled;

/** Finished over total, one decimal; an empty set is done. */
function percentOf(c: Counts): number {
  return c.total === 0 ? 100 : Math.min(100, Math.max(0, Math.round((finished(c) / c.total) * 1000) / 10));
}

/** Percent, throughput and time left derived from a batch's counters. */
export function batchView(row: BatchCountersRow, now = Date.now()): SyncBatch {
  const done = finished(row);
  const percent = percentOf(row);
  const end = row.finishedAt?.getTime() ?? now;
  const elapsed = row.startedAt ? (end - row.startedAt.getTime()) / 1000 : null;
  const throughput = elapsed && elapsed > 0 ? Math.round((done / elapsed) * 10) / 10 : null;
  const remaining = row.total - done;
  const etaSeconds = row.finishedAt
    ? 0
    : throughput && throughput > 0
      ? Math.ceil(remaining / throughput)
      : null;
  return {
    id: row.id,
    status: row.status as BatchStatus,
    kind: row.kind as BatchKind,
    retryOfId: row.retryOf,
    rollbackOfId: row.rollbackOf,
    platforms: row.platforms as Platform[],
    force: row.force,
    total: row.total,
    queued: row.queued,
    running: row.running,
    succeeded: row.succeeded,
    failed: row.failed,
    skipped: row.skipped,
    deadLettered: row.deadLettered,
    cancelled: row.cancelled,
    percent,
    throughput,
    etaSeconds,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    channels: row.channels.map((c) => ({
      channelId: c.channelId,
      platform: c.platform as Platform,
      total: c.total,
      queued: c.queued,
      running: c.running,
      succeeded: c.succeeded,
      failed: c.failed,
      skipped: c.skipped,
      deadLettered: c.deadLettered,
      cancelled: c.cancelled,
      percent: percentOf(c),
    })),
    seq: row.seq,
  };
}
