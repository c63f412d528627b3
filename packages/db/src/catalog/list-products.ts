import type { ListingStatus, Platform } from "@syncstore/core";
import { In } from "typeorm";
import { ProductEntity } from "../entities";
import {
  decodeOrderedProductCursor,
  decodeProductCursor,
  encodeOrderedProductCursor,
  encodeProductCursor,
  type ProductOrder,
  type ProductOrderField,
} from "./cursor";
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
  /** Default: id ascending (the order products were created in). */
  orderBy?: ProductOrder | null;
}

export interface ProductPage {
  nodes: ProductEntity[];
  /** Each node's own cursor, in the same order: a page may be resumed after any of them. */
  cursors: string[];
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
 * Each order's sort key: the column ORDER BY uses (so an index on (column, id) serves it), the text a
 * cursor keeps, and the value a cursor's text stands for in a row comparison. Ties break on id.
 */
const ORDER_KEYS: Record<
  ProductOrderField,
  { column: string; text: string; fromText: (placeholder: string) => string }
> = {
  CREATED_AT: { column: "p.id", text: "p.id::text", fromText: (v) => `${v}::bigint` },
  SKU: { column: "p.sku", text: "p.sku", fromText: (v) => `${v}::text` },
  TITLE: { column: "p.title", text: "p.title", fromText: (v) => `${v}::text` },
  PRICE: { column: "p.price", text: "p.price::text", fromText: (v) => `${v}::numeric` },
  STOCK: { column: "p.stock", text: "p.stock::text", fromText: (v) => `${v}::int` },
  UPDATED_AT: {
    column: "p.updated_at",
    text: "floor(extract(epoch FROM p.updated_at) * 1000000)::bigint::text",
    fromText: (v) => `('epoch'::timestamptz + ${v}::bigint * interval '1 microsecond')`,
  },
};

const BY_ID: ProductOrder = { field: "CREATED_AT", direction: "ASC" };
const isById = (o: ProductOrder) => o.field === "CREATED_AT" && o.direction === "ASC";

/**
 * One page of the catalog, keyset-paginated on (sort key, id): a product inserted or deleted between
 * page fetches never makes another appear twice or go missing. Throws InvalidCursorError for a bad
 * `after` (or one of another order) and RangeError for a `first` outside 0…100.
 *
 * With filters, the matching ids are collected once (the trigram index finds them) and both the
 * count and the page come from that set: ordering the filtered rows by an index instead would walk
 * the whole table whenever few products match.
 */
export async function listProducts(db: Queryable, args: ListProductsArgs = {}): Promise<ProductPage> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new RangeError(`first: must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${first})`);
  }
  const order = args.orderBy ?? BY_ID;
  const key = ORDER_KEYS[order.field];
  const dir = order.direction === "DESC" ? "DESC" : "ASC";
  const { where, params } = filterSql(args);
  const param = (v: unknown) => `$${params.push(v)}`;
  const page: string[] = [];
  if (args.after != null) {
    if (isById(order)) page.push(`p.id > ${param(decodeProductCursor(args.after))}::bigint`);
    else {
      const at = decodeOrderedProductCursor(order, args.after);
      page.push(
        `(${key.column}, p.id) ${dir === "DESC" ? "<" : ">"} (${key.fromText(param(at.value))}, ${param(at.id)}::bigint)`,
      );
    }
  }
  const limit = param(first + 1);
  const pageSql = (from: string) =>
    `SELECT p.id::text AS id, ${key.text} AS k FROM ${from} WHERE ${page.length ? page.join(" AND ") : "TRUE"}
     ORDER BY ${key.column} ${dir}, p.id ${dir} LIMIT ${limit}`;
  const rows: { total: number; page: { id: string; k: string }[] | null }[] = await db.query(
    where.length
      ? `WITH m AS MATERIALIZED (SELECT p.id FROM products p WHERE ${where.join(" AND ")})
         SELECT (SELECT count(*)::int FROM m) AS total,
                (SELECT json_agg(s) FROM (${pageSql("products p JOIN m ON m.id = p.id")}) s) AS page`
      : `SELECT (SELECT count(*)::int FROM products) AS total,
                (SELECT json_agg(s) FROM (${pageSql("products p")}) s) AS page`,
    params,
  );
  const found = rows[0]?.page ?? [];
  const shown = found.slice(0, first);
  const entities = shown.length
    ? await db.getRepository(ProductEntity).find({ where: { id: In(shown.map((r) => r.id)) } })
    : [];
  const byId = new Map(entities.map((e) => [String(e.id), e]));
  // A product deleted between the two reads is left out; its neighbours keep their cursors.
  const kept = shown.filter((r) => byId.has(r.id));
  const cursors = kept.map((r) =>
    isById(order) ? encodeProductCursor(r.id) : encodeOrderedProductCursor(order, { id: r.id, value: r.k }),
  );
  return {
    nodes: kept.map((r) => byId.get(r.id)!),
    cursors,
    hasNextPage: found.length > first,
    endCursor: cursors.at(-1) ?? null,
    totalCount: rows[0]?.total ?? 0,
  };
}
