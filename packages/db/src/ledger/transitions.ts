import type { ItemStatus } from "./statuses";

/**
 * Which item status changes are legal. Anything else is ignored, so a late or duplicate write cannot
 * undo a final state — with one exception: SUCCEEDED, which only a job whose marketplace write went
 * through reports. An item that changed the marketplace in its batch is SUCCEEDED whatever another run
 * of it saw or did meanwhile (a claim the reconciler took for dead while the job was still running, a
 * stalled job run twice, a cancel that came after the claim).
 */
const ALLOWED: Record<ItemStatus, readonly ItemStatus[]> = {
  QUEUED: ["RUNNING", "CANCELLED", "SUCCEEDED", "SKIPPED", "FAILED", "DEAD_LETTERED"],
  FAILED: ["RUNNING", "CANCELLED", "QUEUED", "SUCCEEDED"],
  // RUNNING → RUNNING: a job BullMQ found stalled is claimed again by another worker.
  RUNNING: ["RUNNING", "SUCCEEDED", "SKIPPED", "FAILED", "DEAD_LETTERED", "QUEUED", "CANCELLED"],
  DEAD_LETTERED: ["QUEUED", "SUCCEEDED"],
  SUCCEEDED: [],
  SKIPPED: ["SUCCEEDED"],
  CANCELLED: ["SUCCEEDED"],
};

export function isAllowedTransition(from: ItemStatus, to: ItemStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** SQL predicate over `cur.from_status` and `v.status` equal to ALLOWED. */
export function allowedTransitionSql(from: string, to: string): string {
  return (
    "(" +
    Object.entries(ALLOWED)
      .filter(([, tos]) => tos.length > 0)
      .map(([f, tos]) => `(${from} = '${f}' AND ${to} IN (${tos.map((t) => `'${t}'`).join(", ")}))`)
      .join(" OR ") +
    ")"
  );
}
