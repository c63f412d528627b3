import type { DataSource, EntityManager } from "typeorm";
import type { Platform, SyncErrorClass } from "@syncstore/core";

/**
 * The open dead letters that share one cause (see the `cause_key` migration): what a person reads to
 * decide the one fix they all need, and the channels and products it touches.
 */
export interface DeadLetterGroupRecord {
  key: string;
  errorClass: SyncErrorClass;
  errorCode: string | null;
  /** The field as the newest entry names it (`variants[2].sku`: positions differ inside a group). */
  errorField: string | null;
  /** The newest entry's message, verbatim: the group's particulars were dropped only from its key. */
  message: string;
  count: number;
  productCount: number;
  channelIds: string[];
  platforms: Platform[];
  /** A product of the group (the newest entry's), for a fix that starts from one product. */
  productId: string;
  latestAt: Date;
}

/** Where a page of groups starts: the last group of the previous page, largest first. */
export interface GroupPosition {
  count: number;
  key: string;
}

interface GroupRow {
  key: string;
  error_class: SyncErrorClass;
  error_code: string | null;
  error_field: string | null;
  message: string;
  count: number;
  product_count: number;
  channel_ids: string[];
  platforms: Platform[];
  product_id: string;
  latest_at: Date;
}

/**
 * Open dead letters grouped by cause, largest group first (ties by key, so pages are stable). The
 * grouping is SQL's: a page of groups never loads the letters themselves.
 */
export class DeadLetterGroupRepository {
  constructor(private readonly ds: DataSource) {}

  async groups(
    limit: number,
    after: GroupPosition | null,
    filter: { platform: Platform | null },
  ): Promise<{ rows: DeadLetterGroupRecord[]; totalCount: number }> {
    const params: unknown[] = [];
    const where = ["d.resolved_at IS NULL"];
    if (filter.platform) where.push(`d.platform = $${params.push(filter.platform)}`);
    const countParams = [...params];
    const having = after
      ? `HAVING count(*) < $${params.push(after.count)}
           OR (count(*) = $${params.length} AND d.cause_key > $${params.push(after.key)})`
      : "";
    const limitParam = params.push(limit);
    const [rows, total] = await Promise.all([
      this.ds.query(
        `SELECT d.cause_key AS key, min(d.error_class) AS error_class,
                (array_agg(d.error_code ORDER BY d.id DESC))[1] AS error_code,
                (array_agg(d.error_field ORDER BY d.id DESC))[1] AS error_field,
                (array_agg(d.error_message ORDER BY d.id DESC))[1] AS message,
                count(*)::int AS count, count(DISTINCT d.product_id)::int AS product_count,
                array_agg(DISTINCT d.channel_id::text) AS channel_ids,
                array_agg(DISTINCT d.platform) AS platforms,
                (array_agg(d.product_id::text ORDER BY d.id DESC))[1] AS product_id,
                max(d.created_at) AS latest_at
         FROM dead_letters d WHERE ${where.join(" AND ")}
         GROUP BY d.cause_key ${having}
         ORDER BY count(*) DESC, d.cause_key LIMIT $${limitParam}`,
        params,
      ) as Promise<GroupRow[]>,
      this.ds.query(
        `SELECT count(DISTINCT d.cause_key)::int AS n FROM dead_letters d WHERE ${where.join(" AND ")}`,
        countParams,
      ) as Promise<{ n: number }[]>,
    ]);
    return { rows: rows.map(toGroup), totalCount: total[0]!.n };
  }
}

/**
 * The open dead letters of one group, locked for a retry in the same transaction. At most `limit`
 * come back, so a caller can tell a group too large for one batch by asking for one more.
 */
export async function openDeadLetterIdsOfGroup(
  em: EntityManager,
  key: string,
  limit: number,
): Promise<string[]> {
  const rows: { id: string }[] = await em.query(
    `SELECT d.id::text FROM dead_letters d WHERE d.cause_key = $1 AND d.resolved_at IS NULL
     ORDER BY d.id DESC LIMIT $2 FOR UPDATE`,
    [key, limit],
  );
  return rows.map((r) => r.id);
}

function toGroup(r: GroupRow): DeadLetterGroupRecord {
  return {
    key: r.key,
    errorClass: r.error_class,
    errorCode: r.error_code ?? null,
    errorField: r.error_field ?? null,
    message: r.message,
    count: Number(r.count),
    productCount: Number(r.product_count),
    channelIds: [...r.channel_ids].sort((a, b) => Number(a) - Number(b)),
    platforms: [...r.platforms].sort(),
    productId: r.product_id,
    latestAt: r.latest_at,
  };
}
