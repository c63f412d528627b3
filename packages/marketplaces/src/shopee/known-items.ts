import type { ContentFields } from "./listing-body";

/**
 * What this process last knew each Shopee item to hold: its content apart from price and stock, its
 * listing status, and each model's id, tier position, price and stock. An update diffs against it and
 * sends only what moved; an item not here is read from Shopee first. Another process may have written
 * since, so a failed write drops the entry and the next attempt reads again.
 */
export interface KnownModel {
  modelId: string;
  tierIndex: number[];
  price: number;
  stock: number;
}

export interface KnownItem {
  content: ContentFields;
  status: string;
  /** Item-level price and stock; meaningful when the item has no models. */
  price: number;
  stock: number;
  /** Tier structure and option images; null when the item has no variations. */
  tiersKey: string | null;
  tierImagesKey: string | null;
  /** By seller SKU (model_sku). */
  models: Map<string, KnownModel>;
}

export class KnownItems {
  private readonly items = new Map<string, KnownItem>();

  constructor(private readonly maxItems = 20_000) {}

  get(itemId: string): KnownItem | undefined {
    return this.items.get(itemId);
  }

  set(itemId: string, item: KnownItem): void {
    this.items.delete(itemId);
    this.items.set(itemId, item);
    if (this.items.size > this.maxItems) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
  }

  forget(itemId: string): void {
    this.items.delete(itemId);
  }
}
