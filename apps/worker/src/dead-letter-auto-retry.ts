import type { DataSource } from "typeorm";
import { SyncError, type SyncErrorClass } from "@syncstore/core";
import type { Logger } from "@syncstore/config";
import {
  autoRetryCandidates,
  isDatabaseUnavailable,
  retryDeadLetters,
  type AutoRetryCandidate,
} from "@syncstore/db";
import type { CallRecord } from "@syncstore/marketplaces";
import type { SyncQueues } from "@syncstore/queue";
import type { ChannelRuntime } from "./channels";

/** A seller SKU no listing carries: looking it up is one cheap read that finds nothing. */
export const PROBE_SELLER_SKU = "syncstore-health-probe";
/** One round at a time across every worker process of this database (an advisory lock's name). */
const ROUND_LOCK = "syncstore:dead-letter-auto-retry";
/** A round retries at most this many dead letters per channel; the next round takes the rest. */
const LIMIT_PER_CHANNEL = 2000;

export interface DeadLetterAutoRetryOptions {
  ds: DataSource;
  queues: SyncQueues;
  /** The enabled channels' current snapshots: a disabled channel's dead letters wait. */
  channels: () => ReadonlyMap<string, ChannelRuntime>;
  logger: Logger;
  /** Automatic retries per dead letter; 0 turns the loop off. */
  maxAutoRetries: number;
  /** A dead letter is retried no sooner than this after its last failure. */
  retryIntervalMs: number;
  /** How often channels with such dead letters are probed. */
  probeIntervalMs: number;
  /** Sees the probes' marketplace calls (metrics). */
  onCall?: (call: CallRecord) => void;
}

export interface ChannelRound {
  channelId: string;
  platform: string;
  /** Null when the probe answered; else what it failed with, and nothing was retried. */
  probeError: SyncErrorClass | null;
  batchId: string | null;
  retried: number;
}

/** `ran` is false when another worker held the round. */
export interface AutoRetryRound {
  ran: boolean;
  channels: ChannelRound[];
}

/**
 * Finding 4 of issue 14: an outage that outlasts an item's fast and slow attempts leaves transient
 * dead letters, and those should not need a person. Every probe interval, each enabled channel that
 * has open NETWORK / SYSTEM / UNKNOWN / RATE_LIMIT dead letters (old enough, retries left) is asked
 * one cheap read through its own client, tokens and rate limiter; when it answers, its dead letters
 * are retried exactly as `retryDeadLetters` retries them for a person — one new batch, the old
 * batches untouched — attributed to the worker, each counting one automatic retry in PostgreSQL.
 */
export class DeadLetterAutoRetry {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /** Channels whose last probe failed, so "still down" is logged once per outage, not every probe. */
  private readonly down = new Set<string>();

  constructor(private readonly opts: DeadLetterAutoRetryOptions) {}

  start(): void {
    if (this.opts.maxAutoRetries === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((e: unknown) => {
          // The ledger writer already reports PostgreSQL going away; the next probe tries again.
          if (!isDatabaseUnavailable(e)) this.opts.logger.error("dead-letter auto-retry round failed", e);
        })
        .finally(() => (this.running = null));
    }, this.opts.probeIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round, if no other worker is running one. */
  async runOnce(): Promise<AutoRetryRound> {
    const runner = this.opts.ds.createQueryRunner();
    await runner.connect();
    try {
      // A session lock, not a transaction's: the round makes marketplace calls, which no transaction
      // should wait on. A worker that dies mid-round loses its connection and with it the lock.
      const [{ locked }] = (await runner.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
        ROUND_LOCK,
      ])) as [{ locked: boolean }];
      if (!locked) return { ran: false, channels: [] };
      try {
        return { ran: true, channels: await this.round() };
      } finally {
        await runner.query("SELECT pg_advisory_unlock(hashtext($1))", [ROUND_LOCK]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async round(): Promise<ChannelRound[]> {
    const enabled = this.opts.channels();
    const candidates = await autoRetryCandidates(this.opts.ds.manager, {
      channelIds: [...enabled.keys()],
      maxAutoRetries: this.opts.maxAutoRetries,
      minAgeMs: this.opts.retryIntervalMs,
      limitPerChannel: LIMIT_PER_CHANNEL,
    });
    const byChannel = new Map<string, AutoRetryCandidate[]>();
    for (const c of candidates) byChannel.set(c.channelId, [...(byChannel.get(c.channelId) ?? []), c]);
    // Nothing left to retry there (a person did, or discarded them): its next outage is news again.
    for (const channelId of this.down) if (!byChannel.has(channelId)) this.down.delete(channelId);
    return Promise.all(
      [...byChannel].flatMap(([channelId, deadLetters]) => {
        const channel = enabled.get(channelId);
        return channel ? [this.retryChannel(channel, deadLetters)] : [];
      }),
    );
  }

  private async retryChannel(
    channel: ChannelRuntime,
    deadLetters: AutoRetryCandidate[],
  ): Promise<ChannelRound> {
    const { id: channelId, platform } = channel.settings;
    const log = this.opts.logger.child({ channelId, platform });
    const outcome: ChannelRound = { channelId, platform, probeError: null, batchId: null, retried: 0 };
    const failure = await probe(channel, this.opts.onCall);
    if (failure) {
      outcome.probeError = failure.errorClass;
      const details = {
        errorClass: failure.errorClass,
        message: failure.message,
        deadLetters: deadLetters.length,
      };
      if (this.down.has(channelId)) log.debug("dead-letter auto-retry: channel still unhealthy", details);
      else log.warn("dead-letter auto-retry: channel unhealthy, its transient dead letters wait", details);
      this.down.add(channelId);
      return outcome;
    }
    this.down.delete(channelId);
    const result = await this.opts.ds.transaction((em) =>
      retryDeadLetters(
        em,
        deadLetters.map((d) => d.deadLetterId),
        { automatic: true },
      ),
    );
    // A person retried or discarded them meanwhile.
    if (!result.ok) return outcome;
    const batchId = result.batch.id;
    await this.opts.queues.enqueue(result.items.map((i) => ({ ...i, batchId }))).catch((e: unknown) =>
      log.warn("dead-letter auto-retry batch written but not enqueued; the reconciler enqueues it", {
        batchId,
        err: e,
      }),
    );
    const known = new Map(deadLetters.map((d) => [d.deadLetterId, d]));
    const byClass: Record<string, number> = {};
    for (const r of result.retried) {
      const d = known.get(r.deadLetterId);
      if (!d) continue;
      byClass[d.errorClass] = (byClass[d.errorClass] ?? 0) + 1;
      log.info("dead letter retried automatically", {
        batchId,
        deadLetterId: r.deadLetterId,
        itemId: r.retriedItemId,
        retryOfItemId: r.itemId,
        productId: d.productId,
        errorClass: d.errorClass,
        autoRetry: d.autoRetries + 1,
        maxAutoRetries: this.opts.maxAutoRetries,
      });
    }
    log.info(`dead-letter auto-retry: channel healthy, ${result.retried.length} dead letter(s) retried`, {
      batchId,
      retried: result.retried.length,
      byClass,
    });
    return { ...outcome, batchId, retried: result.retried.length };
  }
}

/**
 * One read through the channel's own client (signing, tokens, rate limiter). An expired token is
 * refreshed once, as a job would; anything else that fails means the channel is not healthy yet.
 */
async function probe(
  channel: ChannelRuntime,
  onCall?: (call: CallRecord) => void,
): Promise<SyncError | null> {
  const ctx = onCall ? { onCall } : undefined;
  for (let refreshed = false; ; refreshed = true) {
    const generation = channel.tokens.generation;
    try {
      await channel.adapter.findBySellerSku(PROBE_SELLER_SKU, ctx);
      return null;
    } catch (e) {
      if (isDatabaseUnavailable(e)) throw e;
      const err = asSyncError(e);
      if (err.errorClass !== "AUTHENTICATION" || refreshed) return err;
      try {
        await channel.tokens.ensureFresh(generation, (current) =>
          channel.adapter.refreshTokens(current, ctx),
        );
      } catch (refreshError) {
        if (isDatabaseUnavailable(refreshError)) throw refreshError;
        return asSyncError(refreshError);
      }
    }
  }
}

function asSyncError(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  return new SyncError("UNKNOWN", e instanceof Error ? e.message : String(e), { cause: e });
}
