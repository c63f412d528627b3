import { In } from "typeorm";
import { ChannelEntity, ListingEntity, ProductEntity, ProductVariantEntity } from "../entities";
import { isBigintId, type Queryable } from "./queryable";

const validIds = (ids: readonly string[]) => [...new Set(ids.filter(isBigintId))];

/**
 * Batch loaders for DataLoaders: one query for many ids. Each returns the rows found, ordered by id
 * (variants by product, then position); ids that name nothing (or are not ids) are simply absent.
 */
export async function loadProductsByIds(db: Queryable, ids: readonly string[]): Promise<ProductEntity[]> {
  const wanted = validIds(ids);
  if (wanted.length === 0) return [];
  return db.getRepository(ProductEntity).find({ where: { id: In(wanted) }, order: { id: "ASC" } });
}

export async function loadVariantsByProductIds(
  db: Queryable,
  productIds: readonly string[],
): Promise<ProductVariantEntity[]> {
  const wanted = validIds(productIds);
  if (wanted.length === 0) return [];
  return db
    .getRepository(ProductVariantEntity)
    .find({ where: { productId: In(wanted) }, order: { productId: "ASC", position: "ASC", id: "ASC" } });
}

/** A listing with its channel loaded, so the platform is at hand. */
export type ListingWithChannel = ListingEntity & { channel: ChannelEntity };

export async function loadListingsByProductIds(
  db: Queryable,
  productIds: readonly string[],
): Promise<ListingWithChannel[]> {
  const wanted = validIds(productIds);
  if (wanted.length === 0) return [];
  const rows = await db.getRepository(ListingEntity).find({
    where: { productId: In(wanted) },
    relations: { channel: true },
    order: { productId: "ASC", channelId: "ASC" },
  });
  return rows as ListingWithChannel[];
}

/** Every channel, enabled or not, by id. */
export async function loadChannels(db: Queryable): Promise<ChannelEntity[]> {
  return db.getRepository(ChannelEntity).find({ order: { id: "ASC" } });
}

/** Groups rows by a key, keeping order: turns a batch result into DataLoader answers. */
export function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const by = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = by.get(k);
    if (list) list.push(row);
    else by.set(k, [row]);
  }
  return keys.map((k) => by.get(k) ?? []);
}
