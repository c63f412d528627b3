import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import { pingDatabase } from "@syncstore/db";

export interface WorkerHealth {
  status: "ok" | "degraded";
  postgres: string;
  redis: string;
  eventLoopDelayMs: number;
  workers: { channel: string; platform: string; running: boolean; stalledJobs: number; status: string }[];
}

/** What health needs of a BullMQ Worker (of any job type). */
export interface WatchedWorker {
  isRunning(): boolean;
  on(event: "stalled", listener: (jobId: string) => void): unknown;
}

interface Watched {
  channel: string;
  platform: string;
  worker: WatchedWorker;
  /** Times this worker's stalled check found jobs whose lock had run out. */
  stalls: number[];
}

/** A blocked event loop is what stalls jobs (locks are renewed on it); past this the worker is unhealthy. */
const MAX_EVENT_LOOP_DELAY_MS = 2000;

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * What /healthz answers: PostgreSQL and Redis reachable, and every BullMQ worker running and not
 * stalled — no job of its queue lost its lock within the last `stallWindowMs`, and the event loop
 * that renews those locks is not blocked.
 */
export class HealthCheck {
  private readonly watched: Watched[] = [];
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });

  constructor(
    private readonly ds: DataSource,
    private readonly redis: Redis,
    private readonly stallWindowMs: number,
  ) {
    this.loop.enable();
  }

  watch(worker: WatchedWorker, channel: string, platform: string): void {
    const entry: Watched = { channel, platform, worker, stalls: [] };
    worker.on("stalled", () => entry.stalls.push(Date.now()));
    this.watched.push(entry);
  }

  async check(): Promise<WorkerHealth> {
    const [postgres, redis] = await Promise.all([
      probe(() => pingDatabase(this.ds), 2000),
      probe(() => this.redis.ping(), 2000),
    ]);
    const since = Date.now() - this.stallWindowMs;
    const workers = this.watched.map((w) => {
      w.stalls = w.stalls.filter((t) => t >= since);
      const running = w.worker.isRunning();
      const status = !running ? "not running" : w.stalls.length > 0 ? "stalled" : "ok";
      return { channel: w.channel, platform: w.platform, running, stalledJobs: w.stalls.length, status };
    });
    const eventLoopDelayMs = Math.round(this.loop.max / 1e6);
    this.loop.reset();
    const ok =
      postgres === "ok" &&
      redis === "ok" &&
      workers.every((w) => w.status === "ok") &&
      eventLoopDelayMs < MAX_EVENT_LOOP_DELAY_MS;
    return { status: ok ? "ok" : "degraded", postgres, redis, eventLoopDelayMs, workers };
  }

  close(): void {
    this.loop.disable();
  }
}
