import type { BatchFieldsFragment, SyncItemFieldsFragment } from "../../gql/graphql";

export type Batch = BatchFieldsFragment;
export type Item = SyncItemFieldsFragment;

export const FINAL_BATCH = new Set(["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"]);
const FINAL_ITEM = new Set(["SUCCEEDED", "SKIPPED", "DEAD_LETTERED", "CANCELLED"]);
export const FEED_CAP = 1000;

export interface LiveState {
  batch: Batch | null;
  /** The newest message applied; older or repeated ones (a reconnect's snapshot) are ignored. */
  seq: number;
  messages: number;
  /** Latest known state of every item seen, from the items walk and from recentItems. */
  items: ReadonlyMap<string, Item>;
  /** Whether the walk of the items connection reached its end, so `items` holds every item. */
  allItemsKnown: boolean;
}

export const emptyLiveState: LiveState = {
  batch: null,
  seq: -1,
  messages: 0,
  items: new Map(),
  allItemsKnown: false,
};

export interface ProgressMessage {
  seq: number;
  batch: Batch;
  recentItems: readonly Item[];
}

const time = (i: Item) => (i.updatedAt ? Date.parse(i.updatedAt) : 0);

/**
 * Whether `next` is newer news about an item than `known`. The two sources (the items walk and the
 * live messages) stamp times from different clocks, so order is decided by the item's life first:
 * a final state beats a non-final one (an item only leaves a final state when a person retries a
 * dead letter, and then its next final state arrives later). Between two states of the same kind,
 * the later one wins.
 */
function supersedes(next: Item, known: Item | undefined): boolean {
  if (!known) return true;
  const nextFinal = FINAL_ITEM.has(next.status);
  const knownFinal = FINAL_ITEM.has(known.status);
  if (nextFinal !== knownFinal) return nextFinal;
  return time(next) >= time(known);
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
    next = {
      ...next,
      batch: m.batch,
      seq: m.seq,
      messages: next.messages + 1,
      items: m.recentItems.length ? mergeInto(next.items, m.recentItems) : next.items,
    };
  }
  return next;
}

const doneCount = (b: Batch) => b.succeeded + b.skipped + b.deadLettered + b.cancelled;

/**
 * A batch has nothing more to say once its status is final AND nothing is in flight: a cancelled
 * batch lets its running items finish, and until they do its numbers still move.
 */
export function isSettled(batch: Batch): boolean {
  return FINAL_BATCH.has(batch.status) && batch.queued + batch.running + batch.failed === 0;
}

/**
 * The batch as read by polling `batch(id)` while the socket is down. It carries no seq, so it never
 * blocks the snapshot a reconnect brings; it is ignored only when it is behind what is shown (a
 * reply overtaken by a live message), since a batch's finished count only grows.
 */
export function applyPolled(state: LiveState, batch: Batch): LiveState {
  const known = state.batch;
  if (known && !isSettled(batch) && doneCount(batch) < doneCount(known)) return state;
  if (known && isSettled(known) && !isSettled(batch)) return state;
  return { ...state, batch };
}

/** The items that have a result or are under way, most recently changed first, at most `cap`. */
export function recentResults(items: ReadonlyMap<string, Item>, cap: number = FEED_CAP): Item[] {
  return [...items.values()]
    .filter((i) => i.status !== "QUEUED")
    .sort((a, b) => time(b) - time(a) || a.id.localeCompare(b.id))
    .slice(0, cap);
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
  /** False while the tallies do not yet add up to the batch's counters (the walk or the feed is behind). */
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
    byPlatform.set(p, {
      platform: p,
      total: 0,
      done: 0,
      succeeded: 0,
      skipped: 0,
      deadLettered: 0,
      cancelled: 0,
      retrying: 0,
      exact: true,
    });
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
  const rows = [...byPlatform.values()];
  const sum = (key: "succeeded" | "skipped" | "deadLettered" | "cancelled") =>
    rows.reduce((n, r) => n + r[key], 0);
  // The tallies are the truth only when they add up to the batch's own counters.
  const consistent =
    state.allItemsKnown &&
    sum("succeeded") === batch.succeeded &&
    sum("skipped") === batch.skipped &&
    sum("deadLettered") === batch.deadLettered &&
    sum("cancelled") === batch.cancelled;
  const evenShare = batch.platforms.length ? Math.round(batch.total / batch.platforms.length) : 0;
  return rows.map((row) => {
    const total = state.allItemsKnown ? row.total : Math.max(row.total, evenShare);
    const done = finished ? total : Math.min(row.done, total);
    return { ...row, total, done, exact: consistent };
  });
}
