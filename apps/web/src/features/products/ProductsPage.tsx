import { Fragment, useEffect, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ProductsQuery as ProductsData } from "../../gql/graphql";
import { formatCount, formatMoney, platformLabel } from "../../ui/format";
import { useErrorClass, useStatusLabel } from "../../i18n/enums";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Spinner } from "../../ui/states";
import { useDebounced } from "../../ui/useDebounced";
import { PLATFORMS } from "../batches/useStartBatch";
import { ExportButtons } from "./ExportButtons";
import { ListingCell } from "./ListingCell";
import { productsQuery } from "./operations";
import { SelectionBar } from "./SelectionBar";
import { selection, useSelection } from "./selection";
import {
  DEFAULT_SORT,
  LISTING_STATUSES,
  PAGE_SIZES,
  PRODUCT_SORTS,
  sortKey,
  useProductFilters,
  type ProductSort,
} from "./useProductFilters";

type ProductRow = ProductsData["products"]["edges"][number]["node"];

export function ProductsPage() {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const { filters, setFilters, nextPage, previousPage } = useProductFilters();
  const [searchText, setSearchText] = useState(filters.search);
  const debounced = useDebounced(searchText, 300);
  const searchRef = useRef<HTMLInputElement>(null);

  // The URL follows the box once typing pauses; a back/forward navigation moves the box.
  useEffect(() => {
    if (debounced !== filters.search) setFilters({ search: debounced }, true);
  }, [debounced]); // not on filters: a navigation must not be undone by a stale box value
  useEffect(() => setSearchText(filters.search), [filters.search]);

  // "/" jumps to the search box from anywhere on the page, as on most list pages people know.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || target?.closest("input, textarea, select")) return;
      e.preventDefault();
      searchRef.current?.focus();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const variables = {
    first: filters.pageSize,
    after: filters.after,
    search: filters.search || null,
    listingStatus: filters.listingStatus,
    platform: filters.platform,
    orderBy: sortKey(filters.sort) === sortKey(DEFAULT_SORT) ? null : filters.sort,
  };
  const { data, previousData, loading, error, refetch } = useQuery(productsQuery, { variables });
  const shown = data ?? previousData;
  const connection = shown?.products;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const stale = loading && shown !== undefined;

  const selected = useSelection();
  const pageAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const pageSomeSelected = rows.some((r) => selected.has(r.id));
  // While the next page loads the previous rows stay on screen, so the counter keeps describing them.
  const shownFirst = useRef(1);
  if (data) shownFirst.current = (filters.page - 1) * filters.pageSize + 1;
  const first = shownFirst.current;
  const filtered = Boolean(filters.search || filters.listingStatus || filters.platform);

  return (
    <>
      <PageHeader
        title={t("products.title")}
        subtitle={
          connection
            ? t(filtered ? "products.matching" : "products.inCatalog", { count: connection.totalCount })
            : t("products.masterCatalog")
        }
        actions={<ExportButtons filters={filters} />}
      />
      <div className="toolbar" role="search">
        <label className="field field-grow">
          <span className="sr-only">{t("products.search")}</span>
          <input
            ref={searchRef}
            type="search"
            placeholder={t("products.searchPlaceholder")}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setSearchText("");
            }}
            aria-label={t("products.search")}
          />
        </label>
        <label className="field">
          <span className="sr-only">{t("products.listingStatus")}</span>
          <select
            aria-label={t("products.listingStatus")}
            value={filters.listingStatus ?? ""}
            onChange={(e) =>
              setFilters({ listingStatus: (e.target.value || null) as typeof filters.listingStatus })
            }
          >
            <option value="">{t("products.anyStatus")}</option>
            {LISTING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="sr-only">{t("products.platform")}</span>
          <select
            aria-label={t("products.platform")}
            value={filters.platform ?? ""}
            onChange={(e) => setFilters({ platform: (e.target.value || null) as typeof filters.platform })}
          >
            <option value="">{t("products.anyPlatform")}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {platformLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="sr-only">{t("products.sortBy")}</span>
          <select
            aria-label={t("products.sortBy")}
            value={sortKey(filters.sort)}
            onChange={(e) =>
              setFilters({ sort: PRODUCT_SORTS.find((s) => sortKey(s) === e.target.value) ?? DEFAULT_SORT })
            }
          >
            {PRODUCT_SORTS.map((s) => (
              <option key={sortKey(s)} value={sortKey(s)}>
                {t(`products.sort_${sortKey(s)}` as "products.sort_CREATED_AT_ASC")}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setFilters({ search: "", listingStatus: null, platform: null })}
          >
            {t("products.clearFilters")}
          </button>
        )}
        {stale && <Spinner label={t("products.updating")} />}
      </div>

      {error && !shown ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("products.loadFailed")} />
      ) : !connection ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? t("products.noMatch") : t("products.empty")}>
          {filtered ? (
            <p>{t("products.noMatchHint")}</p>
          ) : (
            <p>
              {t("products.emptyHint")} <code>pnpm catalog import</code>
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          {error && (
            <ErrorState error={error} retry={() => void refetch()} title={t("products.showingLast")} />
          )}
          <div
            className={`table-wrap${stale ? " is-stale" : ""}`}
            tabIndex={0}
            role="region"
            aria-label={t("products.title")}
          >
            <table className="table products-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th className="col-check">
                    <input
                      type="checkbox"
                      aria-label={t("products.selectPage")}
                      checked={pageAllSelected}
                      ref={(el) => {
                        if (el) el.indeterminate = pageSomeSelected && !pageAllSelected;
                      }}
                      onChange={() => selection.setMany(rows, !pageAllSelected)}
                    />
                  </th>
                  <SortableHeader
                    field="SKU"
                    label={t("products.sku")}
                    sort={filters.sort}
                    onSort={setFilters}
                  />
                  <SortableHeader
                    field="TITLE"
                    label={t("products.productTitle")}
                    sort={filters.sort}
                    onSort={setFilters}
                  />
                  <SortableHeader
                    field="PRICE"
                    label={t("products.price")}
                    sort={filters.sort}
                    onSort={setFilters}
                    numeric
                  />
                  <SortableHeader
                    field="STOCK"
                    label={t("products.stock")}
                    sort={filters.sort}
                    onSort={setFilters}
                    numeric
                  />
                  {PLATFORMS.map((p) => (
                    <th key={p}>{platformLabel(p)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <Row key={row.id} row={row} checked={selected.has(row.id)} />
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t("products.pages")}>
            <span className="pager-info" data-testid="page-info">
              {t("products.range", {
                first: formatCount(first),
                last: formatCount(first + rows.length - 1),
                total: formatCount(connection.totalCount),
              })}
            </span>
            <label className="field field-inline">
              <span>{t("products.perPage")}</span>
              <select
                value={filters.pageSize}
                onChange={(e) => setFilters({ pageSize: Number(e.target.value) })}
              >
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button"
              disabled={filters.page <= 1 || loading}
              onClick={previousPage}
            >
              {t("products.previous")}
            </button>
            <span className="pager-page">{t("products.page", { page: filters.page })}</span>
            <button
              type="button"
              className="button"
              disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor || loading}
              onClick={() => connection.pageInfo.endCursor && nextPage(connection.pageInfo.endCursor)}
            >
              {t("products.next")}
            </button>
          </nav>
        </>
      )}
      <SelectionBar filters={filters} totalMatching={connection?.totalCount ?? null} />
    </>
  );
}

function Row({ row, checked }: { row: ProductRow; checked: boolean }) {
  const { t } = useTranslation();
  const errorClass = useErrorClass();
  const [open, setOpen] = useState(false);
  const errors = row.listings.filter((l) => l.lastError);
  return (
    <Fragment>
      <tr className={checked ? "is-selected" : undefined} data-testid="product-row" data-sku={row.sku}>
        <td className="col-check">
          <input
            type="checkbox"
            aria-label={t("products.selectOne", { sku: row.sku })}
            checked={checked}
            onChange={() => selection.toggle(row.id, row.sku)}
          />
        </td>
        <td className="mono">
          <Link to={`/products/${row.id}`}>{row.sku}</Link>
        </td>
        <td className="col-title">
          <Link to={`/products/${row.id}`} className="quiet-link" tabIndex={-1}>
            {row.title}
          </Link>
        </td>
        <td className="num">{formatMoney(row.price, row.currency)}</td>
        <td className={`num${row.stock <= 0 ? " text-bad" : ""}`}>{formatCount(row.stock)}</td>
        {PLATFORMS.map((p) => (
          <td key={p}>
            <ListingCell
              listing={row.listings.find((l) => l.platform === p)}
              platform={p}
              currency={row.currency}
            />
            {p === PLATFORMS[PLATFORMS.length - 1] && errors.length > 0 && (
              <button
                type="button"
                className="button button-ghost button-tiny"
                aria-expanded={open}
                onClick={() => setOpen(!open)}
                title={open ? t("products.hideErrors") : t("products.showErrors")}
              >
                {open ? t("products.hide") : t("products.why")}
              </button>
            )}
          </td>
        ))}
      </tr>
      {open && (
        <tr className="row-detail">
          <td />
          <td colSpan={4 + PLATFORMS.length}>
            <ul className="error-list">
              {errors.map((l) => (
                <li key={l.id}>
                  <strong>{platformLabel(l.platform)}</strong>{" "}
                  <span className="muted">{errorClass(l.lastErrorClass).name}</span>{" "}
                  <span translate="no">{l.lastError}</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function TableSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" aria-busy="true" aria-label={t("products.loading")}>
      <table className="table">
        <tbody>
          {Array.from({ length: 8 }, (_, i) => (
            <tr key={i} className="skeleton-row">
              <td colSpan={7}>
                <span className="skeleton" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A column header that orders the list by its column: ascending first, then descending; the
 * current order is announced through aria-sort.
 */
function SortableHeader({
  field,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  field: ProductSort["field"];
  label: string;
  sort: ProductSort;
  onSort: (next: { sort: ProductSort }) => void;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const active = sort.field === field;
  const next: ProductSort = { field, direction: active && sort.direction === "ASC" ? "DESC" : "ASC" };
  return (
    <th
      className={numeric ? "num" : undefined}
      aria-sort={active ? (sort.direction === "ASC" ? "ascending" : "descending") : undefined}
    >
      <button
        type="button"
        className="th-sort"
        title={t("products.sortColumn", { column: label })}
        onClick={() => onSort({ sort: next })}
      >
        {label}
        <span aria-hidden="true" className="th-sort-mark">
          {active ? (sort.direction === "ASC" ? "▲" : "▼") : ""}
        </span>
      </button>
    </th>
  );
}
