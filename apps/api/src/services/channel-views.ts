import type { ChannelRecord } from "@syncstore/db";
import { ChannelConnectionStatus, type Channel } from "../graphql/types/channel";
import type { Platform } from "../graphql/types/enums";

const DAY_MS = 24 * 60 * 60 * 1000;

/** CONNECTED / EXPIRING (refresh token ends within a day) / EXPIRED / DISCONNECTED (no tokens). */
export function connectionStatus(c: ChannelRecord, now: number): ChannelConnectionStatus {
  if (!c.authorized) return ChannelConnectionStatus.DISCONNECTED;
  const ends = c.refreshTokenExpiresAt?.getTime();
  if (ends === undefined) return ChannelConnectionStatus.CONNECTED;
  if (ends <= now) return ChannelConnectionStatus.EXPIRED;
  return ends - now <= DAY_MS ? ChannelConnectionStatus.EXPIRING : ChannelConnectionStatus.CONNECTED;
}

export function channelView(c: ChannelRecord, now = Date.now()): Channel {
  const s = c.shipping;
  return {
    id: c.id,
    platform: c.platform as Platform,
    name: c.name,
    shopId: c.shopId,
    market: c.market,
    currency: c.currency,
    priceMultiplier: c.priceMultiplier,
    maxAttempts: c.maxAttempts,
    rateLimitPerSecond: c.rateLimitPerSecond,
    enabled: c.enabled,
    autoSyncStock: c.autoSyncStock,
    autoSyncPrice: c.autoSyncPrice,
    autoSyncContent: c.autoSyncContent,
    connection: { status: connectionStatus(c, now), expiresAt: c.refreshTokenExpiresAt },
    shipping: !s
      ? null
      : s.platform === "SHOPEE"
        ? {
            logistics: s.logistics.map((l) => ({
              logisticId: l.logisticId,
              sizeId: l.sizeId ?? null,
              shippingFee: l.shippingFee ?? null,
              maxWeightKg: l.maxWeightKg ?? null,
            })),
            warehouseId: null,
            deliveryOptionIds: [],
          }
        : { logistics: [], warehouseId: s.warehouseId, deliveryOptionIds: s.deliveryOptionIds ?? [] },
  };
}
