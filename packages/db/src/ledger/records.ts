import type { EntityManager } from "typeorm";
import type { ItemPlan } from "@syncstore/core";

/** The listing as the marketplace now holds it, after an item ran. */
export interface ListingWrite {
  productId: string;
  channelId: string;
  externalId: string | null;
  status: "SYNCED" | "IN_REVIEW" | "OUT_OF_DATE" | "FAILED" | "PENDING" | "NOT_LISTED";
  /** Only set when something was sent; null keeps the stored value. */
  price: string | null;
  title: string | null;
  contentHash: string | null;
  variantIds: Record<string, string> | null;
  synced: boolean;
  lastError: string | null;
  lastErrorClass: string | null;
  createdByBatchId: string | null;
  /** IN_REVIEW: when the review follow-up first asks the marketplace. Any write resets the review. */
  reviewCheckAt?: Date | null;
  /**
   * True: created on the marketplace, its follow-up steps not done yet; false: complete. Absent keeps
   * the stored value (a failed attempt does not know how far an earlier one got).
   */
  incomplete?: boolean;
  /** The batch whose write changed the listing on the marketplace; absent or null keeps the stored one. */
  lastWriteBatchId?: string | null;
  /** The payload's hash without prices and stock, when all of it was sent; absent or null keeps the stored one. */
  fieldsHash?: string | null;
  /** Seller SKU → [price, stock] just sent; absent or null keeps the stored one. */
  sentLevels?: Record<string, [number, number]> | null;
  /** The payload just written (rollback restores it later); absent or null keeps the stored one. */
  lastPayload?: unknown;
}

export interface SyncLogWrite {
  batchId: string | null;
  itemId: string | null;
  productId: string | null;
  channelId: string;
  platform: string;
  endpoint: string;
  method: string;
  request: unknown;
  response: unknown;
  httpStatus: number | null;
  durationMs: number;
  attempt: number;
  errorClass: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** The trace of the attempt that made the call (tracing on), else absent or null. */
  traceId?: string | null;
}

export interface DeadLetterWrite {
  itemId: string;
  batchId: string;
  productId: string;
  channelId: string;
  platform: string;
  errorClass: string;
  errorMessage: string;
  errorField: string | null;
  /** The marketplace's or validation's code; absent or null when there is none. */
  errorCode?: string | null;
  attempts: number;
  lastRequest: unknown;
  lastResponse: unknown;
  traceId?: string | null;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function upsertListings(em: EntityManager, rows: readonly ListingWrite[]): Promise<void> {
  if (rows.length === 0) return;
  // Last write per (product, channel) wins within one flush; ON CONFLICT cannot touch a row twice.
  const unique = [...new Map(rows.map((r) => [`${r.productId}:${r.channelId}`, r])).values()];
  // `incomplete` has no NULL to insert, so "keep" is read back from the input rows by key.
  await em.query(
    `WITH v AS (
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::jsonb[],
                            $9::bool[], $10::text[], $11::text[], $12::uuid[], $13::timestamptz[], $14::bool[], $15::uuid[],
                            $16::text[], $17::jsonb[], $18::jsonb[])
         AS v(product_id, channel_id, external_id, status, price, title, content_hash, variant_ids, synced, last_error, last_error_class,
              created_by_batch_id, review_check_at, incomplete, last_write_batch_id, fields_hash, sent_levels, last_payload)
     )
     INSERT INTO listings (product_id, channel_id, external_id, status, price, title, content_hash, variant_ids,
                           synced_at, last_error, last_error_class, created_by_batch_id, review_check_at, incomplete,
                           last_write_batch_id, fields_hash, sent_levels, last_payload, updated_at)
     SELECT v.product_id, v.channel_id, v.external_id, v.status, v.price, v.title, v.content_hash, COALESCE(v.variant_ids, '{}'::jsonb),
            CASE WHEN v.synced THEN now() END, v.last_error, v.last_error_class, v.created_by_batch_id, v.review_check_at,
            COALESCE(v.incomplete, false), v.last_write_batch_id, v.fields_hash, v.sent_levels, v.last_payload, now()
     FROM v
     ON CONFLICT (product_id, channel_id) DO UPDATE SET
       incomplete = COALESCE(
         (SELECT v.incomplete FROM v WHERE v.product_id = EXCLUDED.product_id AND v.channel_id = EXCLUDED.channel_id),
         listings.incomplete),
       external_id = COALESCE(EXCLUDED.external_id, listings.external_id),
       status = EXCLUDED.status,
       price = COALESCE(EXCLUDED.price, listings.price),
       title = COALESCE(EXCLUDED.title, listings.title),
       content_hash = COALESCE(EXCLUDED.content_hash, listings.content_hash),
       variant_ids = CASE WHEN EXCLUDED.variant_ids = '{}'::jsonb THEN listings.variant_ids ELSE EXCLUDED.variant_ids END,
       synced_at = COALESCE(EXCLUDED.synced_at, listings.synced_at),
       last_error = EXCLUDED.last_error,
       last_error_class = EXCLUDED.last_error_class,
       created_by_batch_id = COALESCE(listings.created_by_batch_id, EXCLUDED.created_by_batch_id),
       last_write_batch_id = COALESCE(EXCLUDED.last_write_batch_id, listings.last_write_batch_id),
       fields_hash = COALESCE(EXCLUDED.fields_hash, listings.fields_hash),
       sent_levels = COALESCE(EXCLUDED.sent_levels, listings.sent_levels),
       last_payload = COALESCE(EXCLUDED.last_payload, listings.last_payload),
       reject_reason = NULL,
       review_check_at = EXCLUDED.review_check_at,
       review_checks = 0,
       updated_at = now()`,
    [
      unique.map((r) => r.productId),
      unique.map((r) => r.channelId),
      unique.map((r) => r.externalId),
      unique.map((r) => r.status),
      unique.map((r) => r.price),
      unique.map((r) => r.title),
      unique.map((r) => r.contentHash),
      unique.map((r) => json(r.variantIds)),
      unique.map((r) => r.synced),
      unique.map((r) => r.lastError),
      unique.map((r) => r.lastErrorClass),
      unique.map((r) => r.createdByBatchId),
      unique.map((r) => r.reviewCheckAt ?? null),
      unique.map((r) => r.incomplete ?? null),
      unique.map((r) => r.lastWriteBatchId ?? null),
      unique.map((r) => r.fieldsHash ?? null),
      unique.map((r) => json(r.sentLevels)),
      unique.map((r) => json(r.lastPayload)),
    ],
  );
}

export async function insertSyncLogs(em: EntityManager, rows: readonly SyncLogWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await em.query(
    `INSERT INTO sync_logs (batch_id, item_id, product_id, channel_id, platform, endpoint, method, request, response,
                            http_status, duration_ms, attempt, error_class, error_code, error_message, trace_id, created_at)
     SELECT *, now() FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
                                 $8::jsonb[], $9::jsonb[], $10::int[], $11::int[], $12::int[], $13::text[], $14::text[], $15::text[],
                                 $16::text[])`,
    [
      rows.map((r) => r.batchId),
      rows.map((r) => r.itemId),
      rows.map((r) => r.productId),
      rows.map((r) => r.channelId),
      rows.map((r) => r.platform),
      rows.map((r) => r.endpoint),
      rows.map((r) => r.method),
      rows.map((r) => json(r.request)),
      rows.map((r) => json(r.response)),
      rows.map((r) => r.httpStatus),
      rows.map((r) => Math.round(r.durationMs)),
      rows.map((r) => r.attempt),
      rows.map((r) => r.errorClass),
      rows.map((r) => r.errorCode),
      rows.map((r) => r.errorMessage),
      rows.map((r) => r.traceId ?? null),
    ],
  );
}

/**
 * One open dead letter per product × channel: the latest cause. Earlier open ones of the same listing
 * (another item, another batch) are resolved as SUPERSEDED in the same transaction. A retried item's
 * dead letter inherits how often the one it retried was retried automatically, so the bound on
 * automatic retries holds across rounds (each round writes a new dead letter).
 */
export async function upsertDeadLetters(em: EntityManager, rows: readonly DeadLetterWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const unique = [...new Map(rows.map((r) => [`${r.productId}:${r.channelId}`, r])).values()];
  await em.query(
    `UPDATE dead_letters d SET resolved_at = now(), resolution = 'SUPERSEDED'
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(product_id, channel_id, item_id)
     WHERE d.resolved_at IS NULL AND d.product_id = v.product_id AND d.channel_id = v.channel_id
       AND d.item_id <> v.item_id`,
    [unique.map((r) => r.productId), unique.map((r) => r.channelId), unique.map((r) => r.itemId)],
  );
  await em.query(
    `INSERT INTO dead_letters (item_id, batch_id, product_id, channel_id, platform, error_class, error_message, error_field,
                               attempts, last_request, last_response, trace_id, error_code, created_at, resolved_at, resolution,
                               auto_retries)
     SELECT v.*, now(), NULL, NULL,
            COALESCE((SELECT p.auto_retries FROM sync_items i JOIN dead_letters p ON p.item_id = i.retry_of_item_id
                      WHERE i.id = v.item_id), 0)
     FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
                 $8::text[], $9::int[], $10::jsonb[], $11::jsonb[], $12::text[], $13::text[])
       AS v(item_id, batch_id, product_id, channel_id, platform, error_class, error_message, error_field,
            attempts, last_request, last_response, trace_id, error_code)
     ON CONFLICT (item_id) DO UPDATE SET
       error_class = EXCLUDED.error_class, error_message = EXCLUDED.error_message, error_field = EXCLUDED.error_field,
       error_code = EXCLUDED.error_code,
       attempts = EXCLUDED.attempts, last_request = EXCLUDED.last_request, last_response = EXCLUDED.last_response,
       trace_id = EXCLUDED.trace_id,
       created_at = now(), resolved_at = NULL, resolution = NULL`,
    [
      unique.map((r) => r.itemId),
      unique.map((r) => r.batchId),
      unique.map((r) => r.productId),
      unique.map((r) => r.channelId),
      unique.map((r) => r.platform),
      unique.map((r) => r.errorClass),
      unique.map((r) => r.errorMessage),
      unique.map((r) => r.errorField),
      unique.map((r) => r.attempts),
      unique.map((r) => json(r.lastRequest)),
      unique.map((r) => json(r.lastResponse)),
      unique.map((r) => r.traceId ?? null),
      unique.map((r) => r.errorCode ?? null),
    ],
  );
}

/** Closes the open dead letters of listings that have just synced (or were found already in sync). */
export async function resolveSyncedDeadLetters(
  em: EntityManager,
  listings: readonly { productId: string; channelId: string }[],
): Promise<void> {
  if (listings.length === 0) return;
  await em.query(
    `UPDATE dead_letters d SET resolved_at = now(), resolution = 'SYNCED'
     FROM unnest($1::bigint[], $2::bigint[]) AS v(product_id, channel_id)
     WHERE d.resolved_at IS NULL AND d.product_id = v.product_id AND d.channel_id = v.channel_id`,
    [listings.map((l) => l.productId), listings.map((l) => l.channelId)],
  );
}

/** Stores DRY_RUN items' plans (the last one wins: a retried read plans again). */
export async function writePlans(
  em: EntityManager,
  plans: readonly { itemId: string; plan: ItemPlan }[],
): Promise<void> {
  if (plans.length === 0) return;
  await em.query(
    `UPDATE sync_items i SET plan = v.plan
     FROM unnest($1::bigint[], $2::jsonb[]) AS v(id, plan)
     WHERE i.id = v.id`,
    [plans.map((p) => p.itemId), plans.map((p) => JSON.stringify(p.plan))],
  );
}
