import type { ListingData } from "./listing";
import type { ProductIn } from "./rules";

export interface StoredAttribute {
  id: string;
  name: string;
  value_id: string;
  value_name: string;
  sku_img: string | null;
}

export interface StoredSku {
  id: string;
  seller_sku: string;
  price: { amount: string; currency: string };
  inventory: { warehouse_id: string; quantity: number }[];
  sales_attributes: StoredAttribute[];
}

export type ProductStatus = "PENDING" | "ACTIVATE" | "FAILED" | "SELLER_DEACTIVATED" | "PLATFORM_DEACTIVATED";

export interface StoredProduct extends ListingData {
  id: string;
  title: string;
  description: string;
  main_images: string[];
  skus: StoredSku[];
  package_weight: ProductIn["package_weight"];
  package_dimensions: ProductIn["package_dimensions"];
  status: ProductStatus;
  /** Why the last review failed; empty unless FAILED. */
  audit_failed_reasons: string[];
  /** Unix seconds. */
  create_time: number;
  update_time: number;
}

/** The index of the SKU id a replace body names that this product does not have. */
export type ReplaceOutcome = { ok: true; product: StoredProduct } | { ok: false; badSkuIndex: number };

/**
 * Products in memory, indexed for the hot path: by id and by seller SKU, every lookup O(1). A
 * created or edited product is PENDING until the review (review.ts) decides it.
 */
export class Catalog {
  private readonly products = new Map<string, StoredProduct>();
  private readonly bySellerSku = new Map<string, Set<string>>();
  private readonly attributeIds = new Map<string, string>();
  private skuTotal = 0;
  private sequence = 0;

  private nextId(prefix: string): string {
    this.sequence++;
    return prefix + String(this.sequence).padStart(15, "0");
  }

  private attributeId(key: string, prefix: string): string {
    let id = this.attributeIds.get(key);
    if (id === undefined) {
      id = this.nextId(prefix);
      this.attributeIds.set(key, id);
    }
    return id;
  }

  get(id: string): StoredProduct | undefined {
    return this.products.get(id);
  }

  create(input: ProductIn, nowSec: number): StoredProduct {
    const product: StoredProduct = {
      id: this.nextId("1729"),
      ...this.content(input),
      skus: input.skus.map((s) => this.sku(s, null)),
      status: "PENDING",
      audit_failed_reasons: [],
      create_time: nowSec,
      update_time: nowSec,
    };
    this.products.set(product.id, product);
    this.index(product);
    return product;
  }

  /**
   * Full replace. A SKU named by id must be one of the product's; a SKU without id keeps the id of
   * the product's SKU with the same seller SKU, or gets a new one. SKUs left out are removed.
   */
  replace(id: string, input: ProductIn, nowSec: number): ReplaceOutcome | null {
    const product = this.products.get(id);
    if (!product) return null;
    const byId = new Map(product.skus.map((s) => [s.id, s]));
    const bySeller = new Map(product.skus.map((s) => [s.seller_sku, s]));
    const skus: StoredSku[] = [];
    for (const [i, s] of input.skus.entries()) {
      const existing = s.id !== null ? byId.get(s.id) : bySeller.get(s.seller_sku);
      if (s.id !== null && !existing) return { ok: false, badSkuIndex: i };
      skus.push(this.sku(s, existing?.id ?? null));
    }
    this.unindex(product);
    Object.assign(product, this.content(input), {
      skus,
      update_time: nowSec,
      status: "PENDING",
      audit_failed_reasons: [],
    });
    this.index(product);
    return { ok: true, product };
  }

  search(sellerSkus: readonly string[]): StoredProduct[] {
    const ids = new Set<string>();
    for (const sku of sellerSkus) for (const id of this.bySellerSku.get(sku) ?? []) ids.add(id);
    return [...ids].map((id) => this.products.get(id)!);
  }

  /** Products holding the seller SKU exactly. */
  bySku(sku: string): StoredProduct[] {
    return this.search([sku]);
  }

  /** Products in creation order, for searches without a seller SKU filter. */
  all(): StoredProduct[] {
    return [...this.products.values()];
  }

  touch(product: StoredProduct, nowSec: number): void {
    product.update_time = nowSec;
  }

  deactivate(id: string, nowSec: number): boolean {
    const product = this.products.get(id);
    if (!product) return false;
    product.status = "SELLER_DEACTIVATED";
    product.update_time = nowSec;
    return true;
  }

  /**
   * Back on sale after the seller deactivated it: TikTok Shop reviews it again, so it is PENDING.
   * Only the seller's own deactivation can be undone this way; a product the platform took down
   * stays down. An active or pending product is left as it is.
   */
  activate(id: string, nowSec: number): "activated" | "unchanged" | "not-found" | "platform-deactivated" {
    const product = this.products.get(id);
    if (!product) return "not-found";
    if (product.status === "PLATFORM_DEACTIVATED") return "platform-deactivated";
    if (product.status !== "SELLER_DEACTIVATED") return "unchanged";
    product.status = "PENDING";
    product.update_time = nowSec;
    return "activated";
  }

  stats(): { listings: number; activeListings: number; skus: number } {
    let active = 0;
    for (const p of this.products.values()) if (p.status === "ACTIVATE") active++;
    return { listings: this.products.size, activeListings: active, skus: this.skuTotal };
  }

  clear(): void {
    this.products.clear();
    this.bySellerSku.clear();
    this.attributeIds.clear();
    this.skuTotal = 0;
  }

  private content(input: ProductIn) {
    return {
      title: input.title,
      description: input.description,
      category_id: input.category_id,
      category_version: input.category_version,
      product_attributes: input.product_attributes,
      brand_id: input.brand_id,
      size_chart: input.size_chart,
      main_images: input.main_images,
      package_weight: input.package_weight,
      package_dimensions: input.package_dimensions,
    };
  }

  private sku(s: ProductIn["skus"][number], id: string | null): StoredSku {
    return {
      id: id ?? this.nextId("1730"),
      seller_sku: s.seller_sku,
      price: s.price,
      inventory: s.inventory.map((w) => ({ warehouse_id: w.warehouse_id, quantity: w.quantity })),
      sales_attributes: s.sales_attributes.map((a) => ({
        id: this.attributeId(`n:${a.name}`, "1000"),
        name: a.name,
        value_id: this.attributeId(`v:${a.name}\u0000${a.value_name}`, "2000"),
        value_name: a.value_name,
        sku_img: a.sku_img,
      })),
    };
  }

  private index(p: StoredProduct): void {
    this.skuTotal += p.skus.length;
    for (const s of p.skus) {
      if (s.seller_sku === "") continue;
      let ids = this.bySellerSku.get(s.seller_sku);
      if (!ids) this.bySellerSku.set(s.seller_sku, (ids = new Set()));
      ids.add(p.id);
    }
  }

  private unindex(p: StoredProduct): void {
    this.skuTotal -= p.skus.length;
    for (const s of p.skus) {
      const ids = this.bySellerSku.get(s.seller_sku);
      ids?.delete(p.id);
      if (ids?.size === 0) this.bySellerSku.delete(s.seller_sku);
    }
  }
}
