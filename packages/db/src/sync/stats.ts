import type { DataSource } from "typeorm";

export const STATS_BUCKETS = ["MINUTE", "HOUR", "DAY"] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];
/** A query covers at most this many buckets: a month of hours, a quarter of days, a day of minutes. */
export const MAX_STATS_BUCKETS = 2000;

const UNIT: Record<StatsBucket, { trunc: string; step: string; ms: number }> = {
  MINUTE: { trunc: "minute", step: "1 minute", ms: 60_000 },
  HOUR: { trunc: "hour", step: "1 hour", ms: 3_600_000 },
  DAY: { trunc: "day", step: "1 day", ms: 86_400_000 },
};

export interface SyncStatsQuery {
  from: Date;
  to: Date;
  bucket: StatsBucket;
  channelId?: string | null;
}

export interface SyncStatsBucketRow {
  /** The bucket's start (UTC). */
  at: Date;
  /** Items that ended in the bucket, by how they ended. */
  succeeded: number;
  skipped: number;
  deadLettered: number;
  /** Attempts that failed in the bucket and were retried or dead-lettered (one per item and attempt). */
  failed: number;
  /** Marketplace calls made in the bucket, and their latency. */
  calls: number;
  p50Ms: number | null;
  p95Ms: number | null;
  errorsByClass: { errorClass: string; count: number }[];
}

/** How many buckets `query` spans, so a caller can refuse a range before it is read. */
export function bucketCount(query: Pick<SyncStatsQuery, "from" | "to" | "bucket">): number {
  const unit = UNIT[query.bucket].ms;
  return Math.max(0, Math.ceil((query.to.getTime() - Math.floor(query.from.getTime() / unit) * unit) / unit));
}

/**
 * Sync analytics from the ledger, one row per bucket of [from, to) — empty buckets included, so a
 * chart has no gaps. Items are counted when they ended (`finished_at`), calls when they were made
 * (`sync_logs.created_at`); both columns are BRIN-indexed, which keeps a month of hours on millions of
 * rows to a range scan. Buckets are UTC.
 */
export async function syncStats(ds: DataSource, query: SyncStatsQuery): Promise<SyncStatsBucketRow[]> {
  const unit = UNIT[query.bucket];
  const params: unknown[] = [query.from, query.to, query.channelId ?? null];
  const channel = (alias: string) => `($3::bigint IS NULL OR ${alias}.channel_id = $3::bigint)`;
  const rows: {
    at: Date;
    succeeded: number | null;
    skipped: number | null;
    dead_lettered: number | null;
    failed: number | null;
    calls: number | null;
    p50: number | null;
    p95: number | null;
    errors: { errorClass: string; count: number }[] | null;
  }[] = await ds.query(
    `WITH buckets AS (
       SELECT generate_series(date_trunc('${unit.trunc}', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                              $2::timestamptz - interval '1 microsecond', interval '${unit.step}') AS at
     ),
     items AS (
       SELECT date_trunc('${unit.trunc}', i.finished_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at,
              count(*) FILTER (WHERE i.status = 'SUCCEEDED')::int AS succeeded,
              count(*) FILTER (WHERE i.status = 'SKIPPED')::int AS skipped,
              count(*) FILTER (WHERE i.status = 'DEAD_LETTERED')::int AS dead_lettered
       FROM sync_items i
       WHERE i.finished_at >= $1 AND i.finished_at < $2 AND ${channel("i")}
       GROUP BY 1
     ),
     calls AS (
       SELECT date_trunc('${unit.trunc}', l.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at,
              count(*)::int AS calls,
              count(DISTINCT (l.item_id, l.attempt)) FILTER (WHERE l.error_class IS NOT NULL)::int AS failed,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY l.duration_ms) AS p50,
              percentile_disc(0.95) WITHIN GROUP (ORDER BY l.duration_ms) AS p95
       FROM sync_logs l
       WHERE l.created_at >= $1 AND l.created_at < $2 AND ${channel("l")}
       GROUP BY 1
     ),
     errors AS (
       SELECT at, json_agg(json_build_object('errorClass', error_class, 'count', n) ORDER BY n DESC, error_class) AS errors
       FROM (
         SELECT date_trunc('${unit.trunc}', l.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at, l.error_class, count(*)::int AS n
         FROM sync_logs l
         WHERE l.created_at >= $1 AND l.created_at < $2 AND l.error_class IS NOT NULL AND ${channel("l")}
         GROUP BY 1, 2
       ) e
       GROUP BY at
     )
     SELECT b.at, it.succeeded, it.skipped, it.dead_lettered, c.failed, c.calls, c.p50, c.p95, e.errors
     FROM buckets b
     LEFT JOIN items it ON it.at = b.at
     LEFT JOIN calls c ON c.at = b.at
     LEFT JOIN errors e ON e.at = b.at
     ORDER BY b.at`,
    params,
  );
  return rows.map((r) => ({
    at: r.at,
    succeeded: r.succeeded ?? 0,
    skipped: r.skipped ?? 0,
    deadLettered: r.dead_lettered ?? 0,
    failed: r.failed ?? 0,
    calls: r.calls ?? 0,
    p50Ms: r.p50,
    p95Ms: r.p95,
    errorsByClass: r.errors ?? [],
  }));
}

/** The longest range `slowestEndpoints` reads: a quarter, as the widest stats range. */
export const MAX_ENDPOINT_RANGE_DAYS = 92;

export interface SlowEndpointRow {
  platform: string;
  endpoint: string;
  method: string;
  calls: number;
  failed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * The marketplace endpoints with the slowest calls over [from, to), by p95 then call count — where a
 * batch waits. From `sync_logs` alone, on the same BRIN-indexed `created_at` range as `syncStats`.
 */
export async function slowestEndpoints(
  ds: DataSource,
  query: { from: Date; to: Date; channelId?: string | null; first: number },
): Promise<SlowEndpointRow[]> {
  const rows: {
    platform: string;
    endpoint: string;
    method: string;
    calls: number;
    failed: number;
    p50: number;
    p95: number;
    max: number;
  }[] = await ds.query(
    // A path holding a resource id (TikTok's /products/{id}) is one endpoint, not one per product.
    `SELECT l.platform, regexp_replace(l.endpoint, '/[0-9]{10,}(?=/|$)', '/{id}', 'g') AS endpoint, l.method,
            count(*)::int AS calls,
            count(*) FILTER (WHERE l.error_class IS NOT NULL)::int AS failed,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY l.duration_ms) AS p50,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY l.duration_ms) AS p95,
            max(l.duration_ms)::int AS max
     FROM sync_logs l
     WHERE l.created_at >= $1 AND l.created_at < $2 AND ($3::bigint IS NULL OR l.channel_id = $3::bigint)
     GROUP BY 1, 2, 3
     ORDER BY p95 DESC, calls DESC, 1, 2, 3
     LIMIT $4`,
    [query.from, query.to, query.channelId ?? null, query.first],
  );
  return rows.map((r) => ({
    platform: r.platform,
    endpoint: r.endpoint,
    method: r.method,
    calls: r.calls,
    failed: r.failed,
    p50Ms: r.p50,
    p95Ms: r.p95,
    maxMs: r.max,
  }));
}
