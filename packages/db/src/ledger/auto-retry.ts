import type { EntityManager } from "typeorm";
import { TRANSIENT_ERROR_CLASSES, type SyncErrorClass } from "@syncstore/core";
import { rowsOf } from "./sql";

/** `requested_by` of a batch the worker started on its own: retried dead letters, no person behind it. */
export const AUTO_RETRY_REQUESTER = "system:dead-letter-auto-retry";

export interface AutoRetryCandidate {
  deadLetterId: string;
  channelId: string;
  itemId: string;
  productId: string;
  errorClass: SyncErrorClass;
  autoRetries: number;
}

export interface AutoRetryCandidatesQuery {
  channelIds: readonly string[];
  /** Dead letters already retried this often on their own wait for a person. */
  maxAutoRetries: number;
  /** A dead letter is retried no sooner than this after it was written (its last failure). */
  minAgeMs: number;
  /** Per channel, at most this many in one round. */
  limitPerChannel: number;
}

/**
 * Open dead letters that waiting can cure, per channel, oldest first: a transient class (never
 * VALIDATION or refused credentials), automatic retries left, old enough, and no item of the same
 * listing still open elsewhere (someone already synced it again; that item decides).
 */
export async function autoRetryCandidates(
  em: EntityManager,
  query: AutoRetryCandidatesQuery,
): Promise<AutoRetryCandidate[]> {
  if (query.channelIds.length === 0) return [];
  const rows = await rowsOf<{
    id: string;
    channel_id: string;
    item_id: string;
    product_id: string;
    error_class: SyncErrorClass;
    auto_retries: number;
  }>(
    em,
    `SELECT id::text, channel_id::text, item_id::text, product_id::text, error_class, auto_retries FROM (
       SELECT d.*, row_number() OVER (PARTITION BY d.channel_id ORDER BY d.created_at, d.id) AS n
       FROM dead_letters d
       WHERE d.resolved_at IS NULL AND d.error_class = ANY($1::text[]) AND d.auto_retries < $2
         AND d.created_at <= now() - make_interval(secs => $3::double precision / 1000)
         AND d.channel_id = ANY($4::bigint[])
         AND NOT EXISTS (
           SELECT 1 FROM sync_items i
           WHERE i.product_id = d.product_id AND i.channel_id = d.channel_id
             AND i.status IN ('QUEUED', 'RUNNING', 'FAILED'))
     ) c
     WHERE c.n <= $5 ORDER BY channel_id, created_at, id`,
    [
      [...TRANSIENT_ERROR_CLASSES],
      query.maxAutoRetries,
      query.minAgeMs,
      query.channelIds,
      query.limitPerChannel,
    ],
  );
  return rows.map((r) => ({
    deadLetterId: r.id,
    channelId: r.channel_id,
    itemId: r.item_id,
    productId: r.product_id,
    errorClass: r.error_class,
    autoRetries: Number(r.auto_retries),
  }));
}
