import { useSyncExternalStore } from "react";

/**
 * Products picked for a batch, kept across pages and routes (the batches page starts a batch from
 * it) and across a reload within the tab. id → SKU, so the selection can be shown without a query.
 */
const KEY = "syncstore.selection";
type Listener = () => void;
const listeners = new Set<Listener>();

function load(): ReadonlyMap<string, string> {
  try {
    const raw = sessionStorage.getItem(KEY);
    const entries: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(entries)) return new Map();
    return new Map(
      entries.filter(
        (e): e is [string, string] =>
          Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string",
      ),
    );
  } catch {
    return new Map();
  }
}

let selected: ReadonlyMap<string, string> = load();

function commit(next: Map<string, string>): void {
  selected = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify([...next]));
  } catch {
    // A full or disabled storage only costs persistence across reloads.
  }
  for (const l of listeners) l();
}

export const selection = {
  get: (): ReadonlyMap<string, string> => selected,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  toggle(id: string, sku: string): void {
    const next = new Map(selected);
    if (next.has(id)) next.delete(id);
    else next.set(id, sku);
    commit(next);
  },
  setMany(products: readonly { id: string; sku: string }[], on: boolean): void {
    const next = new Map(selected);
    for (const p of products) {
      if (on) next.set(p.id, p.sku);
      else next.delete(p.id);
    }
    commit(next);
  },
  clear(): void {
    commit(new Map());
  },
};

export function useSelection(): ReadonlyMap<string, string> {
  return useSyncExternalStore(selection.subscribe, selection.get);
}
