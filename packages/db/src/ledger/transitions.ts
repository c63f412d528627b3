import type { ItemStatus } from "./statuses";

/** Which item status changes are legal. Anything else is ignored, so a late or duplicate write cannot undo a final state. */
const ALLOWED: Record<ItemStatus, readonly ItemStatus[]> = {
  QUEUED: ["RUNNING", "CANCELLED"],
  FAILED: ["RUNNING", "CANCELLED", "QUEUED"],
  // RUNNING → RUNNING: a job BullMQ found stalled is claimed again by another worker.
  RUNNING: ["RUNNING", "SUCCEEDED", "SKIPPED", "FAILED", "DEAD_LETTERED", "QUEUED", "CANCELLED"],
  DEAD_LETTERED: ["QUEUED"],
  SUCCEEDED: [],
  SKIPPED: [],
  CANCELLED: [],
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
