/**
 * What this process last wrote to each TikTok product: the content apart from price and stock, and
 * each SKU's id, price and stock. It lets an update that only moves prices or stock use the cheap
 * price and inventory endpoints (no re-review on TikTok's side) and lets a full replace keep SKU ids.
 * Another process may have written since, so a write that TikTok refuses over a SKU id drops the entry.
 */
export interface SentSku {
  id: string;
  price: number;
  stock: number;
}

export interface SentProduct {
  contentKey: string;
  /** The status last known: writes that need review make it PENDING. */
  status: string;
  skus: Map<string, SentSku>;
}

export class SentState {
  private readonly products = new Map<string, SentProduct>();

  constructor(private readonly maxProducts = 20_000) {}

  get(productId: string): SentProduct | undefined {
    return this.products.get(productId);
  }

  set(productId: string, state: SentProduct): void {
    this.products.delete(productId);
    this.products.set(productId, state);
    if (this.products.size > this.maxProducts) {
      const oldest = this.products.keys().next();
      if (!oldest.done) this.products.delete(oldest.value);
    }
  }

  forget(productId: string): void {
    this.products.delete(productId);
  }
}
