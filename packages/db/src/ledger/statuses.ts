import type { ItemStatus } from "@syncstore/core";

// The vocabulary is core's; the ledger adds only where each status is counted.
export {
  ITEM_STATUSES,
  BATCH_STATUSES,
  FINAL_ITEM_STATUSES,
  FINAL_BATCH_STATUSES,
  type ItemStatus,
  type BatchStatus,
} from "@syncstore/core";

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
