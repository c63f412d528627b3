import type { BatchFieldsFragment, SyncItemFieldsFragment } from "../../gql/graphql";

export type Batch = BatchFieldsFragment;
export type Item = SyncItemFieldsFragment;

export const FINAL_BATCH = new Set(["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"]);
export const FINAL_ITEM = new Set(["SUCCEEDED", "SKIPPED", "DEAD_LETTERED", "CANCELLED"]);
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
