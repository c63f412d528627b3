import type { Redis } from "ioredis";
import type { ProgressEvent } from "@syncstore/core";
import type { ProgressTopics } from "./names";

/** Publishes committed progress on the batch's and the product's topics, in one round trip. */
export async function publishProgress(
  redis: Redis,
  topics: ProgressTopics,
  events: readonly ProgressEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const pipeline = redis.pipeline();
  for (const e of events) {
    const json = JSON.stringify(e);
    pipeline.publish(topics.batch(e.batch.id), json);
    if (e.item) pipeline.publish(topics.product(e.item.productId), json);
  }
  await pipeline.exec();
}
