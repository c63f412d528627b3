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
export const FINAL_ITEM_STATUSES: readonly ItemStatus[] = [
  "SUCCEEDED",
  "SKIPPED",
  "DEAD_LETTERED",
  "CANCELLED",
];

export const BATCH_STATUSES = [
  "QUEUED",
  "RUNNING",
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const FINAL_BATCH_STATUSES: readonly BatchStatus[] = [
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
];

/** The batch column that counts items in each status. */
export const COUNTER_COLUMN: Record<ItemStatus, string> = {
  QUEUED: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  SKIPPED: "skipped",
  FAILED: "failed",
  DEAD_LETTERED: "dead_lettered",
  CANCELLED: "cancelled",
};
