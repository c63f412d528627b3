import type {
  ChannelRef,
  DeadLetterGroupRecord,
  DeadLetterRecord,
  SyncItemRecord,
  SyncLogRecord,
} from "@syncstore/db";
import type { QueueCounts } from "@syncstore/queue";
import type { Platform, SyncErrorClass } from "../graphql/types/enums";
import type {
  DeadLetter,
  ItemStatus,
  PlannedAction,
  QueueStats,
  SyncItem,
  SyncLog,
} from "../graphql/types/sync";
import type { DeadLetterGroup } from "../graphql/types/dead-letter-group";

// The one place where the ledger's records become GraphQL objects. The GraphQL enums carry the
// domain's string values one for one, so these are renames of the type, not of the value.

export function syncItemView(r: SyncItemRecord): SyncItem {
  const { plan, ...item } = r;
  return {
    ...item,
    platform: r.platform as Platform,
    status: r.status as ItemStatus,
    errorClass: r.errorClass as SyncErrorClass | null,
    plannedAction: (plan?.action ?? null) as PlannedAction | null,
    changes: plan?.changes ?? null,
    plannedPayload: plan?.payload ?? null,
  };
}

export function deadLetterView(r: DeadLetterRecord): DeadLetter {
  return { ...r, platform: r.platform as Platform, errorClass: r.errorClass as SyncErrorClass };
}

export function deadLetterGroupView(r: DeadLetterGroupRecord): DeadLetterGroup {
  return {
    ...r,
    errorClass: r.errorClass as SyncErrorClass,
    platforms: r.platforms.map((p) => p as Platform),
  };
}

export function syncLogView(r: SyncLogRecord): SyncLog {
  return { ...r, platform: r.platform as Platform, errorClass: r.errorClass as SyncErrorClass | null };
}

export function queueStatsView(channel: ChannelRef, counts: QueueCounts): QueueStats {
  return { ...counts, platform: channel.platform as Platform, shopId: channel.shopId };
}
