import type { RedisPubSub } from "graphql-redis-subscriptions";
import { FINAL_BATCH_STATUSES, type ItemChange, type ProgressEvent } from "@syncstore/core";
import type { ProgressTopics } from "@syncstore/queue";
import { pushable, type Pushable } from "./pushable";

/** What a batchProgress subscriber receives: the newest state plus the items changed since its last message. */
export interface BatchMessage {
  event: ProgressEvent;
  recentItems: ItemChange[];
}

const MAX_RECENT = 100;

interface Listener {
  out: Pushable<BatchMessage>;
  lastSeq: number;
  ready: boolean;
}

/**
 * One Redis subscription per batch per API instance, shared by every subscriber of that batch.
 * Events are coalesced: a message at most every `intervalMs` (the first one at once, the final one
 * always), each carrying the whole batch, so 4,147 item changes become a few messages a second.
 */
class Feed {
  readonly listeners = new Set<Listener>();
  private latest: ProgressEvent | null = null;
  private recent: ItemChange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  subId: Promise<number> | null = null;

  constructor(private readonly intervalMs: number) {}

  onEvent(e: ProgressEvent): void {
    if (this.latest && e.seq <= this.latest.seq) return;
    this.latest = e;
    if (e.item) {
      this.recent.push(e.item);
      if (this.recent.length > MAX_RECENT) this.recent.shift();
    }
    if (FINAL_BATCH_STATUSES.includes(e.batch.status)) return this.flush();
    const wait = this.lastFlush + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.latest) return;
    this.lastFlush = Date.now();
    const message: BatchMessage = { event: this.latest, recentItems: this.recent };
    this.recent = [];
    for (const l of this.listeners) deliver(l, message);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function deliver(l: Listener, message: BatchMessage): void {
  if (!l.ready || message.event.seq <= l.lastSeq) return;
  l.lastSeq = message.event.seq;
  l.out.push(message);
  if (FINAL_BATCH_STATUSES.includes(message.event.batch.status)) l.out.end();
}

export class BatchFeedHub {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly topics: ProgressTopics,
    private readonly snapshot: (batchId: string) => Promise<ProgressEvent | null>,
    private readonly intervalMs = 200,
  ) {}

  /**
   * Snapshot first, then live messages with rising seq, ending after the final status. Subscribing to
   * Redis before reading the snapshot means nothing between the two is lost.
   */
  async subscribe(batchId: string): Promise<AsyncIterableIterator<BatchMessage>> {
    let feed = this.feeds.get(batchId);
    if (!feed) {
      const created = new Feed(this.intervalMs);
      created.subId = this.pubsub.subscribe<ProgressEvent>(this.topics.batch(batchId), (e) =>
        created.onEvent(e),
      );
      this.feeds.set(batchId, created);
      feed = created;
    }
    const f = feed;
    const listener: Listener = {
      lastSeq: -1,
      ready: false,
      out: pushable<BatchMessage>(() => this.leave(batchId, f, listener)),
    };
    f.listeners.add(listener);
    await f.subId;
    const snap = await this.snapshot(batchId);
    if (!snap) {
      listener.out.end();
      return listener.out;
    }
    listener.ready = true;
    deliver(listener, { event: snap, recentItems: [] });
    return listener.out;
  }

  private leave(batchId: string, feed: Feed, listener: Listener): void {
    feed.listeners.delete(listener);
    if (feed.listeners.size > 0 || this.feeds.get(batchId) !== feed) return;
    this.feeds.delete(batchId);
    feed.stop();
    void feed.subId?.then((id) => this.pubsub.unsubscribe(id));
  }

  /** For tests and metrics: batches with at least one subscriber on this instance. */
  get activeFeeds(): number {
    return this.feeds.size;
  }

  close(): void {
    for (const [batchId, feed] of this.feeds) {
      for (const l of [...feed.listeners]) l.out.end();
      this.feeds.delete(batchId);
    }
  }
}
