import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { applyTransitions, jobIdSql, type LedgerEvent } from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import type { Logger } from "@syncstore/config";

interface OpenItem {
  id: string;
  batch_id: string;
  channel_id: string;
  status: string;
  job_id: string;
  max_attempts: number;
}

/**
 * PostgreSQL says what is unfinished; Redis may have lost it (restart, flush, failover). Every pass:
 * items RUNNING past their lock go back to QUEUED, and open items whose job is gone are enqueued
 * again. One reconciler at a time across worker processes, by a Redis lease.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      ds: DataSource;
      redis: Redis;
      queues: SyncQueues;
      publish: (events: LedgerEvent[]) => Promise<void>;
      logger: Logger;
      intervalMs: number;
      /** Open items younger than this are left alone: the API may still be enqueueing them. */
      graceMs: number;
      leaseKey?: string;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) {
        this.running = this.runOnce()
          .then(() => undefined)
          .catch((e: unknown) => this.deps.logger.error("reconciler pass failed", e))
          .finally(() => (this.running = null));
      }
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many items it re-enqueued. Safe to call any time. */
  async runOnce(): Promise<number> {
    const { redis, ds, queues } = this.deps;
    const lease = this.deps.leaseKey ?? "{syncstore}:reconciler:lease";
    const got = await redis.set(
      lease,
      String(process.pid),
      "PX",
      Math.max(this.deps.intervalMs * 2, 5000),
      "NX",
    );
    if (got !== "OK") return 0;
    try {
      const stuck: { id: string }[] = await ds.query(
        `SELECT id::text FROM sync_items WHERE status = 'RUNNING' AND locked_until < now() ORDER BY id LIMIT 10000`,
      );
      if (stuck.length) {
        const events = await ds.transaction((em) =>
          applyTransitions(
            em,
            stuck.map((s) => ({ itemId: s.id, to: "QUEUED" as const, lockedUntil: null })),
          ),
        );
        await this.deps.publish(events);
        this.deps.logger.warn(
          `reconciler: ${events.length} item(s) stuck RUNNING past their lock went back to the queue`,
        );
      }
      const open: OpenItem[] = await ds.query(
        `SELECT i.id::text, i.batch_id::text, i.channel_id::text, i.status, ${jobIdSql("i")} AS job_id, c.max_attempts
         FROM sync_items i
         JOIN sync_batches b ON b.id = i.batch_id AND b.status IN ('QUEUED', 'RUNNING')
         JOIN channels c ON c.id = i.channel_id
         WHERE i.status IN ('QUEUED', 'FAILED') AND i.updated_at < now() - make_interval(secs => $1::float / 1000)
         ORDER BY i.id LIMIT 50000`,
        [this.deps.graceMs],
      );
      let requeued = 0;
      const byChannel = new Map<string, OpenItem[]>();
      for (const item of open)
        byChannel.set(item.channel_id, [...(byChannel.get(item.channel_id) ?? []), item]);
      for (const [channelId, items] of byChannel) {
        const missing = new Set(
          await queues.missingJobs(
            channelId,
            items.map((i) => ({ itemId: i.id, jobId: i.job_id })),
          ),
        );
        const lost = items.filter((i) => missing.has(i.id));
        if (lost.length === 0) continue;
        await queues.enqueue(
          lost.map((i) => ({
            itemId: i.id,
            batchId: i.batch_id,
            channelId,
            maxAttempts: i.max_attempts,
            jobId: i.job_id,
          })),
        );
        requeued += lost.length;
      }
      if (requeued)
        this.deps.logger.warn(`reconciler: re-enqueued ${requeued} item(s) whose job was lost from Redis`);
      return requeued;
    } finally {
      await redis.del(lease).catch(() => 0);
    }
  }
}
