import type { DataSource } from "typeorm";
import type { SyncQueues } from "@syncstore/queue";
import { decodeCursor, encodeCursor, isBigintId } from "../graphql/cursor";
import type { DeadLetter, QueueStats, SyncBatch, SyncItem, SyncLog } from "../graphql/types/sync";
import type { Platform, SyncErrorClass } from "../graphql/types/enums";
import type { ItemStatus } from "../graphql/types/sync";
import { BATCH_COLUMNS, toBatch } from "./sync.service";

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

function page<T>(rows: T[], first: number, cursorOf: (row: T) => string, totalCount: number): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Read side of the sync ledger: keyset-paginated, newest first where people look for recent things. */
export class SyncQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: SyncQueues,
  ) {}

  async batches(first: number, after: string | null): Promise<Page<SyncBatch>> {
    // Keyset on (created_at, id) newest first; the cursor keeps microseconds so no row is skipped.
    let where = "TRUE";
    const params: unknown[] = [first + 1];
    if (after) {
      const value = decodeCursor("batch", after, (v) => /^\d+\|[0-9a-f-]{36}$/.test(v));
      const [micros, id] = value.split("|") as [string, string];
      params.push(micros, id);
      where = "(floor(extract(epoch FROM created_at) * 1000000)::bigint, id) < ($2::bigint, $3::uuid)";
    }
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT ${BATCH_COLUMNS}, floor(extract(epoch FROM created_at) * 1000000)::bigint::text AS micros
         FROM sync_batches WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $1`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query("SELECT count(*)::int AS n FROM sync_batches") as Promise<{ n: number }[]>,
    ]);
    const batches = rows.map((r) => ({ batch: toBatch(r), micros: String(r.micros) }));
    const p = page(batches, first, (b) => encodeCursor("batch", `${b.micros}|${b.batch.id}`), count[0]!.n);
    return { ...p, edges: p.edges.map((e) => ({ cursor: e.cursor, node: e.node.batch })) };
  }

  async items(
    batchId: string,
    first: number,
    after: string | null,
    status: ItemStatus | null,
  ): Promise<Page<SyncItem>> {
    const afterId = after ? decodeCursor("item", after, isBigintId) : "0";
    const filter = status ? "AND i.status = $4" : "";
    const params: unknown[] = [batchId, afterId, first + 1, ...(status ? [status] : [])];
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT i.id::text, i.batch_id::text, i.product_id::text, p.sku, c.platform, i.status, i.attempts, i.error_class,
                i.error_message, i.error_field, i.updated_at
         FROM sync_items i JOIN products p ON p.id = i.product_id JOIN channels c ON c.id = i.channel_id
         WHERE i.batch_id = $1::uuid AND i.id > $2::bigint ${filter} ORDER BY i.id LIMIT $3`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query(
        `SELECT count(*)::int AS n FROM sync_items i WHERE i.batch_id = $1::uuid ${status ? "AND i.status = $2" : ""}`,
        status ? [batchId, status] : [batchId],
      ) as Promise<{ n: number }[]>,
    ]);
    return page(rows.map(toItem), first, (i) => encodeCursor("item", i.id), count[0]!.n);
  }

  async deadLetters(
    first: number,
    after: string | null,
    platform: Platform | null,
    errorClass: SyncErrorClass | null,
  ): Promise<Page<DeadLetter>> {
    const beforeId = after ? decodeCursor("dead", after, isBigintId) : null;
    const conds = ["d.resolved_at IS NULL"];
    const params: unknown[] = [];
    if (platform) conds.push(`d.platform = $${params.push(platform)}`);
    if (errorClass) conds.push(`d.error_class = $${params.push(errorClass)}`);
    const countSql = `SELECT count(*)::int AS n FROM dead_letters d WHERE ${conds.join(" AND ")}`;
    const countParams = [...params];
    if (beforeId) conds.push(`d.id < $${params.push(beforeId)}::bigint`);
    const limit = params.push(first + 1);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT d.id::text, d.item_id::text, d.batch_id::text, d.product_id::text, p.sku, d.platform, d.error_class,
                d.error_message, d.error_field, d.attempts, d.last_request, d.last_response, d.created_at
         FROM dead_letters d JOIN products p ON p.id = d.product_id
         WHERE ${conds.join(" AND ")} ORDER BY d.id DESC LIMIT $${limit}`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query(countSql, countParams) as Promise<{ n: number }[]>,
    ]);
    return page(rows.map(toDeadLetter), first, (d) => encodeCursor("dead", d.id), count[0]!.n);
  }

  async syncLogs(
    first: number,
    after: string | null,
    productId: string | null,
    batchId: string | null,
  ): Promise<Page<SyncLog>> {
    const beforeId = after ? decodeCursor("log", after, isBigintId) : null;
    const conds: string[] = [];
    const params: unknown[] = [];
    if (productId) conds.push(`l.product_id = $${params.push(productId)}::bigint`);
    if (batchId) conds.push(`l.batch_id = $${params.push(batchId)}::uuid`);
    const countWhere = conds.length ? conds.join(" AND ") : "TRUE";
    const countParams = [...params];
    if (beforeId) conds.push(`l.id < $${params.push(beforeId)}::bigint`);
    const limit = params.push(first + 1);
    const [rows, count] = await Promise.all([
      this.ds.query(
        `SELECT l.id::text, l.batch_id::text, l.item_id::text, l.product_id::text, l.platform, l.endpoint, l.method,
                l.request, l.response, l.http_status, l.duration_ms, l.attempt, l.error_class, l.error_code,
                l.error_message, l.created_at
         FROM sync_logs l WHERE ${conds.length ? conds.join(" AND ") : "TRUE"} ORDER BY l.id DESC LIMIT $${limit}`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      // Counting every log row is the one unbounded cost here; filtered counts use the indexes.
      this.ds.query(`SELECT count(*)::int AS n FROM sync_logs l WHERE ${countWhere}`, countParams) as Promise<
        { n: number }[]
      >,
    ]);
    return page(rows.map(toLog), first, (l) => encodeCursor("log", l.id), count[0]!.n);
  }

  async queueStats(): Promise<QueueStats[]> {
    const channels: { id: string; platform: Platform; shop_id: string }[] = await this.ds.query(
      "SELECT id::text, platform, shop_id FROM channels WHERE enabled ORDER BY id",
    );
    return Promise.all(
      channels.map(async (c) => {
        const counts = await this.queues.counts(c.id);
        return { ...counts, platform: c.platform, shopId: c.shop_id };
      }),
    );
  }
}

function toItem(r: Record<string, unknown>): SyncItem {
  return {
    id: String(r.id),
    batchId: String(r.batch_id),
    productId: String(r.product_id),
    sku: String(r.sku),
    platform: r.platform as Platform,
    status: r.status as ItemStatus,
    attempts: Number(r.attempts),
    errorClass: (r.error_class as SyncErrorClass | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    errorField: (r.error_field as string | null) ?? null,
    updatedAt: (r.updated_at as Date | null) ?? null,
  };
}

function toDeadLetter(r: Record<string, unknown>): DeadLetter {
  return {
    id: String(r.id),
    itemId: String(r.item_id),
    batchId: String(r.batch_id),
    productId: String(r.product_id),
    sku: String(r.sku),
    platform: r.platform as Platform,
    errorClass: r.error_class as SyncErrorClass,
    errorMessage: String(r.error_message),
    errorField: (r.error_field as string | null) ?? null,
    attempts: Number(r.attempts),
    lastRequest: r.last_request ?? null,
    lastResponse: r.last_response ?? null,
    createdAt: r.created_at as Date,
  };
}

function toLog(r: Record<string, unknown>): SyncLog {
  return {
    id: String(r.id),
    batchId: (r.batch_id as string | null) ?? null,
    itemId: (r.item_id as string | null) ?? null,
    productId: (r.product_id as string | null) ?? null,
    platform: r.platform as Platform,
    endpoint: String(r.endpoint),
    method: String(r.method),
    request: r.request ?? null,
    response: r.response ?? null,
    httpStatus: (r.http_status as number | null) ?? null,
    durationMs: Number(r.duration_ms),
    attempt: Number(r.attempt),
    errorClass: (r.error_class as SyncErrorClass | null) ?? null,
    errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    createdAt: r.created_at as Date,
  };
}
