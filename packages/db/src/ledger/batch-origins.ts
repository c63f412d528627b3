import type { DataSource } from "typeorm";
import type { BatchScopeRecord } from "./batches";

/** Who started a batch, as far as the ledger knows them now (a deleted user or key has no name). */
export interface BatchOriginRow {
  batchId: string;
  kind: string;
  /** The raw `requested_by`: a user's or API key's id, `system:<what>`, or null. */
  requestedBy: string | null;
  actorKind: "USER" | "API_KEY" | "SYSTEM" | null;
  actorName: string | null;
  label: string | null;
  scope: BatchScopeRecord;
}

const UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

/**
 * One query for a page of batches. `requested_by` names a user or an API key by id; the names are
 * read now, so a renamed key shows its current name. Batches from before scopes were kept are
 * described from their items: retried items make a dead-letter retry, anything else a selection.
 */
export async function loadBatchOrigins(
  ds: DataSource,
  batchIds: readonly string[],
): Promise<BatchOriginRow[]> {
  const rows: {
    id: string;
    kind: string;
    requested_by: string | null;
    label: string | null;
    scope: BatchScopeRecord | null;
    user_name: string | null;
    key_name: string | null;
    products: number | null;
    retried: boolean | null;
  }[] = await ds.query(
    `SELECT b.id::text, b.kind, b.requested_by, b.label, b.scope,
            COALESCE(u.name, u.email) AS user_name, k.name AS key_name,
            CASE WHEN b.scope IS NULL THEN (SELECT count(DISTINCT i.product_id)::int FROM sync_items i WHERE i.batch_id = b.id) END AS products,
            CASE WHEN b.scope IS NULL THEN EXISTS (SELECT 1 FROM sync_items i WHERE i.batch_id = b.id AND i.retry_of_item_id IS NOT NULL) END AS retried
     FROM sync_batches b
     LEFT JOIN users u ON u.id = CASE WHEN b.requested_by ~ ${UUID} THEN b.requested_by::uuid END
     LEFT JOIN api_keys k ON k.id = CASE WHEN b.requested_by ~ ${UUID} THEN b.requested_by::uuid END
     WHERE b.id = ANY($1::uuid[])`,
    [batchIds],
  );
  return rows.map((r) => ({
    batchId: r.id,
    kind: r.kind,
    requestedBy: r.requested_by,
    actorKind: r.requested_by?.startsWith("system:")
      ? "SYSTEM"
      : r.user_name !== null
        ? "USER"
        : r.key_name !== null
          ? "API_KEY"
          : null,
    actorName:
      r.user_name ?? r.key_name ?? (r.requested_by?.startsWith("system:") ? r.requested_by.slice(7) : null),
    label: r.label,
    scope: r.scope ?? { kind: r.retried ? "DEAD_LETTERS" : "PRODUCTS", products: r.products ?? 0 },
  }));
}
