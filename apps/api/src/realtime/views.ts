import type { ItemChange, ProgressEvent } from "@syncstore/core";
import type { BatchCountersRow } from "@syncstore/db";
import { batchView } from "../services/batch-view";
import type { SyncBatch, SyncItem, ItemStatus } from "../graphql/types/sync";
import type { Platform, SyncErrorClass } from "../graphql/types/enums";

export function eventBatch(b: ProgressEvent["batch"], seq: number): SyncBatch {
  const row: BatchCountersRow = {
    ...b,
    kind: b.kind ?? "SYNC",
    retryOf: b.retryOf ?? null,
    rollbackOf: b.rollbackOf ?? null,
    seq,
    createdAt: new Date(b.createdAt),
    startedAt: b.startedAt ? new Date(b.startedAt) : null,
    finishedAt: b.finishedAt ? new Date(b.finishedAt) : null,
    // An event published by a worker older than per-channel counters carries none.
    channels: b.channels ?? [],
  };
  return batchView(row);
}

export function eventItem(i: ItemChange, at: string): SyncItem {
  return {
    id: i.id,
    batchId: i.batchId,
    productId: i.productId,
    sku: i.sku,
    platform: i.platform as Platform,
    status: i.status as ItemStatus,
    attempts: i.attempts,
    errorClass: (i.errorClass as SyncErrorClass | null) ?? null,
    errorMessage: i.errorMessage,
    errorField: i.errorField,
    // Progress events stay small; the plan is read with the batch's items.
    plannedAction: null,
    changes: null,
    plannedPayload: null,
    updatedAt: new Date(at),
  };
}
