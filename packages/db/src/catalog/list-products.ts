import type { ListingStatus, Platform } from "@syncstore/core";
import type { SelectQueryBuilder } from "typeorm";
import { ProductEntity } from "../entities";
import { decodeProductCursor, encodeProductCursor } from "./cursor";
import type { Queryable } from "./queryable";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ListProductsArgs {
  /** 0…100, default 20. */
  first?: number | null;
  /** An endCursor from a previous page of the same query. */
  after?: string | null;
  /** Case-insensitive substring of the SKU, title or brand. */
  search?: string | null;
  /**
   * Products with a listing in this status (on `platform`'s channels when given). NOT_LISTED counts
   * a missing listing: a product is NOT_LISTED on every enabled channel where it has no listing row
   * or a NOT_LISTED one.
   */
  listingStatus?: ListingStatus | null;
  /** Alone: products listed (in any status but NOT_LISTED) on this platform. */
  platform?: Platform | null;
}

export interface ProductPage {
  nodes: ProductEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** Products matching the filters, all pages together. */
  totalCount: number;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters 5, 0, %. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => "\\" + c);
}

function applyFilters(
  qb: SelectQueryBuilder<ProductEntity>,
  args: ListProductsArgs,
): SelectQueryBuilder<ProductEntity> {
  const search = args.search?.trim();
  if (search) {
    qb.andWhere("(p.sku ILIKE :pattern OR p.title ILIKE :pattern OR p.brand ILIKE :pattern)", {
      pattern: `%${escapeLike(search)}%`,
    });
  }
  const platform = args.platform ?? null;
  const onPlatform = platform ? "AND c.platform = :platform" : "";
  if (platform) qb.setParameter("platform", platform);
  if (args.listingStatus === "NOT_LISTED") {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM channels c WHERE c.enabled ${onPlatform} AND NOT EXISTS (
         SELECT 1 FROM listings l WHERE l.product_id = p.id AND l.channel_id = c.id AND l.status <> 'NOT_LISTED'))`,
    );
  } else if (args.listingStatus) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id
               WHERE l.product_id = p.id AND l.status = :listingStatus ${onPlatform})`,
      { listingStatus: args.listingStatus },
    );
  } else if (platform) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id
               WHERE l.product_id = p.id AND l.status <> 'NOT_LISTED' ${onPlatform})`,
    );
  }
  return qb;
}

/**
 * One page of the catalog, keyset-paginated by id: a product inserted or deleted between page
 * fetches never makes another appear twice or go missing. Throws InvalidCursorError for a bad
 * `after` and RangeError for a `first` outside 0…100.
 */
export async function listProducts(db: Queryable, args: ListProductsArgs = {}): Promise<ProductPage> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`first: must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${first})`);
  }
  const afterId = args.after == null ? null : decodeProductCursor(args.after);
  const repo = db.getRepository(ProductEntity);

  const page = applyFilters(repo.createQueryBuilder("p"), args);
  if (afterId) page.andWhere("p.id > :afterId", { afterId });
  page.orderBy("p.id", "ASC").limit(first + 1);

  const [rows, totalCount] = await Promise.all([
    page.getMany(),
    applyFilters(repo.createQueryBuilder("p"), args).getCount(),
  ]);
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: rows.length > first,
    endCursor: last ? encodeProductCursor(last.id) : null,
    totalCount,
  };
}
