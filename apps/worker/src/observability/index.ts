import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import type { Logger } from "@syncstore/config";
import { SyncReadRepository, type LedgerEvent } from "@syncstore/db";
import type { CallRecord } from "@syncstore/marketplaces";
import type { SyncQueues } from "@syncstore/queue";
import { mergePrometheusTexts } from "./bullmq-export";
import { EndpointLabels } from "./endpoint-template";
import { HealthCheck, type WatchedWorker } from "./health";
import { listenObservability, type ObservabilityServer } from "./http";
import { createWorkerMetrics, type WorkerMetrics } from "./metrics";
import { recordCall, recordCommitted } from "./record";

/** BullMQ's own completed/failed time series, one data point a minute, kept two weeks. */
export const BULLMQ_METRICS = { maxDataPoints: 60 * 24 * 14 };

export interface WorkerObservability {
  metrics: WorkerMetrics;
  health: HealthCheck;
  /** For `ctx.onCall`: every marketplace exchange. */
  onCall(call: CallRecord): void;
  /** For the ledger's `onCommitted`: every committed item transition. */
  onCommitted(events: readonly LedgerEvent[]): void;
  /** Follows one BullMQ worker for /healthz and its queue for /metrics. */
  watch(worker: WatchedWorker, channelId: string, platform: string): void;
  listen(
    port: number,
    host: string,
    metricsAccess: { token: string | undefined; production: boolean },
  ): Promise<ObservabilityServer>;
  close(): Promise<void>;
}

/** The worker's metrics and health in one place, so the composition root wires them in one line each. */
export function createWorkerObservability(deps: {
  ds: DataSource;
  redis: Redis;
  queues: SyncQueues;
  logger: Logger;
  /** A stalled job within this window makes the worker unhealthy (two lock durations). */
  stallWindowMs: number;
}): WorkerObservability {
  const channels: string[] = [];
  const reads = new SyncReadRepository(deps.ds);
  const metrics = createWorkerMetrics({
    async queueJobs() {
      const counts = await Promise.all(
        channels.map(async (channel) => ({
          channel,
          counts: await deps.queues.queue(channel).getJobCounts(),
        })),
      );
      return counts.flatMap(({ channel, counts: c }) =>
        Object.entries(c).map(([state, count]) => ({ channel, state, count })),
      );
    },
    deadLetters: () => reads.openDeadLetterCounts(),
  });
  const endpoints = new EndpointLabels();
  const health = new HealthCheck(deps.ds, deps.redis, deps.stallWindowMs);
  const servers: ObservabilityServer[] = [];
  return {
    metrics,
    health,
    onCall: (call) => recordCall(metrics, endpoints, call),
    onCommitted: (events) => recordCommitted(metrics, events),
    watch(worker, channelId, platform) {
      channels.push(channelId);
      health.watch(worker, channelId, platform);
    },
    async listen(port, host, metricsAccess) {
      const server = await listenObservability({
        port,
        host,
        metricsAccess,
        health,
        metrics,
        logger: deps.logger,
        bullmqMetrics: async () =>
          mergePrometheusTexts(
            await Promise.all(
              channels.map((c) => deps.queues.queue(c).exportPrometheusMetrics({ channel: c })),
            ),
          ),
      });
      servers.push(server);
      return server;
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      health.close();
    },
  };
}
