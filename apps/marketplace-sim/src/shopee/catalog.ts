import type { ItemFields, ModelInput, Tier } from "./rules";

export interface SimModel {
  model_id: number;
  tier_index: number[];
  model_sku: string;
  original_price: number;
  stock: number;
}

export interface SimItem extends ItemFields {
  item_id: number;
  original_price: number;
  stock: number;
  item_status: "NORMAL" | "UNLIST" | "REVIEWING" | "BANNED";
  /** Why the review banned the item, as `item_status_details` reports it. */
  status_reason: string;
  create_time: number;
  /** Unix milliseconds of add_item: variations may follow only after the documented wait. */
  created_at_ms: number;
  update_time: number;
  tier_variation: Tier[] | null;
  models: SimModel[];
}

/** Item ids in the range real Shopee ids live in, so clients are tested with realistic widths. */
const FIRST_ITEM_ID = 20_000_000_001;
const FIRST_MODEL_ID = 100_000_000_001;
export interface CatalogIds {
  item: number;
  model: number;
}

export function newCatalogIds(): CatalogIds {
  return { item: FIRST_ITEM_ID, model: FIRST_MODEL_ID };
}

/** Longer SKUs are still found, by their first characters. */
const MAX_INDEXED_PREFIX = 100;

/**
 * The shop's items in memory. Lookups by id are O(1); `search_item` by item_sku is a keyword match,
 * served from an index of every SKU prefix (lower-cased), so a search costs the length of its keyword.
 * Shopee allows several items to share an item_sku, and so does the simulator.
 */
export class ShopeeCatalog {
  private readonly items = new Map<number, SimItem>();
  private readonly skuPrefixes = new Map<string, Set<number>>();
  private modelCount = 0;
  /** Items per category, for `get_item_limit.item_count_limit`. */
  private readonly perCategory = new Map<number, number>();

  /** Ids are shared by every shop's catalog, as Shopee's are unique across shops. */
  constructor(private readonly ids: CatalogIds = newCatalogIds()) {}

  create(
    fields: ItemFields,
    price: number,
    stock: number,
    status: SimItem["item_status"],
    nowSec: number,
  ): SimItem {
    const item: SimItem = {
      ...fields,
      item_id: this.ids.item++,
      original_price: price,
      stock,
      item_status: status,
      status_reason: "",
      create_time: nowSec,
      created_at_ms: nowSec * 1000,
      update_time: nowSec,
      tier_variation: null,
      models: [],
    };
    this.items.set(item.item_id, item);
    this.index(item);
    this.perCategory.set(item.category_id, this.countIn(item.category_id) + 1);
    return item;
  }

  countIn(categoryId: number): number {
    return this.perCategory.get(categoryId) ?? 0;
  }

  get(itemId: number): SimItem | undefined {
    return this.items.get(itemId);
  }

  update(item: SimItem, changes: Partial<ItemFields>, nowSec: number): void {
    const skuChanged = changes.item_sku !== undefined && changes.item_sku !== item.item_sku;
    if (changes.category_id !== undefined && changes.category_id !== item.category_id) {
      this.perCategory.set(item.category_id, this.countIn(item.category_id) - 1);
      this.perCategory.set(changes.category_id, this.countIn(changes.category_id) + 1);
    }
    if (skuChanged) this.unindex(item);
    Object.assign(item, changes);
    if (skuChanged) this.index(item);
    item.update_time = nowSec;
  }

  /** Every item holding the SKU exactly, as item_sku or model_sku. */
  withSku(sku: string): SimItem[] {
    return this.searchBySku(sku).filter(
      (i) => i.item_sku === sku || i.models.some((m) => m.model_sku === sku),
    );
  }

  /** Items whose item_sku starts with the keyword, case-insensitively: exact matches first, then oldest. */
  searchBySku(keyword: string): SimItem[] {
    const key = keyword.toLowerCase().slice(0, MAX_INDEXED_PREFIX);
    const ids = this.skuPrefixes.get(key);
    if (!ids) return [];
    const found = [...ids].map((id) => this.items.get(id)!);
    const exact = (i: SimItem) => (i.item_sku.toLowerCase() === keyword.toLowerCase() ? 0 : 1);
    return found.sort((a, b) => exact(a) - exact(b) || a.item_id - b.item_id);
  }

  /** A plain scan: name search is rare next to SKU lookups. */
  searchByName(keyword: string): SimItem[] {
    const key = keyword.toLowerCase();
    return [...this.items.values()].filter((i) => i.item_name.toLowerCase().includes(key));
  }

  all(): IterableIterator<SimItem> {
    return this.items.values();
  }

  setTiers(item: SimItem, tiers: Tier[], nowSec: number): void {
    item.tier_variation = tiers;
    item.update_time = nowSec;
  }

  addModels(item: SimItem, models: ModelInput[], nowSec: number): SimModel[] {
    const added = models.map((m) => ({
      model_id: this.ids.model++,
      tier_index: m.tier_index,
      model_sku: m.model_sku,
      original_price: m.original_price,
      stock: m.stock,
    }));
    item.models.push(...added);
    this.modelCount += added.length;
    item.update_time = nowSec;
    return added;
  }

  /** Keeps only the listed models, at their new tier positions. */
  remapModels(item: SimItem, positions: Map<number, number[]>, nowSec: number): void {
    const kept = item.models.filter((m) => positions.has(m.model_id));
    for (const m of kept) m.tier_index = positions.get(m.model_id)!;
    this.modelCount -= item.models.length - kept.length;
    item.models = kept;
    item.update_time = nowSec;
  }

  stats() {
    return { listings: this.items.size, models: this.modelCount };
  }

  clear(): void {
    this.items.clear();
    this.skuPrefixes.clear();
    this.perCategory.clear();
    this.modelCount = 0;
  }

  private index(item: SimItem): void {
    const sku = item.item_sku.toLowerCase();
    for (let n = 1; n <= Math.min(sku.length, MAX_INDEXED_PREFIX); n++) {
      const key = sku.slice(0, n);
      let ids = this.skuPrefixes.get(key);
      if (!ids) this.skuPrefixes.set(key, (ids = new Set()));
      ids.add(item.item_id);
    }
  }

  private unindex(item: SimItem): void {
    const sku = item.item_sku.toLowerCase();
    for (let n = 1; n <= Math.min(sku.length, MAX_INDEXED_PREFIX); n++) {
      const key = sku.slice(0, n);
      const ids = this.skuPrefixes.get(key);
      ids?.delete(item.item_id);
      if (ids?.size === 0) this.skuPrefixes.delete(key);
    }
  }
}
