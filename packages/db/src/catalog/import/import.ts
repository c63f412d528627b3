import type { DataSource, EntityManager } from "typeorm";
import { upsertProducts, type NewProduct } from "../write-products";
import { parseCatalogRow } from "./parse-row";
import type { CatalogRecord } from "./sources";

export interface RejectedRow {
  unit: "line" | "index";
  position: number;
  sku: string | null;
  /** `field: message` for each problem. */
  reasons: string[];
}

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** SYNCED listings of changed products, now OUT_OF_DATE. */
  listingsMarkedOutOfDate: number;
}

interface Accepted {
  record: CatalogRecord;
  product: NewProduct;
}

const skuOf = (r: CatalogRecord) =>
  typeof r.data.sku === "string" && r.data.sku.trim() ? r.data.sku.trim() : null;
const where = (r: CatalogRecord) => `${r.unit} ${r.position}`;

/** Validates every row; the first row with a SKU (or variant SKU) wins and later ones are rejected. */
function validate(records: readonly CatalogRecord[], rejected: RejectedRow[]): Accepted[] {
  const accepted: Accepted[] = [];
  const skuAt = new Map<string, CatalogRecord>();
  const variantAt = new Map<string, CatalogRecord>();
  const reject = (record: CatalogRecord, reasons: string[]) =>
    rejected.push({ unit: record.unit, position: record.position, sku: skuOf(record), reasons });
  for (const record of records) {
    if (record.error) {
      reject(record, [record.error]);
      continue;
    }
    const r = parseCatalogRow(record.data);
    if (!r.ok) {
      reject(
        record,
        r.errors.map((e) => `${e.field}: ${e.message}`),
      );
      continue;
    }
    const reasons: string[] = [];
    const first = skuAt.get(r.product.sku);
    if (first) reasons.push(`sku: ${JSON.stringify(r.product.sku)} already appears at ${where(first)}`);
    (r.product.variants ?? []).forEach((v, i) => {
      const other = variantAt.get(v.sku);
      if (other)
        reasons.push(`variants[${i}].sku: ${JSON.stringify(v.sku)} already appears at ${where(other)}`);
    });
    if (reasons.length) {
      reject(record, reasons);
      continue;
    }
    skuAt.set(r.product.sku, record);
    for (const v of r.product.variants ?? []) variantAt.set(v.sku, record);
    accepted.push({ record, product: r.product });
  }
  return accepted;
}

/** Rows whose variant SKUs already belong to another product: moving them silently would corrupt it. */
async function foreignVariants(em: EntityManager, chunk: Accepted[]): Promise<Map<Accepted, string[]>> {
  const skus = chunk.flatMap((a) => (a.product.variants ?? []).map((v) => v.sku));
  const out = new Map<Accepted, string[]>();
  if (skus.length === 0) return out;
  const owners: { sku: string; owner: string }[] = await em.query(
    "SELECT v.sku, p.sku AS owner FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ANY($1::varchar[])",
    [skus],
  );
  const ownerOf = new Map(owners.map((o) => [o.sku, o.owner]));
  for (const a of chunk) {
    const reasons = (a.product.variants ?? []).flatMap((v, i) => {
      const owner = ownerOf.get(v.sku);
      return owner && owner !== a.product.sku
        ? [`variants[${i}].sku: ${JSON.stringify(v.sku)} already belongs to product ${JSON.stringify(owner)}`]
        : [];
    });
    if (reasons.length) out.set(a, reasons);
  }
  return out;
}

/**
 * Upserts catalog rows by SKU: valid rows are written in chunks (one transaction each), every
 * rejected row is reported with its position and reasons. Products whose content changed get
 * their SYNCED listings marked OUT_OF_DATE.
 */
export async function importCatalog(
  ds: DataSource,
  records: readonly CatalogRecord[],
  opts: { chunkSize?: number } = {},
): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const accepted = validate(records, rejected);
  const chunkSize = opts.chunkSize ?? 1000;
  const report: ImportReport = {
    rows: records.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected,
    listingsMarkedOutOfDate: 0,
  };
  for (let i = 0; i < accepted.length; i += chunkSize) {
    const chunk = accepted.slice(i, i + chunkSize);
    try {
      const { written, outOfDate, writable } = await ds.transaction(async (em) => {
        const foreign = await foreignVariants(em, chunk);
        for (const [a, reasons] of foreign)
          rejected.push({ unit: a.record.unit, position: a.record.position, sku: a.product.sku, reasons });
        const rows = chunk.filter((a) => !foreign.has(a));
        return {
          ...(await upsertProducts(
            em,
            rows.map((a) => a.product),
          )),
          writable: rows.length,
        };
      });
      const inserted = written.filter((w) => w.inserted).length;
      report.inserted += inserted;
      report.updated += written.length - inserted;
      report.unchanged += writable - written.length;
      report.listingsMarkedOutOfDate += outOfDate;
    } catch (e) {
      const reason = `not imported, the database refused this chunk: ${(e as Error).message}`;
      for (const a of chunk) {
        if (!rejected.some((r) => r.unit === a.record.unit && r.position === a.record.position)) {
          rejected.push({
            unit: a.record.unit,
            position: a.record.position,
            sku: a.product.sku,
            reasons: [reason],
          });
        }
      }
    }
  }
  rejected.sort((a, b) => a.position - b.position);
  return report;
}
