import type { Queryable } from "../queryable";
import { filterSql, type ProductFilters } from "../list-products";
import type { CATALOG_COLUMNS } from "../import/parse-row";

export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];

/**
 * One product as an import file row, a property per import column: text in the import's own notation
 * (images `|`-joined, attributes as a JSON object), null for an empty cell.
 */
export interface CatalogExportRow {
  sku: string;
  title: string;
  description: string;
  brand: string | null;
  category: string | null;
  /** numeric(14,2) as PostgreSQL prints it: exact, never through a float. */
  price: string;
  currency: string;
  stock: number;
  weight_grams: number | null;
  length_cm: string | null;
  width_cm: string | null;
  height_cm: string | null;
  images: string | null;
  attributes: string | null;
}

/** A product as the export's query reads it: the export row's columns, images and attributes unjoined. */
interface ProductRow extends Omit<CatalogExportRow, "images" | "attributes"> {
  id: string;
  images: string[];
  attributes: Record<string, string>;
}

export const DEFAULT_EXPORT_PAGE = 500;

function toExportRow(p: ProductRow): CatalogExportRow {
  const { id: _id, images, attributes, ...columns } = p;
  return {
    ...columns,
    images: images.length ? images.join("|") : null,
    // JSON rather than key=value;…: a value may itself hold `;` or `=`.
    attributes: Object.keys(attributes).length ? JSON.stringify(attributes) : null,
  };
}

/**
 * The products matching the products list's filters, in id order, as import rows. Read in keyset
 * pages of `pageSize`: memory holds one page whatever the catalog's size, and no connection or
 * transaction stays open while a slow client downloads (a server-side cursor would pin both). A
 * product written during the export appears if its id is past the page being read; none appears twice.
 */
export async function* catalogExportRows(
  db: Queryable,
  filters: ProductFilters = {},
  opts: { pageSize?: number } = {},
): AsyncGenerator<CatalogExportRow> {
  const pageSize = opts.pageSize ?? DEFAULT_EXPORT_PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize: must be 1 or more`);
  let after = "0";
  for (;;) {
    const { where, params } = filterSql(filters);
    where.push(`p.id > $${params.push(after)}::bigint`);
    const rows: ProductRow[] = await db.query(
      `SELECT p.id::text, p.sku, p.title, p.description, p.brand, p.category, p.price::text, p.currency,
              p.stock, p.weight_grams, p.length_cm::text, p.width_cm::text, p.height_cm::text,
              p.images, p.attributes
         FROM products p WHERE ${where.join(" AND ")} ORDER BY p.id LIMIT $${params.push(pageSize)}`,
      params,
    );
    for (const row of rows) yield toExportRow(row);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}
