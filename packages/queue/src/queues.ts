import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { bullmqTelemetry, currentTraceparent, withSpan } from "@syncstore/telemetry";
import type { SyncItemJob } from "./jobs";
import { QUEUE_PREFIX, syncQueueName } from "./names";

export interface EnqueueItem {
  itemId: string;
  batchId: string;
  channelId: string;
  /** The item's current job id (sync_items.job_id): a retried dead letter gets a new one. */
  jobId: string;
}

export interface QueueCounts {
  channelId: string;
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
  prioritized: number;
  workers: number;
}

/**
 * Completed and failed jobs are trimmed: the history lives in PostgreSQL, so Redis memory stays
 * bounded however many items go through.
 */
/**
 * BullMQ's own attempt count is only a ceiling against a job that throws forever: the budget is kept
 * in PostgreSQL, which survives Redis losing its data, and a database outage spends none of it.
 */
export const JOB_ATTEMPT_CEILING = 1000;

export const JOB_RETENTION = { removeOnComplete: { count: 200 }, removeOnFail: { count: 500 } } as const;

/** The producer side of the sync queues, shared by the API (enqueue) and the worker's reconciler. */
export class SyncQueues {
  private readonly queues = new Map<string, Queue<SyncItemJob["data"], void, SyncItemJob["name"]>>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string = QUEUE_PREFIX,
  ) {}

  queue(channelId: string): Queue<SyncItemJob["data"], void, SyncItemJob["name"]> {
    let q = this.queues.get(channelId);
    if (!q) {
      q = new Queue<SyncItemJob["data"], void, SyncItemJob["name"]>(syncQueueName(channelId), {
        connection: this.connection,
        prefix: this.prefix,
        telemetry: bullmqTelemetry(),
      });
      this.queues.set(channelId, q);
    }
    return q;
  }

  /** Adds one job per item, in chunks; deterministic job ids make a repeated enqueue a no-op. */
  async enqueue(items: readonly EnqueueItem[]): Promise<void> {
    if (items.length === 0) return;
    await withSpan("sync.enqueue", { "syncstore.items": items.length }, () => this.addJobs(items));
  }

  private async addJobs(items: readonly EnqueueItem[]): Promise<void> {
    // The enqueue span's context: every job continues the trace of the request that queued it.
    const traceparent = currentTraceparent();
    const byChannel = new Map<string, EnqueueItem[]>();
    for (const item of items) {
      const list = byChannel.get(item.channelId) ?? [];
      list.push(item);
      byChannel.set(item.channelId, list);
    }
    for (const [channelId, list] of byChannel) {
      const q = this.queue(channelId);
      for (let i = 0; i < list.length; i += 1000) {
        await q.addBulk(
          list.slice(i, i + 1000).map((item) => ({
            name: "sync-item" as const,
            data: { itemId: item.itemId, batchId: item.batchId, ...(traceparent ? { traceparent } : {}) },
            opts: {
              jobId: item.jobId,
              attempts: JOB_ATTEMPT_CEILING,
              backoff: { type: "syncstore" },
              ...JOB_RETENTION,
            },
          })),
        );
      }
    }
  }

  /** Which of these items have no job in Redis any more (lost to a restart or a flush). */
  async missingJobs(
    channelId: string,
    items: readonly { itemId: string; jobId: string }[],
  ): Promise<string[]> {
    if (items.length === 0) return [];
    const q = this.queue(channelId);
    const pipeline = this.connection.pipeline();
    for (const item of items) pipeline.exists(q.toKey(item.jobId));
    const results = (await pipeline.exec()) ?? [];
    return items.filter((_, i) => Number(results[i]?.[1] ?? 0) === 0).map((i) => i.itemId);
  }

  async removeJobs(channelId: string, jobIds: readonly string[]): Promise<void> {
    const q = this.queue(channelId);
    for (const jobId of jobIds) {
      // A job that is active cannot be removed; the worker sees the item is cancelled and skips it.
      await q.remove(jobId).catch(() => 0);
    }
  }

  async counts(channelId: string): Promise<QueueCounts> {
    const q = this.queue(channelId);
    const [c, workers, paused] = await Promise.all([
      q.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized"),
      q.getWorkersCount(),
      q.isPaused(),
    ]);
    return {
      channelId,
      name: q.name,
      waiting: c.waiting ?? 0,
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
      paused,
      prioritized: c.prioritized ?? 0,
      workers,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
