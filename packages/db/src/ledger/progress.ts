import type { Platform, ProgressEvent, SyncErrorClass } from "@syncstore/core";
import type { BatchCountersRow, LedgerEvent } from "./apply";

export function batchCounters(b: BatchCountersRow): ProgressEvent["batch"] {
  return {
    id: b.id,
    status: b.status,
    kind: b.kind,
    retryOf: b.retryOf,
    rollbackOf: b.rollbackOf,
    platforms: b.platforms as Platform[],
    force: b.force,
    total: b.total,
    queued: b.queued,
    running: b.running,
    succeeded: b.succeeded,
    failed: b.failed,
    skipped: b.skipped,
    deadLettered: b.deadLettered,
    cancelled: b.cancelled,
    createdAt: b.createdAt.toISOString(),
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
    channels: b.channels.map((c) => ({ ...c, platform: c.platform as Platform })),
  };
}

/** A committed ledger event as subscribers receive it: the whole batch plus the item that changed. */
export function toProgressEvent(e: LedgerEvent, at: Date = new Date()): ProgressEvent {
  const t = e.transition;
  return {
    seq: e.seq,
    at: at.toISOString(),
    batch: batchCounters(e.batch),
    item: {
      id: t.itemId,
      batchId: t.batchId,
      productId: t.productId,
      sku: t.sku,
      platform: t.platform as Platform,
      status: t.to,
      attempts: t.attempts,
      errorClass: t.errorClass as SyncErrorClass | null,
      errorMessage: t.errorMessage,
      errorField: t.errorField,
    },
  };
}
