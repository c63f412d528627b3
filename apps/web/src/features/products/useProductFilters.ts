import { useCallback, useMemo } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import type { ListingStatus, OrderDirection, Platform, ProductOrderField } from "../../gql/graphql";

export const LISTING_STATUSES: readonly ListingStatus[] = [
  "SYNCED",
  "IN_REVIEW",
  "OUT_OF_DATE",
  "FAILED",
  "REJECTED",
  "PENDING",
  "NOT_LISTED",
];
export const PAGE_SIZES = [25, 50, 100] as const;

export interface ProductSort {
  field: ProductOrderField;
  direction: OrderDirection;
}
/** Every order the list offers, as the sort menu lists them; the first is the API's default. */
export const PRODUCT_SORTS: readonly ProductSort[] = [
  { field: "CREATED_AT", direction: "ASC" },
  { field: "CREATED_AT", direction: "DESC" },
  { field: "SKU", direction: "ASC" },
  { field: "SKU", direction: "DESC" },
  { field: "TITLE", direction: "ASC" },
  { field: "TITLE", direction: "DESC" },
  { field: "PRICE", direction: "ASC" },
  { field: "PRICE", direction: "DESC" },
  { field: "STOCK", direction: "ASC" },
  { field: "STOCK", direction: "DESC" },
  { field: "UPDATED_AT", direction: "DESC" },
  { field: "UPDATED_AT", direction: "ASC" },
];
export const DEFAULT_SORT = PRODUCT_SORTS[0]!;
export const sortKey = (s: ProductSort) => `${s.field}_${s.direction}`;

export interface ProductFilters {
  search: string;
  listingStatus: ListingStatus | null;
  platform: Platform | null;
  pageSize: number;
  sort: ProductSort;
  /** The cursor the current page starts after; null on the first page. */
  after: string | null;
  page: number;
}

interface PageHistory {
  /** `after` of every page before this one, first page first ("" for the first page). */
  previous: string[];
}

const isStatus = (v: string | null): v is ListingStatus =>
  v !== null && (LISTING_STATUSES as string[]).includes(v);
const isPlatform = (v: string | null): v is Platform => v === "SHOPEE" || v === "TIKTOK_SHOP";

/**
 * Filters and the page live in the URL, so a view can be linked and the back button pages back;
 * the cursors of earlier pages ride in history state, because a cursor only points forward.
 */
export function useProductFilters() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();

  const filters: ProductFilters = useMemo(() => {
    const status = params.get("status");
    const platform = params.get("platform");
    const size = Number(params.get("size"));
    const page = Number(params.get("page"));
    const sort = PRODUCT_SORTS.find((s) => sortKey(s) === params.get("sort")) ?? DEFAULT_SORT;
    return {
      search: params.get("q") ?? "",
      listingStatus: isStatus(status) ? status : null,
      platform: isPlatform(platform) ? platform : null,
      pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
      sort,
      after: params.get("after"),
      page: Number.isInteger(page) && page > 1 ? page : 1,
    };
  }, [params]);

  const history = (location.state as PageHistory | null)?.previous ?? [];

  const write = useCallback(
    (next: Partial<ProductFilters>, state: PageHistory = { previous: [] }, replace = false) => {
      const merged = { ...filters, ...next };
      const p = new URLSearchParams();
      if (merged.search) p.set("q", merged.search);
      if (merged.listingStatus) p.set("status", merged.listingStatus);
      if (merged.platform) p.set("platform", merged.platform);
      if (merged.pageSize !== 50) p.set("size", String(merged.pageSize));
      if (sortKey(merged.sort) !== sortKey(DEFAULT_SORT)) p.set("sort", sortKey(merged.sort));
      if (merged.after) p.set("after", merged.after);
      if (merged.page > 1) p.set("page", String(merged.page));
      void navigate({ search: p.toString() }, { state, replace });
    },
    [filters, navigate],
  );

  /** Any filter change starts again at page 1. */
  const setFilters = useCallback(
    (next: Partial<Omit<ProductFilters, "after" | "page">>, replace = false) =>
      write({ ...next, after: null, page: 1 }, { previous: [] }, replace),
    [write],
  );

  const nextPage = useCallback(
    (endCursor: string) =>
      write({ after: endCursor, page: filters.page + 1 }, { previous: [...history, filters.after ?? ""] }),
    [write, filters, history],
  );

  const previousPage = useCallback(() => {
    const previous = [...history];
    const after = previous.pop();
    // Opened from a link, the earlier cursors are unknown: go back to the first page.
    if (after === undefined) return write({ after: null, page: 1 });
    write({ after: after || null, page: Math.max(1, filters.page - 1) }, { previous });
  }, [write, filters.page, history]);

  return { filters, setFilters, nextPage, previousPage };
}
