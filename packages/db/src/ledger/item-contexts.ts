import type { DataSource } from "typeorm";
import type { BatchKind, BatchStatus, ItemStatus, ListingPayload, MasterProduct } from "@syncstore/core";
import { loadProductsByIds, loadVariantsByProductIds } from "../catalog/loaders";
import { toMasterProduct } from "../catalog/mappers";
import type { ProductVariantEntity } from "../entities";

/** The listing as the last run left it: what "unchanged, skip it" and updates compare against. */
export interface ListingSnapshot {
  externalId: string | null;
  status: string;
  price: string | null;
  title: string | null;
  contentHash: string | null;
  variantIds: Record<string, string>;
  syncedAt: string | null;
  /** The batch whose write last changed it on the marketplace. */
  lastWriteBatchId: string | null;
  /** Created but its follow-up steps not done: only a full write finishes it. */
  incomplete: boolean;
  /** What the fast path compares with: the fields hash and the levels last sent (null before either). */
  fieldsHash: string | null;
  sentLevels: Record<string, [number, number]> | null;
  /** The payload last written: all of what the marketplace holds, for rollback. Null before it was recorded. */
  lastPayload: ListingPayload | null;
}

/** What a ROLLBACK item restores: the before-state its item of the rolled-back batch recorded. */
export interface RestoreTarget {
  /** The batch being rolled back. */
  batchId: string;
  /** The listing before that batch touched it; `{ status: "NOT_LISTED" }` when it did not exist. */
  before: Partial<ListingSnapshot> & { status: string };
}

/** Everything one job needs to decide and do its work: the item, its batch, product and listing. */
export interface ItemContext {
  itemId: string;
  batchId: string;
  productId: string;
  channelId: string;
  status: ItemStatus;
  attempts: number;
  batchStatus: BatchStatus;
  /** A DRY_RUN item reads the marketplace and records its plan; it writes nothing there or to the listing. */
  batchKind: BatchKind;
  force: boolean;
  /** Who asked for the batch: a user id, or a `system:` name for the worker's own batches. */
  requestedBy: string | null;
  /** The channel's setting now: whether automatic sync may send content, or only prices and stock. */
  autoSyncContent: boolean;
  /** Null when the product was deleted after the batch was written. */
  product: MasterProduct | null;
  /** Null when the product was never listed on the channel. */
  listing: ListingSnapshot | null;
  /** Set for a ROLLBACK item (and a retry of one): restore this instead of syncing the master. */
  restore: RestoreTarget | null;
}

interface ItemContextRow {
  id: string;
  batch_id: string;
  product_id: string;
  channel_id: string;
  status: ItemStatus;
  attempts: number;
  batch_status: BatchStatus;
  batch_kind: BatchKind;
  force: boolean;
  requested_by: string | null;
  auto_sync_content: boolean;
  external_id: string | null;
  listing_status: string | null;
  listing_price: string | null;
  listing_title: string | null;
  content_hash: string | null;
  variant_ids: Record<string, string> | null;
  synced_at: Date | null;
  last_write_batch_id: string | null;
  incomplete: boolean | null;
  fields_hash: string | null;
  sent_levels: Record<string, [number, number]> | null;
  last_payload: ListingPayload | null;
  restore_batch_id: string | null;
  restore_before: (Partial<ListingSnapshot> & { status: string }) | null;
}

/** Loads item contexts in three queries however many items are asked for. */
export class ItemContextRepository {
  constructor(private readonly ds: DataSource) {}

  /** The contexts of the items found; ids that name no item are absent. */
  async load(itemIds: readonly string[]): Promise<ItemContext[]> {
    const rows: ItemContextRow[] = await this.ds.query(
      `SELECT i.id::text, i.batch_id::text, i.product_id::text, i.channel_id::text, i.status, i.attempts,
              b.status AS batch_status, b.kind AS batch_kind, b.force, b.requested_by, c.auto_sync_content,
              l.external_id, l.status AS listing_status, l.price::text AS listing_price, l.title AS listing_title,
              l.content_hash, l.variant_ids, l.synced_at, l.last_write_batch_id::text,
              l.incomplete, l.fields_hash, l.sent_levels, l.last_payload,
              r.batch_id::text AS restore_batch_id, r.before_state AS restore_before
       FROM sync_items i
       JOIN sync_batches b ON b.id = i.batch_id
       JOIN channels c ON c.id = i.channel_id
       LEFT JOIN sync_items r ON r.id = i.restore_item_id
       LEFT JOIN listings l ON l.product_id = i.product_id AND l.channel_id = i.channel_id
       WHERE i.id = ANY($1::bigint[])`,
      [itemIds],
    );
    const productIds = [...new Set(rows.map((r) => r.product_id))];
    const [products, variants] = await Promise.all([
      loadProductsByIds(this.ds, productIds),
      loadVariantsByProductIds(this.ds, productIds),
    ]);
    const productById = new Map(products.map((p) => [String(p.id), p]));
    const variantsByProduct = new Map<string, ProductVariantEntity[]>();
    for (const v of variants) {
      const key = String(v.productId);
      variantsByProduct.set(key, [...(variantsByProduct.get(key) ?? []), v]);
    }
    return rows.map((r) => {
      const p = productById.get(r.product_id);
      return {
        itemId: r.id,
        batchId: r.batch_id,
        productId: r.product_id,
        channelId: r.channel_id,
        status: r.status,
        attempts: r.attempts,
        batchStatus: r.batch_status,
        batchKind: r.batch_kind,
        force: r.force,
        requestedBy: r.requested_by,
        autoSyncContent: r.auto_sync_content,
        product: p ? toMasterProduct(p, variantsByProduct.get(r.product_id) ?? []) : null,
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
                lastWriteBatchId: r.last_write_batch_id,
                incomplete: r.incomplete ?? false,
                fieldsHash: r.fields_hash,
                sentLevels: r.sent_levels,
                lastPayload: r.last_payload,
              },
        restore:
          r.restore_batch_id === null
            ? null
            : { batchId: r.restore_batch_id, before: r.restore_before ?? { status: "NOT_LISTED" } },
      };
    });
  }
}
