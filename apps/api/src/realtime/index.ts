import { once } from "node:events";
import { RedisPubSub } from "graphql-redis-subscriptions";
import type { DataSource } from "typeorm";
import type { ProgressEvent } from "@syncstore/core";
import { batchCounters, loadBatchCounters } from "@syncstore/db";
import { createRedis, type ProgressTopics } from "@syncstore/queue";
import { BatchFeedHub } from "./batch-feed";
import { pushable } from "./pushable";

/**
 * Subscriptions are fed by Redis pub/sub, so any API instance delivers what any worker publishes.
 * Two dedicated connections: a subscribing Redis connection can do nothing else.
 */
export class Realtime {
  readonly pubsub: RedisPubSub;
  readonly batches: BatchFeedHub;

  constructor(
    private readonly ds: DataSource,
    redisUrl: string,
    private readonly topics: ProgressTopics,
    opts: { batchIntervalMs?: number } = {},
  ) {
    this.pubsub = new RedisPubSub({
      publisher: createRedis(redisUrl, { name: "syncstore-api-pub" }),
      subscriber: createRedis(redisUrl, { name: "syncstore-api-sub" }),
    });
    this.batches = new BatchFeedHub(
      this.pubsub,
      topics,
      (id) => this.snapshot(id),
      opts.batchIntervalMs ?? 200,
    );
  }

  /**
   * Listens to one plain channel (JSON messages) for as long as the API runs. Waits for the
   * subscribing connection to be ready: a SUBSCRIBE sent before ioredis' ready check puts the
   * connection in subscriber mode under the check, which then fails.
   */
  async listen(channel: string, onMessage: (message: unknown) => void): Promise<void> {
    const subscriber = this.pubsub.getSubscriber();
    if (subscriber.status !== "ready") await once(subscriber, "ready");
    await this.pubsub.subscribe(channel, onMessage);
  }

  /** type-graphql's PubSub shape over graphql-redis-subscriptions (its own engine type differs). */
  get typeGraphqlPubSub(): {
    publish(topic: string, payload: unknown): void;
    subscribe(topic: string): AsyncIterable<unknown>;
  } {
    return {
      publish: (topic, payload) => void this.pubsub.publish(topic, payload),
      subscribe: (topic) => this.pubsub.asyncIterableIterator(topic) as AsyncIterable<unknown>,
    };
  }

  private async snapshot(batchId: string): Promise<ProgressEvent | null> {
    const row = await loadBatchCounters(this.ds.manager, batchId);
    if (!row) return null;
    return { seq: row.seq, at: new Date().toISOString(), batch: batchCounters(row), item: null };
  }

  /** Item changes of one product, or of every product (a pattern subscription). */
  async productEvents(productId: string | null): Promise<AsyncIterableIterator<ProgressEvent>> {
    let subId: Promise<number> | null = null;
    const out = pushable<ProgressEvent>(() => void subId?.then((id) => this.pubsub.unsubscribe(id)));
    subId = productId
      ? this.pubsub.subscribe<ProgressEvent>(this.topics.product(productId), (e) => out.push(e))
      : this.pubsub.subscribe<ProgressEvent>(this.topics.allProducts, (e) => out.push(e), { pattern: true });
    await subId;
    return out;
  }

  async close(): Promise<void> {
    this.batches.close();
    await this.pubsub.close();
  }
}
