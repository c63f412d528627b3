import { DelayedError, Worker, type Job } from "bullmq";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { SecretsBox, type Config, type Logger } from "@syncstore/config";
import {
  ChannelDirectory,
  LedgerWriter,
  isDatabaseUnavailable,
  MappingRepository,
  ReviewRepository,
  toProgressEvent,
  type LedgerEvent,
} from "@syncstore/db";
import {
  RedisRateLimiter,
  SyncQueues,
  createRedis,
  channelChangesTopic,
  progressTopics,
  publishProgress,
  queuePrefix,
  syncQueueName,
  type SyncItemJob,
} from "@syncstore/queue";
import { SpanKind, bullmqTelemetry, continueTrace, withSpan } from "@syncstore/telemetry";
import { ChannelRegistry } from "./channel-registry";
import { createChannelRuntime, type ChannelRuntime } from "./channels";
import { ItemLoader } from "./item-loader";
import { ChannelMappings } from "./mapping";
import { ChannelRateLimited, RetryLater, processItem } from "./processor";
import { Reconciler } from "./reconciler";
import { BULLMQ_METRICS, createWorkerObservability, type WorkerObservability } from "./observability";
import { logJobFailures } from "./observability/job-log";
import { availabilityLog, watchRedis } from "./observability/availability-log";
import { DeadLetterAutoRetry } from "./dead-letter-auto-retry";
import { AutoSync } from "./auto-sync";
import { ReviewFollowUp } from "./review-follow-up";

export interface SyncWorkerOptions {
  config: Config;
  ds: DataSource;
  logger: Logger;
  /** Redis namespace (BullMQ prefix, topics, rate limits); defaults to REDIS_PREFIX. Tests use a random one. */
  namespace?: string;
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal. A worker that dies (SIGKILL, OOM) leaves its jobs
   * locked this long; then another worker takes them (BullMQ stalled check) and the reconciler puts
   * back items still RUNNING half again later.
   */
  jobLockMs?: number;
  reconcileIntervalMs?: number;
  reconcileGraceMs?: number;
  /** How long a channel's mapping is reused before it is read again (default 5 s). */
  mappingCacheMs?: number;
  /**
   * How often channel settings are re-read in case an announced change was missed (default 30 s);
   * announced changes apply at once.
   */
  channelRefreshMs?: number;
  /** How often the review follow-up looks for due status checks (default 1 s). */
  reviewPollIntervalMs?: number;
  marketplaceTimeoutMs?: number;
  /** Serve /healthz and /metrics on this port (0 = any free one); none when absent. */
  httpPort?: number;
  /** Overrides DEAD_LETTER_AUTO_RETRIES, DEAD_LETTER_AUTO_RETRY_INTERVAL_MS and DEAD_LETTER_PROBE_INTERVAL_MS. */
  deadLetterAutoRetry?: { maxAutoRetries?: number; retryIntervalMs?: number; probeIntervalMs?: number };
  /** Overrides AUTO_SYNC_DEBOUNCE_MS, AUTO_SYNC_MAX_WAIT_MS and AUTO_SYNC_POLL_MS. */
  autoSync?: { debounceMs?: number; maxWaitMs?: number; pollMs?: number };
}

export interface SyncWorker {
  queues: SyncQueues;
  reconciler: Reconciler;
  observability: WorkerObservability;
  /** Where /healthz and /metrics answer, when `httpPort` was given. */
  httpUrl: string | null;
  reviews: ReviewFollowUp;
  /** Retries transient dead letters of channels that are healthy again. */
  deadLetterAutoRetry: DeadLetterAutoRetry;
  /** Turns master edits into automatic SYNC batches. */
  autoSync: AutoSync;
  /** The channels in use, kept in step with PostgreSQL. */
  channels: ChannelRegistry;
  /** Stops taking jobs, lets running ones finish, flushes the ledger, closes connections. */
  close(): Promise<void>;
}

/**
 * The worker's composition root: one BullMQ worker per enabled channel, all sharing one ledger
 * writer, one progress publisher and one Redis rate limiter. Channels enabled, disabled or changed
 * later are followed without a restart (ChannelRegistry).
 */
export async function startSyncWorker(opts: SyncWorkerOptions): Promise<SyncWorker> {
  const { config, ds, logger } = opts;
  const namespace = opts.namespace ?? config.REDIS_PREFIX;
  const prefix = queuePrefix(namespace);
  const topics = progressTopics(namespace);
  const jobLockMs = opts.jobLockMs ?? 30_000;
  const lockMs = Math.round(jobLockMs * 1.5);
  const redis: Redis = createRedis(config.REDIS_URL, { name: "syncstore-worker" });
  const bullConnection: Redis = createRedis(config.REDIS_URL, {
    forBullWorker: true,
    name: "syncstore-worker-bull",
  });
  const limiter = new RedisRateLimiter(redis, `${prefix}:ratelimit:`);
  const queues = new SyncQueues(redis, prefix);
  const observe = createWorkerObservability({ ds, redis, queues, logger, stallWindowMs: lockMs * 2 });
  const redisLog = (connection: string) =>
    availabilityLog(logger.child({ connection }), "Redis", {
      down: "jobs, rate limits and progress wait for it",
      back: "the reconciler re-enqueues what it lost",
    });
  const unwatchRedis = [
    watchRedis(redis, redisLog("syncstore-worker")),
    watchRedis(bullConnection, redisLog("syncstore-worker-bull")),
  ];
  // The ledger writer and every job loading its item notice an outage; it is told once.
  const database = availabilityLog(logger, "PostgreSQL", {
    down: "ledger writes and item loads wait for it",
    back: "ledger writes resume",
  });

  // scrypt derives the key once per process, not once per channel.
  const secretsBox = SecretsBox.fromConfig(config);
  const publish = (events: LedgerEvent[]) =>
    publishProgress(
      redis,
      topics,
      events.map((e) => toProgressEvent(e)),
    );
  const writer = new LedgerWriter(ds, {
    waitForDatabase: { onUnavailable: database.down, onBack: database.up },
    onCommitted: (events) => {
      observe.onCommitted(events);
      return publish(events);
    },
  });
  const loader = new ItemLoader(ds);
  const mappings = new ChannelMappings(new MappingRepository(ds), opts.mappingCacheMs);

  const workers = new Map<string, Worker<SyncItemJob["data"], void, SyncItemJob["name"]>>();
  const directory = new ChannelDirectory(ds);
  const channels: ChannelRegistry = new ChannelRegistry({
    load: () => directory.runnable(),
    build: (channel) =>
      createChannelRuntime(ds, config, channel, limiter, {
        timeoutMs: opts.marketplaceTimeoutMs,
        secretsBox,
        logger,
      }),
    onChanged: (channelId) => {
      mappings.forget(channelId);
      channels.get(channelId)?.tokens.forget();
    },
    onEnabled: async (channelId, runtime) => {
      const worker = workers.get(channelId);
      if (worker) await worker.resume();
      else workers.set(channelId, startChannelWorker(channelId, runtime));
    },
    // Takes no new items; the running ones finish on the snapshot they started with.
    onDisabled: (channelId) => workers.get(channelId)?.pause(true) ?? Promise.resolve(),
    logger,
  });

  const startChannelWorker = (channelId: string, runtime: ChannelRuntime) => {
    const queueName = syncQueueName(channelId);
    const channelLogger = logger.child({ channelId, platform: runtime.settings.platform });
    const runJob = async (job: Job<SyncItemJob["data"], void, SyncItemJob["name"]>, token?: string) => {
      if (!channels.enabled.has(channelId)) {
        // A fetch already waiting when the queue was paused still hands out a job: it goes back
        // untouched (no attempt, no marketplace call) and waits there until the channel is enabled.
        await job.moveToDelayed(Date.now() + 1000, token);
        throw new DelayedError();
      }
      try {
        await processItem(
          {
            loader,
            writer,
            mappings,
            lockMs,
            reviewCheckDelayMs: config.REVIEW_CHECK_DELAY_MS,
            channel: (id) => channels.get(id),
            onCall: observe.onCall,
            logger: channelLogger,
            database: { onUnavailable: database.down, onBack: database.up },
          },
          job,
        );
      } catch (e) {
        if (isDatabaseUnavailable(e)) {
          // Nothing was spent: the job comes back when the database may be there again.
          channelLogger.warn("database unavailable, job put back", { itemId: job.data.itemId, err: e });
          throw new RetryLater("database unavailable", 2000);
        }
        if (e instanceof ChannelRateLimited) {
          // Every worker of this channel waits, calls and jobs alike, and the job keeps its attempt.
          await limiter.pause(`channel:${channelId}`, e.delayMs);
          await queues.queue(channelId).rateLimit(e.delayMs);
          throw Worker.RateLimitError();
        }
        throw e;
      }
    };
    const worker: Worker<SyncItemJob["data"], void, SyncItemJob["name"]> = new Worker(
      queueName,
      // One span per attempt, continuing the trace of the request that queued the item.
      (job: Job<SyncItemJob["data"], void, SyncItemJob["name"]>, token?: string) =>
        withSpan(
          "sync.item",
          {
            "syncstore.batch_id": job.data.batchId,
            "syncstore.item_id": job.data.itemId,
            "syncstore.channel_id": channelId,
            "syncstore.platform": runtime.settings.platform,
            "syncstore.attempt": job.attemptsMade + 1,
          },
          () => runJob(job, token),
          { parent: continueTrace(job.data.traceparent), kind: SpanKind.CONSUMER },
        ),
      {
        connection: bullConnection,
        prefix,
        telemetry: bullmqTelemetry(),
        concurrency: opts.concurrency ?? config.SYNC_CONCURRENCY,
        lockDuration: jobLockMs,
        stalledInterval: Math.max(1000, Math.round(jobLockMs / 2)),
        maxStalledCount: 2,
        metrics: BULLMQ_METRICS,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
            err instanceof RetryLater
              ? err.delayMs
              : Math.min(30_000, 1000 * 2 ** Math.max(0, attemptsMade - 1)),
        },
      },
    );
    worker.on("error", (e) => {
      // After Redis lost its keys (restart, flush) BullMQ cannot finish jobs it no longer has; the
      // result is already in PostgreSQL and the reconciler re-enqueues whatever is still open.
      if (/Missing key for job/.test(e.message)) channelLogger.warn(`${e.message} (job vanished from Redis)`);
      else channelLogger.error("queue error", e);
    });
    observe.watch(worker, channelId, runtime.settings.platform);
    logJobFailures(worker, channelLogger);
    return worker;
  };
  await channels.refresh();
  const subscriber: Redis = createRedis(config.REDIS_URL, { name: "syncstore-worker-channels" });
  await channels.listen(subscriber, channelChangesTopic(namespace), opts.channelRefreshMs ?? 30_000);
  logger.info(
    `worker started: ${channels.enabled.size} channel(s), concurrency ${opts.concurrency ?? config.SYNC_CONCURRENCY} each`,
  );

  const reconciler = new Reconciler({
    ds,
    redis,
    queues,
    publish,
    logger,
    intervalMs: opts.reconcileIntervalMs ?? 10_000,
    graceMs: opts.reconcileGraceMs ?? 15_000,
    leaseKey: `${prefix}:reconciler:lease`,
  });
  reconciler.start();
  const server =
    opts.httpPort === undefined
      ? null
      : await observe.listen(opts.httpPort, config.HOST, {
          token: config.METRICS_TOKEN,
          production: config.NODE_ENV === "production",
        });
  const reviews = new ReviewFollowUp({
    repo: new ReviewRepository(ds),
    channels: channels.enabled,
    logger,
    intervalMs: opts.reviewPollIntervalMs ?? 1000,
    firstDelayMs: config.REVIEW_CHECK_DELAY_MS,
    maxDelayMs: config.REVIEW_CHECK_MAX_DELAY_MS,
  });
  reviews.start();
  const autoRetry = opts.deadLetterAutoRetry ?? {};
  const deadLetterAutoRetry = new DeadLetterAutoRetry({
    ds,
    queues,
    channels: () => channels.enabled,
    logger,
    maxAutoRetries: autoRetry.maxAutoRetries ?? config.DEAD_LETTER_AUTO_RETRIES,
    retryIntervalMs: autoRetry.retryIntervalMs ?? config.DEAD_LETTER_AUTO_RETRY_INTERVAL_MS,
    probeIntervalMs: autoRetry.probeIntervalMs ?? config.DEAD_LETTER_PROBE_INTERVAL_MS,
    onCall: observe.onCall,
  });
  deadLetterAutoRetry.start();
  const autoSync = new AutoSync({
    ds,
    queues,
    logger,
    debounceMs: opts.autoSync?.debounceMs ?? config.AUTO_SYNC_DEBOUNCE_MS,
    maxWaitMs: opts.autoSync?.maxWaitMs ?? config.AUTO_SYNC_MAX_WAIT_MS,
    pollMs: opts.autoSync?.pollMs ?? config.AUTO_SYNC_POLL_MS,
  });
  autoSync.start();

  return {
    queues,
    reconciler,
    observability: observe,
    httpUrl: server?.url ?? null,
    reviews,
    deadLetterAutoRetry,
    autoSync,
    channels,
    async close() {
      await observe.close();
      await autoSync.stop();
      await deadLetterAutoRetry.stop();
      await channels.stop();
      subscriber.disconnect();
      await reconciler.stop();
      await reviews.stop();
      await Promise.all([...workers.values()].map((w) => w.close()));
      await writer.close();
      await Promise.all(channels.runtimes().map((c) => c.close()));
      await queues.close();
      for (const unwatch of unwatchRedis) unwatch();
      redis.disconnect();
      bullConnection.disconnect();
    },
  };
}
