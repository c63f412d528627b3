import type { Platform } from "./model";
import type { SyncErrorClass } from "./errors";

/** Every status a sync item can be in; the batch keeps one counter per status. */
export const ITEM_STATUSES = [
  "QUEUED",
  "RUNNING",
  "SUCCEEDED",
  "SKIPPED",
  "FAILED",
  "DEAD_LETTERED",
  "CANCELLED",
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const BATCH_STATUSES = [
  "QUEUED",
  "RUNNING",
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const FINAL_ITEM_STATUSES: readonly ItemStatus[] = [
  "SUCCEEDED",
  "SKIPPED",
  "DEAD_LETTERED",
  "CANCELLED",
];
export const FINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
];

/** How many items of a batch (or of one channel's share of it) are in each status, and in all. */
export interface StatusCounters {
  total: number;
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
  deadLettered: number;
  cancelled: number;
}

/** One channel's share of a batch's counters at the same instant. */
export interface ChannelCounters extends StatusCounters {
  channelId: string;
  platform: Platform;
}

/** What a batch does: the contract's BatchKind. */
export type BatchKind = "SYNC" | "DRY_RUN" | "ROLLBACK" | "VALIDATION";

/** A batch's counters at one instant: any single event carries the whole truth. */
export interface BatchCounters extends StatusCounters {
  id: string;
  status: BatchStatus;
  kind: BatchKind;
  /** The batch whose dead letters this one retries. */
  retryOf: string | null;
  /** The batch a ROLLBACK batch undoes; absent from events of workers older than rollback. */
  rollbackOf?: string | null;
  platforms: Platform[];
  force: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Per channel, in channel id order; each counter adds up to the batch's own. */
  channels: ChannelCounters[];
}

export interface ItemChange {
  id: string;
  batchId: string;
  productId: string;
  sku: string;
  platform: Platform;
  status: ItemStatus;
  attempts: number;
  errorClass: SyncErrorClass | null;
  errorMessage: string | null;
  errorField: string | null;
}

/** Published on Redis pub/sub after every item change; `seq` only rises within a batch. */
export interface ProgressEvent {
  seq: number;
  batch: BatchCounters;
  item: ItemChange | null;
  at: string;
}
