import { Fragment, useEffect, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import type { ProductsQuery as ProductsData } from "../../gql/graphql";
import { formatCount, formatMoney, humanize, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Spinner } from "../../ui/states";
import { useDebounced } from "../../ui/useDebounced";
import { PLATFORMS } from "../batches/useStartBatch";
import { ListingCell } from "./ListingCell";
import { productsQuery } from "./operations";
import { SelectionBar } from "./SelectionBar";
import { selection, useSelection } from "./selection";
import { LISTING_STATUSES, PAGE_SIZES, useProductFilters } from "./useProductFilters";

type ProductRow = ProductsData["products"]["edges"][number]["node"];

export function ProductsPage() {
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
        title="Products"
        subtitle={
          connection
            ? `${formatCount(connection.totalCount)} ${filtered ? "matching" : "in the master catalog"}`
            : "The master catalog"
        }
      />
      <div className="toolbar" role="search">
        <label className="field field-grow">
          <span className="sr-only">Search products</span>
          <input
            ref={searchRef}
            type="search"
            placeholder="Search SKU, title or brand   ( / )"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setSearchText("");
            }}
            aria-label="Search products"
          />
        </label>
        <label className="field">
          <span className="sr-only">Listing status</span>
          <select
            aria-label="Listing status"
            value={filters.listingStatus ?? ""}
            onChange={(e) =>
              setFilters({ listingStatus: (e.target.value || null) as typeof filters.listingStatus })
            }
          >
            <option value="">Any status</option>
            {LISTING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="sr-only">Platform</span>
          <select
            aria-label="Platform"
            value={filters.platform ?? ""}
            onChange={(e) => setFilters({ platform: (e.target.value || null) as typeof filters.platform })}
          >
            <option value="">Any platform</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {platformLabel(p)}
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
            Clear filters
          </button>
        )}
        {stale && <Spinner label="Updating" />}
      </div>

      {error && !shown ? (
        <ErrorState error={error} retry={() => void refetch()} title="Could not load products" />
      ) : !connection ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? "No products match" : "The catalog is empty"}>
          {filtered ? (
            <p>Try another search or clear the filters.</p>
          ) : (
            <p>
              Import a catalog with <code>pnpm catalog import</code>.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          {error && (
            <ErrorState error={error} retry={() => void refetch()} title="Showing the last products loaded" />
          )}
          <div
            className={`table-wrap${stale ? " is-stale" : ""}`}
            tabIndex={0}
            role="region"
            aria-label="Products"
          >
            <table className="table products-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th className="col-check">
                    <input
                      type="checkbox"
                      aria-label="Select all products on this page"
                      checked={pageAllSelected}
                      ref={(el) => {
                        if (el) el.indeterminate = pageSomeSelected && !pageAllSelected;
                      }}
                      onChange={() => selection.setMany(rows, !pageAllSelected)}
                    />
                  </th>
                  <th>SKU</th>
                  <th>Title</th>
                  <th className="num">Price</th>
                  <th className="num">Stock</th>
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
          <nav className="pager" aria-label="Pages">
            <span className="pager-info" data-testid="page-info">
              {formatCount(first)}–{formatCount(first + rows.length - 1)} of{" "}
              {formatCount(connection.totalCount)}
            </span>
            <label className="field field-inline">
              <span>Per page</span>
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
              ← Previous
            </button>
            <span className="pager-page">Page {filters.page}</span>
            <button
              type="button"
              className="button"
              disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor || loading}
              onClick={() => connection.pageInfo.endCursor && nextPage(connection.pageInfo.endCursor)}
            >
              Next →
            </button>
          </nav>
        </>
      )}
      <SelectionBar filters={filters} totalMatching={connection?.totalCount ?? null} />
    </>
  );
}

function Row({ row, checked }: { row: ProductRow; checked: boolean }) {
  const [open, setOpen] = useState(false);
  const errors = row.listings.filter((l) => l.lastError);
  return (
    <Fragment>
      <tr className={checked ? "is-selected" : undefined} data-testid="product-row" data-sku={row.sku}>
        <td className="col-check">
          <input
            type="checkbox"
            aria-label={`Select ${row.sku}`}
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
                title={open ? "Hide errors" : "Show errors"}
              >
                {open ? "Hide" : "Why?"}
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
                  <span className="muted">{l.lastErrorClass}</span> {l.lastError}
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
  return (
    <div className="table-wrap" aria-busy="true" aria-label="Loading products">
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
