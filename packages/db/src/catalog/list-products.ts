import type { ListingStatus, Platform } from "@syncstore/core";
import { In } from "typeorm";
import { ProductEntity } from "../entities";
import { decodeProductCursor, encodeProductCursor } from "./cursor";
import type { Queryable } from "./queryable";
import { searchMatchSql } from "./search-match";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ListProductsArgs {
  /** 0…100, default 20. */
  first?: number | null;
  /** An endCursor from a previous page of the same query. */
  after?: string | null;
  /** Words, each a case-insensitive substring of the SKU, title or brand, in any order. */
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

export { escapeLike } from "./search-match";

/** The filters of the products list, without its paging: what an export of "this view" selects. */
export type ProductFilters = Pick<ListProductsArgs, "search" | "listingStatus" | "platform">;

interface Filter {
  where: string[];
  params: unknown[];
}

/** The WHERE conditions of a product listing, as SQL over alias `p` with positional parameters. */
export function filterSql(args: ProductFilters): Filter {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  const search = searchMatchSql(args.search, param);
  if (search) where.push(search);
  const platform = args.platform ?? null;
  const onPlatform = platform ? `AND c.platform = ${param(platform)}` : "";
  if (args.listingStatus === "NOT_LISTED") {
    where.push(
      `EXISTS (SELECT 1 FROM channels c WHERE c.enabled ${onPlatform} AND NOT EXISTS (
         SELECT 1 FROM listings l WHERE l.product_id = p.id AND l.channel_id = c.id AND l.status <> 'NOT_LISTED'))`,
    );
  } else if (args.listingStatus) {
    where.push(
      `EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id
               WHERE l.product_id = p.id AND l.status = ${param(args.listingStatus)} ${onPlatform})`,
    );
  } else if (platform) {
    where.push(
      `EXISTS (SELECT 1 FROM listings l JOIN channels c ON c.id = l.channel_id
               WHERE l.product_id = p.id AND l.status <> 'NOT_LISTED' ${onPlatform})`,
    );
  }
  return { where, params };
}

/**
 * One page of the catalog, keyset-paginated by id: a product inserted or deleted between page
 * fetches never makes another appear twice or go missing. Throws InvalidCursorError for a bad
 * `after` and RangeError for a `first` outside 0…100.
 *
 * With filters, the matching ids are collected once (the trigram index finds them) and both the
 * count and the page come from that set: ordering the filtered rows by the primary key instead
 * would walk the whole table whenever few products match.
 */
export async function listProducts(db: Queryable, args: ListProductsArgs = {}): Promise<ProductPage> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`first: must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${first})`);
  }
  const afterId = args.after == null ? "0" : decodeProductCursor(args.after);
  const { where, params } = filterSql(args);
  const after = `$${params.push(afterId)}::bigint`;
  const pageSize = `$${params.push(first + 1)}`;
  const rows: { total: number; ids: string[] | null }[] = await db.query(
    where.length
      ? `WITH m AS MATERIALIZED (SELECT p.id FROM products p WHERE ${where.join(" AND ")})
         SELECT (SELECT count(*)::int FROM m) AS total,
                (SELECT array_agg(id::text ORDER BY id) FROM (SELECT id FROM m WHERE id > ${after} ORDER BY id LIMIT ${pageSize}) s) AS ids`
      : `SELECT (SELECT count(*)::int FROM products) AS total,
                (SELECT array_agg(id::text ORDER BY id) FROM (SELECT id FROM products WHERE id > ${after} ORDER BY id LIMIT ${pageSize}) s) AS ids`,
    params,
  );
  const ids = rows[0]?.ids ?? [];
  const products = ids.length
    ? await db
        .getRepository(ProductEntity)
        .find({ where: { id: In(ids.slice(0, first)) }, order: { id: "ASC" } })
    : [];
  const last = products.at(-1);
  return {
    nodes: products,
    hasNextPage: ids.length > first,
    endCursor: last ? encodeProductCursor(last.id) : null,
    totalCount: rows[0]?.total ?? 0,
  };
}
