import type { Platform } from "@syncstore/core";

/**
 * Every BullMQ key lives under one hash tag, so a Redis Cluster keeps each queue's keys on one slot
 * and multi-key Lua scripts keep working.
 */
export function queuePrefix(namespace: string): string {
  return `{${namespace}}`;
}
export const QUEUE_PREFIX = queuePrefix("syncstore");

/** One queue per channel: a slow or throttled shop never holds up another. */
export function syncQueueName(channelId: string): string {
  return `sync-channel-${channelId}`;
}

export function channelIdFromQueueName(name: string): string | null {
  const m = /^sync-channel-(.+)$/.exec(name);
  return m ? m[1]! : null;
}

/** Redis pub/sub topics for progress, under the deployment's namespace. */
export function progressTopics(namespace: string) {
  return {
    batch: (batchId: string) => `${namespace}:progress:batch:${batchId}`,
    product: (productId: string) => `${namespace}:progress:product:${productId}`,
    allProducts: `${namespace}:progress:product:*`,
  };
}
export type ProgressTopics = ReturnType<typeof progressTopics>;

export const PLATFORM_LABEL: Record<Platform, string> = { SHOPEE: "Shopee", TIKTOK_SHOP: "TikTok Shop" };

/** Pub/sub topic on which a channel's id is published after its settings change (workers reload it). */
export function channelChangesTopic(namespace: string): string {
  return `${namespace}:channel-changes`;
}
