import type { DataSource } from "typeorm";
import type { Logger } from "@syncstore/config";
import { drainAutoSync, isDatabaseUnavailable, type AutoSyncDrain } from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";

export interface AutoSyncOptions {
  ds: DataSource;
  queues: SyncQueues;
  logger: Logger;
  /** How long after a product's latest edit it is synced (AUTO_SYNC_DEBOUNCE_MS). */
  debounceMs: number;
  /** How long an edited product waits at most, however often it is edited (AUTO_SYNC_MAX_WAIT_MS). */
  maxWaitMs: number;
  /** How often due products are looked for (AUTO_SYNC_POLL_MS); 0 turns automatic sync off in this process. */
  pollMs: number;
  /** Products per round. */
  limit?: number;
}

/**
 * Carries master edits to the marketplaces by themselves: the edits' triggers leave pending rows in
 * PostgreSQL, and every poll this drains the due ones into one ordinary SYNC batch (ledger, queues,
 * rate limits, progress), attributed to AUTO_SYNC_REQUESTER. Any number of workers may poll.
 */
export class AutoSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly opts: AutoSyncOptions) {}

  start(): void {
    if (this.opts.pollMs === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((e: unknown) => {
          // The ledger writer already reports PostgreSQL going away; pending rows wait for the next poll.
          if (!isDatabaseUnavailable(e)) this.opts.logger.error("automatic sync round failed", e);
        })
        .finally(() => (this.running = null));
    }, this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: the due products' batch written, then enqueued. */
  async runOnce(): Promise<AutoSyncDrain> {
    const { debounceMs, maxWaitMs } = this.opts;
    const drained = await this.opts.ds.transaction((em) =>
      drainAutoSync(em, { debounceMs, maxWaitMs, limit: this.opts.limit ?? 1000 }),
    );
    const result = drained.batch;
    if (!result) return drained;
    const batchId = result.batch.id;
    this.opts.logger.info("automatic sync: edited products sent", {
      batchId,
      products: drained.products,
      items: result.items.length,
    });
    // Written before enqueued: if Redis is away, the reconciler enqueues what the ledger holds.
    await this.opts.queues.enqueue(result.items.map((i) => ({ ...i, batchId }))).catch((e: unknown) =>
      this.opts.logger.warn("automatic sync batch written but not enqueued; the reconciler enqueues it", {
        batchId,
        err: e,
      }),
    );
    return drained;
  }
}
