import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The worker's Prometheus metrics. Every label has a small, fixed set of values — platforms, outcomes,
 * error classes, endpoint templates, channel ids, job states — never a product, item or batch id, so
 * the number of series does not grow with the catalog.
 */
export interface WorkerMetrics {
  registry: Registry;
  syncItems: Counter<"platform" | "outcome" | "error_class">;
  requestDuration: Histogram<"platform" | "endpoint" | "status_class">;
  rateLimited: Counter<"platform">;
  tokenRefresh: Counter<"platform" | "result">;
  queueJobs: Gauge<"channel" | "state">;
  deadLetters: Gauge<"platform" | "error_class">;
}

export interface GaugeSources {
  /** Job counts of every channel queue this worker serves, by state. */
  queueJobs(): Promise<{ channel: string; state: string; count: number }[]>;
  /** Open (unresolved) dead letters by platform and error class. */
  deadLetters(): Promise<{ platform: string; errorClass: string; count: number }[]>;
}

/** One registry per worker, so tests running several workers in one process do not collide. */
export function createWorkerMetrics(sources: GaugeSources): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "syncstore_worker_" });
  const registers = [registry];
  return {
    registry,
    syncItems: new Counter({
      name: "syncstore_sync_items_total",
      help: "Item outcomes committed to the ledger (succeeded, skipped, failed = will retry, dead_lettered, cancelled, rate_limited = put back)",
      labelNames: ["platform", "outcome", "error_class"],
      registers,
    }),
    requestDuration: new Histogram({
      name: "syncstore_marketplace_request_duration_seconds",
      help: "Marketplace HTTP calls by endpoint template and status class (timeouts and refused connections: status_class none)",
      labelNames: ["platform", "endpoint", "status_class"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    }),
    rateLimited: new Counter({
      name: "syncstore_marketplace_rate_limited_total",
      help: "Marketplace calls refused for the rate limit (HTTP 429 or the platform's rate-limit error)",
      labelNames: ["platform"],
      registers,
    }),
    tokenRefresh: new Counter({
      name: "syncstore_token_refresh_total",
      help: "Access-token refresh calls by result",
      labelNames: ["platform", "result"],
      registers,
    }),
    queueJobs: new Gauge({
      name: "syncstore_queue_jobs",
      help: "Jobs in each channel's queue by state, read from Redis at scrape time",
      labelNames: ["channel", "state"],
      registers,
      async collect() {
        this.reset();
        for (const r of await sources.queueJobs()) this.set({ channel: r.channel, state: r.state }, r.count);
      },
    }),
    deadLetters: new Gauge({
      name: "syncstore_dead_letters",
      help: "Open dead letters by platform and error class, read from PostgreSQL at scrape time",
      labelNames: ["platform", "error_class"],
      registers,
      async collect() {
        this.reset();
        for (const r of await sources.deadLetters())
          this.set({ platform: r.platform, error_class: r.errorClass }, r.count);
      },
    }),
  };
}
