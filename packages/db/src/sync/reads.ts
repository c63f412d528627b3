import type { DataSource } from "typeorm";
import type { ItemChange, ItemPlan, ItemStatus, Platform, SyncErrorClass } from "@syncstore/core";
import { KEYSET_MICROS, keysetAfter, type KeysetPosition, type KeysetRows } from "../auth/keyset";
import { CHANNELS_JSON_SQL, toCounters, type BatchCountersRow } from "../ledger/apply";
import { searchMatchSql } from "../catalog/search-match";

/** A batch's columns over the alias `b`, its channels' counters included. */
export const BATCH_COLUMNS = `id::text, status, kind, retry_of::text, rollback_of::text, platforms, force, total, queued, running, succeeded, failed, skipped,
  dead_lettered, cancelled, seq, created_at, started_at, finished_at, ${CHANNELS_JSON_SQL}`;

/** An item as lists show it: the change progress events carry, plus when it last changed. */
export interface SyncItemRecord extends ItemChange {
  /** A DRY_RUN item's plan once it ran; null for every other kind. */
  plan: ItemPlan | null;
  updatedAt: Date | null;
}

export interface DeadLetterRecord {
  id: string;
  itemId: string;
  batchId: string;
  productId: string;
  sku: string;
  platform: Platform;
  errorClass: SyncErrorClass;
  errorMessage: string;
  errorField: string | null;
  errorCode: string | null;
  /** The group of open dead letters with the same cause (`DeadLetterGroupRepository`). */
  groupKey: string;
  attempts: number;
  lastRequest: unknown;
  lastResponse: unknown;
  /** OpenTelemetry trace of the attempt that dead-lettered it; null when tracing is off. */
  traceId: string | null;
  createdAt: Date;
}

export interface SyncLogRecord {
  id: string;
  batchId: string | null;
  itemId: string | null;
  productId: string | null;
  /** The product's SKU and title as they are now; null once the product is gone. */
  sku: string | null;
  productTitle: string | null;
  channelId: string;
  platform: Platform;
  endpoint: string;
  method: string;
  request: unknown;
  response: unknown;
  httpStatus: number | null;
  durationMs: number;
  attempt: number;
  errorClass: SyncErrorClass | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** OpenTelemetry trace of the attempt that made the call; null when tracing is off. */
  traceId: string | null;
  createdAt: Date;
}

/** Rows of one page by ascending/descending bigint id, plus one more when a next page follows. */
export interface IdPage<T> {
  rows: T[];
  totalCount: number;
}

interface ItemRow {
  id: string;
  batch_id: string;
  product_id: string;
  sku: string;
  platform: Platform;
  status: ItemStatus;
  attempts: number;
  error_class: SyncErrorClass | null;
  error_message: string | null;
  error_field: string | null;
  plan: ItemPlan | null;
  updated_at: Date | null;
}

interface DeadLetterRow {
  id: string;
  item_id: string;
  batch_id: string;
  product_id: string;
  sku: string;
  platform: Platform;
  error_class: SyncErrorClass;
  error_message: string;
  error_field: string | null;
  error_code: string | null;
  cause_key: string;
  attempts: number;
  last_request: unknown;
  last_response: unknown;
  trace_id: string | null;
  created_at: Date;
}

/** What the sync log can be narrowed to; every field optional, all of them ANDed. */
export interface SyncLogFilter {
  productId?: string | null;
  batchId?: string | null;
  channelId?: string | null;
  /** Words each found in the product's SKU, title or brand (as the catalog search). */
  search?: string | null;
  /** FAILED: calls with an error class; SUCCEEDED: calls without. */
  outcome?: "SUCCEEDED" | "FAILED" | null;
  errorClass?: SyncErrorClass | null;
  from?: Date | null;
  to?: Date | null;
}

interface LogRow {
  id: string;
  batch_id: string | null;
  item_id: string | null;
  product_id: string | null;
  sku: string | null;
  product_title: string | null;
  channel_id: string;
  platform: Platform;
  endpoint: string;
  method: string;
  request: unknown;
  response: unknown;
  http_status: number | null;
  duration_ms: number;
  attempt: number;
  error_class: SyncErrorClass | null;
  error_code: string | null;
  error_message: string | null;
  trace_id: string | null;
  created_at: Date;
}

/**
 * The read side of the sync ledger for people and partners: batches newest first by (created_at, id),
 * items in id order within a batch, dead letters and sync logs newest first by id. Each list fetches
 * `limit` rows (callers ask for one more than a page to learn whether a next page follows).
 */
export class SyncReadRepository {
  constructor(private readonly ds: DataSource) {}

  async batch(id: string): Promise<BatchCountersRow | null> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM sync_batches b WHERE id = $1::uuid`,
      [id],
    );
    return rows[0] ? toCounters(rows[0]) : null;
  }

  /**
   * The batches that retried any item of this one, oldest first: those naming it as their origin and
   * those that mixed its items with another batch's.
   */
  async retriesOf(batchId: string): Promise<BatchCountersRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM sync_batches b
       WHERE b.retry_of = $1::uuid
          OR b.id IN (SELECT r.batch_id FROM sync_items r JOIN sync_items o ON o.id = r.retry_of_item_id
                      WHERE o.batch_id = $1::uuid)
       ORDER BY b.created_at, b.id`,
      [batchId],
    );
    return rows.map(toCounters);
  }

  async batches(limit: number, after: KeysetPosition | null): Promise<KeysetRows<BatchCountersRow>> {
    const params: unknown[] = [limit];
    const where = keysetAfter(after, params);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${BATCH_COLUMNS}, ${KEYSET_MICROS}::text AS micros
         FROM sync_batches b WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query("SELECT count(*)::int AS n FROM sync_batches") as Promise<{ n: number }[]>,
    ]);
    return {
      rows: rows.map((r) => ({ row: toCounters(r), micros: String(r.micros) })),
      totalCount: count[0]!.n,
    };
  }

  async items(
    batchId: string,
    limit: number,
    afterId: string | null,
    status: ItemStatus | null,
  ): Promise<IdPage<SyncItemRecord>> {
    const filter = status ? "AND i.status = $4" : "";
    const params: unknown[] = [batchId, afterId ?? "0", limit, ...(status ? [status] : [])];
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT i.id::text, i.batch_id::text, i.product_id::text, p.sku, c.platform, i.status, i.attempts,
                i.error_class, i.error_message, i.error_field, i.plan, i.updated_at
         FROM sync_items i JOIN products p ON p.id = i.product_id JOIN channels c ON c.id = i.channel_id
         WHERE i.batch_id = $1::uuid AND i.id > $2::bigint ${filter} ORDER BY i.id LIMIT $3`,
        params,
      ) as Promise<ItemRow[]>,
      this.ds.query(
        `SELECT count(*)::int AS n FROM sync_items i WHERE i.batch_id = $1::uuid ${status ? "AND i.status = $2" : ""}`,
        status ? [batchId, status] : [batchId],
      ) as Promise<{ n: number }[]>,
    ]);
    return { rows: rows.map(toItem), totalCount: count[0]!.n };
  }

  async openDeadLetters(
    limit: number,
    beforeId: string | null,
    filter: { platform: Platform | null; errorClass: SyncErrorClass | null; groupKey?: string | null },
  ): Promise<IdPage<DeadLetterRecord>> {
    const conds = ["d.resolved_at IS NULL"];
    const params: unknown[] = [];
    if (filter.platform) conds.push(`d.platform = $${params.push(filter.platform)}`);
    if (filter.errorClass) conds.push(`d.error_class = $${params.push(filter.errorClass)}`);
    if (filter.groupKey) conds.push(`d.cause_key = $${params.push(filter.groupKey)}`);
    const countSql = `SELECT count(*)::int AS n FROM dead_letters d WHERE ${conds.join(" AND ")}`;
    const countParams = [...params];
    if (beforeId) conds.push(`d.id < $${params.push(beforeId)}::bigint`);
    const limitParam = params.push(limit);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT d.id::text, d.item_id::text, d.batch_id::text, d.product_id::text, p.sku, d.platform,
                d.error_class, d.error_message, d.error_field, d.error_code, d.cause_key, d.attempts,
                d.last_request, d.last_response, d.trace_id, d.created_at
         FROM dead_letters d JOIN products p ON p.id = d.product_id
         WHERE ${conds.join(" AND ")} ORDER BY d.id DESC LIMIT $${limitParam}`,
        params,
      ) as Promise<DeadLetterRow[]>,
      this.ds.query(countSql, countParams) as Promise<{ n: number }[]>,
    ]);
    return { rows: rows.map(toDeadLetter), totalCount: count[0]!.n };
  }

  /** Open dead letters counted by marketplace and error class (a bounded set: metrics labels). */
  async openDeadLetterCounts(): Promise<{ platform: Platform; errorClass: SyncErrorClass; count: number }[]> {
    const rows: { platform: Platform; error_class: SyncErrorClass; count: number }[] = await this.ds.query(
      `SELECT platform, error_class, count(*)::int AS count FROM dead_letters
       WHERE resolved_at IS NULL GROUP BY platform, error_class`,
    );
    return rows.map((r) => ({ platform: r.platform, errorClass: r.error_class, count: r.count }));
  }

  async syncLogs(
    limit: number,
    beforeId: string | null,
    filter: SyncLogFilter,
  ): Promise<IdPage<SyncLogRecord>> {
    const conds: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (filter.productId) conds.push(`l.product_id = ${param(filter.productId)}::bigint`);
    if (filter.batchId) conds.push(`l.batch_id = ${param(filter.batchId)}::uuid`);
    if (filter.channelId) conds.push(`l.channel_id = ${param(filter.channelId)}::bigint`);
    if (filter.errorClass) conds.push(`l.error_class = ${param(filter.errorClass)}`);
    if (filter.outcome === "FAILED") conds.push("l.error_class IS NOT NULL");
    if (filter.outcome === "SUCCEEDED") conds.push("l.error_class IS NULL");
    if (filter.from) conds.push(`l.created_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) conds.push(`l.created_at < ${param(filter.to)}::timestamptz`);
    // A search names products, not calls: the trigram index finds them, their logs come by product_id.
    const match = searchMatchSql(filter.search, param);
    if (match) conds.push(`l.product_id IN (SELECT p.id FROM products p WHERE ${match})`);
    const countWhere = conds.length ? conds.join(" AND ") : "TRUE";
    const countParams = [...params];
    if (beforeId) conds.push(`l.id < ${param(beforeId)}::bigint`);
    const limitParam = params.push(limit);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT l.id::text, l.batch_id::text, l.item_id::text, l.product_id::text, p.sku, p.title AS product_title,
                l.channel_id::text, l.platform, l.endpoint, l.method, l.request, l.response, l.http_status,
                l.duration_ms, l.attempt, l.error_class, l.error_code, l.error_message, l.trace_id, l.created_at
         FROM sync_logs l LEFT JOIN products p ON p.id = l.product_id
         WHERE ${conds.length ? conds.join(" AND ") : "TRUE"}
         ORDER BY l.id DESC LIMIT $${limitParam}`,
        params,
      ) as Promise<LogRow[]>,
      // Counting every log row is the one unbounded cost here; filtered counts use the indexes.
      this.ds.query(`SELECT count(*)::int AS n FROM sync_logs l WHERE ${countWhere}`, countParams) as Promise<
        { n: number }[]
      >,
    ]);
    return { rows: rows.map(toLog), totalCount: count[0]!.n };
  }
}

function toItem(r: ItemRow): SyncItemRecord {
  return {
    id: r.id,
    batchId: r.batch_id,
    productId: r.product_id,
    sku: r.sku,
    platform: r.platform,
    status: r.status,
    attempts: Number(r.attempts),
    errorClass: r.error_class ?? null,
    errorMessage: r.error_message ?? null,
    errorField: r.error_field ?? null,
    plan: r.plan ?? null,
    updatedAt: r.updated_at ?? null,
  };
}

function toDeadLetter(r: DeadLetterRow): DeadLetterRecord {
  return {
    id: r.id,
    itemId: r.item_id,
    batchId: r.batch_id,
    productId: r.product_id,
    sku: r.sku,
    platform: r.platform,
    errorClass: r.error_class,
    errorMessage: r.error_message,
    errorField: r.error_field ?? null,
    errorCode: r.error_code ?? null,
    groupKey: r.cause_key,
    attempts: Number(r.attempts),
    lastRequest: r.last_request ?? null,
    lastResponse: r.last_response ?? null,
    traceId: r.trace_id ?? null,
    createdAt: r.created_at,
  };
}

function toLog(r: LogRow): SyncLogRecord {
  return {
    id: r.id,
    batchId: r.batch_id ?? null,
    itemId: r.item_id ?? null,
    productId: r.product_id ?? null,
    sku: r.sku ?? null,
    productTitle: r.product_title ?? null,
    channelId: r.channel_id,
    platform: r.platform,
    endpoint: r.endpoint,
    method: r.method,
    request: r.request ?? null,
    response: r.response ?? null,
    httpStatus: r.http_status ?? null,
    durationMs: Number(r.duration_ms),
    attempt: Number(r.attempt),
    errorClass: r.error_class ?? null,
    errorCode: r.error_code ?? null,
    errorMessage: r.error_message ?? null,
    traceId: r.trace_id ?? null,
    createdAt: r.created_at,
  };
}
