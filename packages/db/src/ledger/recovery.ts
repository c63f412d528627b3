import type { DataSource } from "typeorm";
import { jobIdSql } from "./batches";

/** An unfinished item with what it takes to enqueue it again. */
export interface OpenItemRecord {
  itemId: string;
  batchId: string;
  channelId: string;
  jobId: string;
}

interface OpenItemRow {
  id: string;
  batch_id: string;
  channel_id: string;
  job_id: string;
}

/**
 * What the reconciler asks the ledger: which items a dead or stalled worker left behind, and which
 * open items have not moved for a while (their job may be gone from Redis). Bounded reads: a pass
 * handles at most `limit` items and the next pass takes the rest.
 */
export class OpenItemsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Ids of items RUNNING past their lock, in id order. */
  async expiredLocks(limit = 10_000): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id::text FROM sync_items WHERE status = 'RUNNING' AND locked_until < now() ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * QUEUED or FAILED items of open batches, unchanged for `graceMs` or longer, in id order. Younger
   * ones are left out: the API may still be enqueueing them — except `released`, items just taken
   * back from a dead claim, whose jobs were enqueued long ago.
   */
  async idle(graceMs: number, limit = 50_000, released: readonly string[] = []): Promise<OpenItemRecord[]> {
    const rows: OpenItemRow[] = await this.ds.query(
      `SELECT i.id::text, i.batch_id::text, i.channel_id::text, ${jobIdSql("i")} AS job_id
       FROM sync_items i
       JOIN sync_batches b ON b.id = i.batch_id AND b.status IN ('QUEUED', 'RUNNING')
       WHERE i.status IN ('QUEUED', 'FAILED')
         AND (i.updated_at < now() - make_interval(secs => $1::float / 1000) OR i.id = ANY($3::bigint[]))
       ORDER BY i.id LIMIT $2`,
      [graceMs, limit, released],
    );
    return rows.map((r) => ({
      itemId: r.id,
      batchId: r.batch_id,
      channelId: r.channel_id,
      jobId: r.job_id,
    }));
  }
}
