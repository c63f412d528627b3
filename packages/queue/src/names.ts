import type { Platform } from "@syncstore/core";

/**
 * Every BullMQ key lives under one hash tag, so a Redis Cluster keeps each queue's keys on one slot
 * and multi-key Lua scripts keep working.
 */
export const QUEUE_PREFIX = "{syncstore}";

/** One queue per channel: a slow or throttled shop never holds up another. */
export function syncQueueName(channelId: string): string {
  return `sync-channel-${channelId}`;
}

export function channelIdFromQueueName(name: string): string | null {
  const m = /^sync-channel-(.+)$/.exec(name);
  return m ? m[1]! : null;
}

/** Redis pub/sub topics for progress. Topics are plain channels, not BullMQ keys. */
export const topics = {
  batch: (batchId: string) => `syncstore:progress:batch:${batchId}`,
  product: (productId: string) => `syncstore:progress:product:${productId}`,
  allProducts: "syncstore:progress:product:*",
};

export const PLATFORM_LABEL: Record<Platform, string> = { SHOPEE: "Shopee", TIKTOK_SHOP: "TikTok Shop" };
