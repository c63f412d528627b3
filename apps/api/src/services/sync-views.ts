import type { ChannelRef, DeadLetterRecord, SyncItemRecord, SyncLogRecord } from "@syncstore/db";
import type { QueueCounts } from "@syncstore/queue";
import type { Platform, SyncErrorClass } from "../graphql/types/enums";
import type { DeadLetter, ItemStatus, QueueStats, SyncItem, SyncLog } from "../graphql/types/sync";

// The one place where the ledger's records become GraphQL objects. The GraphQL enums carry the
// domain's string values one for one, so these are renames of the type, not of the value.

export function syncItemView(r: SyncItemRecord): SyncItem {
  return {
    ...r,
    platform: r.platform as Platform,
    status: r.status as ItemStatus,
    errorClass: r.errorClass as SyncErrorClass | null,
  };
}

export function deadLetterView(r: DeadLetterRecord): DeadLetter {
  return { ...r, platform: r.platform as Platform, errorClass: r.errorClass as SyncErrorClass };
}

export function syncLogView(r: SyncLogRecord): SyncLog {
  return { ...r, platform: r.platform as Platform, errorClass: r.errorClass as SyncErrorClass | null };
}

export function queueStatsView(channel: ChannelRef, counts: QueueCounts): QueueStats {
  return { ...counts, platform: channel.platform as Platform, shopId: channel.shopId };
}
