import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { MasterProduct } from "@syncstore/core";
import {
  loadProductsByIds,
  loadVariantsByProductIds,
  toMasterProduct,
  type ItemStatus,
  type BatchStatus,
} from "@syncstore/db";

export interface ListingSnapshot {
  externalId: string | null;
  status: string;
  price: string | null;
  title: string | null;
  contentHash: string | null;
  variantIds: Record<string, string>;
  syncedAt: string | null;
}

export interface ItemContext {
  itemId: string;
  batchId: string;
  productId: string;
  channelId: string;
  status: ItemStatus;
  attempts: number;
  batchStatus: BatchStatus;
  force: boolean;
  product: MasterProduct | null;
  listing: ListingSnapshot | null;
}

interface Row {
  id: string;
  batch_id: string;
  product_id: string;
  channel_id: string;
  status: ItemStatus;
  attempts: number;
  batch_status: BatchStatus;
  force: boolean;
  external_id: string | null;
  listing_status: string | null;
  listing_price: string | null;
  listing_title: string | null;
  content_hash: string | null;
  variant_ids: Record<string, string> | null;
  synced_at: Date | null;
}

/**
 * Loads what jobs need in batches: the jobs running at one moment share a few queries instead of
 * several each. A fresh loader per tick, so nothing is cached between a job and its retry.
 */
export class ItemLoader {
  private loader = this.create();

  constructor(private readonly ds: DataSource) {}

  load(itemId: string): Promise<ItemContext | null> {
    return this.loader.load(itemId);
  }

  private create(): DataLoader<string, ItemContext | null> {
    return new DataLoader((ids) => this.batch(ids), {
      cache: false,
      batchScheduleFn: (cb) => setTimeout(cb, 2),
      maxBatchSize: 200,
    });
  }

  private async batch(ids: readonly string[]): Promise<(ItemContext | null)[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT i.id::text, i.batch_id::text, i.product_id::text, i.channel_id::text, i.status, i.attempts,
              b.status AS batch_status, b.force,
              l.external_id, l.status AS listing_status, l.price::text AS listing_price, l.title AS listing_title,
              l.content_hash, l.variant_ids, l.synced_at
       FROM sync_items i
       JOIN sync_batches b ON b.id = i.batch_id
       LEFT JOIN listings l ON l.product_id = i.product_id AND l.channel_id = i.channel_id
       WHERE i.id = ANY($1::bigint[])`,
      [ids],
    );
    const productIds = [...new Set(rows.map((r) => r.product_id))];
    const [products, variants] = await Promise.all([
      loadProductsByIds(this.ds, productIds),
      loadVariantsByProductIds(this.ds, productIds),
    ]);
    const productById = new Map(products.map((p) => [String(p.id), p]));
    const variantsByProduct = new Map<string, typeof variants>();
    for (const v of variants) {
      const key = String(v.productId);
      variantsByProduct.set(key, [...(variantsByProduct.get(key) ?? []), v]);
    }
    const byId = new Map(
      rows.map((r) => {
        const p = productById.get(r.product_id);
        const master = p ? toMasterProduct(p, variantsByProduct.get(r.product_id) ?? []) : null;
        return [
          r.id,
          {
            itemId: r.id,
            batchId: r.batch_id,
            productId: r.product_id,
            channelId: r.channel_id,
            status: r.status,
            attempts: r.attempts,
            batchStatus: r.batch_status,
            force: r.force,
            product: master,
            listing:
              r.listing_status === null
                ? null
                : {
                    externalId: r.external_id,
                    status: r.listing_status,
                    price: r.listing_price,
                    title: r.listing_title,
                    contentHash: r.content_hash,
                    variantIds: r.variant_ids ?? {},
                    syncedAt: r.synced_at?.toISOString() ?? null,
                  },
          } satisfies ItemContext,
        ];
      }),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }
}
