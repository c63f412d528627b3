import type { BatchFieldsFragment, SyncItemFieldsFragment } from "../../gql/graphql";

export type Batch = BatchFieldsFragment;
export type Item = SyncItemFieldsFragment;

export const FINAL_BATCH = new Set(["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"]);
const FINAL_ITEM = new Set(["SUCCEEDED", "SKIPPED", "DEAD_LETTERED", "CANCELLED"]);
export const FEED_CAP = 1000;

export interface FeedEntry {
  key: string;
  item: Item;
}

export interface LiveState {
  batch: Batch | null;
  /** The newest message applied; older or repeated ones (a reconnect's snapshot) are ignored. */
  seq: number;
  messages: number;
  /** Latest known state of every item seen, from the items walk and from recentItems. */
  items: ReadonlyMap<string, Item>;
  /** Whether the walk of the items connection reached its end, so `items` holds every item. */
  allItemsKnown: boolean;
  /** Item changes as they arrived, newest first, at most FEED_CAP. */
  feed: readonly FeedEntry[];
}

export const emptyLiveState: LiveState = { batch: null, seq: -1, messages: 0, items: new Map(), allItemsKnown: false, feed: [] };

export interface ProgressMessage {
  seq: number;
  batch: Batch;
  recentItems: readonly Item[];
}

const time = (i: Item) => (i.updatedAt ? Date.parse(i.updatedAt) : 0);

/** Whether `next` is newer news about an item than `known`: later, or as late and final. */
function supersedes(next: Item, known: Item | undefined): boolean {
  if (!known) return true;
  const a = time(next);
  const b = time(known);
  if (a !== b) return a > b;
  return FINAL_ITEM.has(next.status) || !FINAL_ITEM.has(known.status);
}

function mergeInto(items: ReadonlyMap<string, Item>, incoming: readonly Item[]): Map<string, Item> {
  const next = new Map(items);
  for (const item of incoming) if (supersedes(item, next.get(item.id))) next.set(item.id, item);
  return next;
}

/** Applies several subscription messages at once (they are buffered until the next frame). */
export function applyMessages(state: LiveState, messages: readonly ProgressMessage[]): LiveState {
  let next = state;
  for (const m of messages) {
    if (m.seq <= next.seq) continue;
    const fresh = m.recentItems.map((item) => ({ key: `${m.seq}:${item.id}:${item.status}`, item }));
    next = {
      ...next,
      batch: m.batch,
      seq: m.seq,
      messages: next.messages + 1,
      items: m.recentItems.length ? mergeInto(next.items, m.recentItems) : next.items,
      feed: fresh.length ? [...fresh.reverse(), ...next.feed].slice(0, FEED_CAP) : next.feed,
    };
  }
  return next;
}

/** Items read from the items connection (a page of the walk). */
export function applyItemsPage(state: LiveState, items: readonly Item[], complete: boolean): LiveState {
  return { ...state, items: mergeInto(state.items, items), allItemsKnown: state.allItemsKnown || complete };
}

export interface PlatformProgress {
  platform: string;
  total: number;
  done: number;
  succeeded: number;
  skipped: number;
  deadLettered: number;
  cancelled: number;
  retrying: number;
  /** False while the count is built from what was seen so far (the walk or the feed is behind). */
  exact: boolean;
}

/**
 * Per-platform progress. The API counts per batch only, so this tallies items by platform: totals
 * from the items walk once complete (else the batch total split evenly over its platforms, which is
 * exact with one channel per platform), done from the latest status of each item. A finished batch
 * has every item final, so each platform is then done by definition.
 */
export function platformProgress(state: LiveState): PlatformProgress[] {
  const batch = state.batch;
  if (!batch) return [];
  const byPlatform = new Map<string, PlatformProgress>();
  for (const p of batch.platforms) {
    byPlatform.set(p, { platform: p, total: 0, done: 0, succeeded: 0, skipped: 0, deadLettered: 0, cancelled: 0, retrying: 0, exact: true });
  }
  for (const item of state.items.values()) {
    const row = byPlatform.get(item.platform);
    if (!row) continue;
    row.total += 1;
    if (FINAL_ITEM.has(item.status)) row.done += 1;
    if (item.status === "SUCCEEDED") row.succeeded += 1;
    else if (item.status === "SKIPPED") row.skipped += 1;
    else if (item.status === "DEAD_LETTERED") row.deadLettered += 1;
    else if (item.status === "CANCELLED") row.cancelled += 1;
    else if (item.status === "FAILED") row.retrying += 1;
  }
  const finished = FINAL_BATCH.has(batch.status);
  const seenDone = [...byPlatform.values()].reduce((n, r) => n + r.done, 0);
  const batchDone = batch.succeeded + batch.skipped + batch.deadLettered + batch.cancelled;
  const evenShare = batch.platforms.length ? Math.round(batch.total / batch.platforms.length) : 0;
  return [...byPlatform.values()].map((row) => {
    const total = state.allItemsKnown ? row.total : Math.max(row.total, evenShare);
    const done = finished ? total : Math.min(row.done, total);
    return { ...row, total, done, exact: finished || (state.allItemsKnown && seenDone === batchDone) };
  });
}
