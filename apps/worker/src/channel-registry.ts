import type { Redis } from "ioredis";
import type { Logger } from "@syncstore/config";
import type { RunnableChannel } from "@syncstore/db";
import type { ChannelRuntime } from "./channels";

export interface ChannelRegistryOptions {
  /** Every channel, enabled or not. */
  load(): Promise<RunnableChannel[]>;
  /** A client for a channel this process has not talked to yet. */
  build(channel: RunnableChannel): ChannelRuntime;
  /** Told after a channel's settings changed, before its next item is taken (drop caches of it). */
  onChanged(channelId: string): void;
  /** A channel became enabled (or was found enabled): its queue is to be worked. */
  onEnabled(channelId: string, runtime: ChannelRuntime): Promise<void>;
  /** A channel was disabled: its queue is to be left alone; running items finish. */
  onDisabled(channelId: string): Promise<void>;
  logger: Logger;
}

/**
 * The worker's channels, kept in step with PostgreSQL without a restart. `updateChannel` announces a
 * change on the channel-changes topic; the row is read again and its settings (multiplier, attempts,
 * title limits, rate limit, enabled) replace the old ones as one snapshot, so an item sees either
 * every old setting or every new one. A periodic re-read catches an announcement that was lost
 * (pub/sub delivers at most once, and not while the connection is down).
 *
 * A channel's shop (platform, shop_id) never changes, so its client and tokens are kept across
 * changes; a shop connected later is a new row and gets its own client on the next read.
 */
export class ChannelRegistry {
  /** Enabled channels' current snapshots: what the review follow-up polls. */
  readonly enabled = new Map<string, ChannelRuntime>();
  /** Every channel this process built a client for, disabled ones too: items already taken finish on it. */
  private readonly loaded = new Map<string, { row: string; enabled: boolean; runtime: ChannelRuntime }>();
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Channels announced since the last read began; their caches go even when their row looks the same. */
  private announced = new Set<string>();

  constructor(private readonly opts: ChannelRegistryOptions) {}

  /** The snapshot an item starts with; undefined for a channel this process never had enabled. */
  get(channelId: string): ChannelRuntime | undefined {
    return this.loaded.get(channelId)?.runtime;
  }

  /**
   * Reads every row and applies what changed. Calls made while one runs share a single next read,
   * which starts after it: a burst of announcements costs two reads, and the last change always wins.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.apply();
      });
    this.queued = next;
    this.running = next;
    return next;
  }

  /**
   * Listens for announcements on `topic` over `subscriber` (a connection of its own: a subscribed
   * connection can do nothing else) and re-reads every `intervalMs` as a safety net.
   */
  async listen(subscriber: Redis, topic: string, intervalMs: number): Promise<void> {
    subscriber.on("message", (channel: string, channelId: string) => {
      if (channel !== topic) return;
      // The shipping profile lives with the mapping, not in the row read here.
      this.announced.add(channelId);
      this.refreshLogged("announced change");
    });
    // ioredis subscribes again after a reconnect; what was announced meanwhile is read now.
    subscriber.on("ready", () => this.refreshLogged("reconnected"));
    await subscriber.subscribe(topic);
    this.timer = setInterval(() => this.refreshLogged("periodic check"), intervalMs);
    this.timer.unref();
  }

  /** Stops listening and waits for a read in progress; the runtimes are the caller's to close. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }

  /** Every runtime built, for closing. */
  runtimes(): ChannelRuntime[] {
    return [...this.loaded.values()].map((c) => c.runtime);
  }

  private refreshLogged(why: string): void {
    if (this.closed) return;
    this.refresh().catch((e: unknown) =>
      this.opts.logger.warn(`channel settings not re-read (${why}); the next check tries again`, { err: e }),
    );
  }

  private async apply(): Promise<void> {
    if (this.closed) return;
    // Announced before this read began, so this read sees their change; later ones read again.
    const announced = this.announced;
    this.announced = new Set();
    let rows: RunnableChannel[];
    try {
      rows = await this.opts.load();
    } catch (e) {
      for (const id of announced) this.announced.add(id);
      throw e;
    }
    for (const row of rows) {
      const id = row.settings.id;
      const text = JSON.stringify(row);
      const known = this.loaded.get(id);
      if (known?.row === text) {
        if (announced.has(id)) this.opts.onChanged(id);
        continue;
      }
      if (!known && !row.enabled) continue;
      const runtime = known ? known.runtime.reconfigure(row) : this.opts.build(row);
      // In one synchronous step: the next item taken finds the new snapshot and no stale cache.
      this.loaded.set(id, { row: text, enabled: row.enabled, runtime });
      this.opts.onChanged(id);
      if (row.enabled) this.enabled.set(id, runtime);
      else this.enabled.delete(id);
      if (known)
        this.opts.logger.info("channel settings reloaded", {
          channelId: id,
          priceMultiplier: row.settings.priceMultiplier,
          maxAttempts: row.settings.maxAttempts,
          rateLimitPerSecond: row.rateLimitPerSecond,
          enabled: row.enabled,
        });
      if (row.enabled && !known?.enabled) await this.opts.onEnabled(id, runtime);
      else if (!row.enabled && known?.enabled) await this.opts.onDisabled(id);
    }
  }
}
