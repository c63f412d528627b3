import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { applyTransitions, OpenItemsRepository, type LedgerEvent, type OpenItemRecord } from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import type { Logger } from "@syncstore/config";

/**
 * PostgreSQL says what is unfinished; Redis may have lost it (restart, flush, failover). Every pass:
 * items RUNNING past their lock go back to QUEUED, and open items whose job is gone are enqueued
 * again. One reconciler at a time across worker processes, by a Redis lease.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly ledger: OpenItemsRepository;

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
  ) {
    this.ledger = new OpenItemsRepository(deps.ds);
  }

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
      const stuck = await this.ledger.expiredLocks();
      let released: string[] = [];
      if (stuck.length) {
        const events = await ds.transaction((em) =>
          applyTransitions(
            em,
            stuck.map((itemId) => ({ itemId, to: "QUEUED" as const, lockedUntil: null })),
          ),
        );
        released = events.map((e) => e.transition.itemId);
        await this.deps.publish(events);
        this.deps.logger.warn(
          `reconciler: ${events.length} item(s) stuck RUNNING past their lock went back to the queue`,
        );
      }
      // A released item whose job Redis lost is enqueued in this pass, not a grace period later: it
      // has already waited out its lock.
      const open = await this.ledger.idle(this.deps.graceMs, undefined, released);
      let requeued = 0;
      const byChannel = new Map<string, OpenItemRecord[]>();
      for (const item of open)
        byChannel.set(item.channelId, [...(byChannel.get(item.channelId) ?? []), item]);
      for (const [channelId, items] of byChannel) {
        const missing = new Set(
          await queues.missingJobs(
            channelId,
            items.map((i) => ({ itemId: i.itemId, jobId: i.jobId })),
          ),
        );
        const lost = items.filter((i) => missing.has(i.itemId));
        if (lost.length === 0) continue;
        await queues.enqueue(
          lost.map((i) => ({
            itemId: i.itemId,
            batchId: i.batchId,
            channelId,
            jobId: i.jobId,
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
