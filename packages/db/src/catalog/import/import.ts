import type { DataSource, EntityManager } from "typeorm";
import { ruleRef } from "@syncstore/core";
import { fieldError, type FieldError } from "../product-rules";
import { upsertProducts, type NewProduct } from "../write-products";
import { parseCatalogRow } from "./parse-row";
import type { CatalogRecord } from "./sources";

export interface RejectedRow {
  unit: "line" | "row" | "index";
  position: number;
  sku: string | null;
  /** `field: message` for each problem. */
  reasons: string[];
  /** The same problems as data, each with its rule; a row-wide problem has the field "". */
  problems: FieldError[];
}

type Refusal = Pick<RejectedRow, "reasons" | "problems">;

/** The English reasons beside the problems they say, as the report has always carried them. */
function refusal(problems: FieldError[]): Refusal {
  return { problems, reasons: problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)) };
}

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first rejected rows, in file order (see `rejectedCount` for all of them). */
  rejected: RejectedRow[];
  rejectedCount: number;
  /** Dry run: rows that would be written. */
  valid?: number;
  /** SYNCED listings of changed products, now OUT_OF_DATE. */
  listingsMarkedOutOfDate: number;
}

interface Accepted {
  record: CatalogRecord;
  product: NewProduct;
}

const skuOf = (r: CatalogRecord) =>
  typeof r.data.sku === "string" && r.data.sku.trim() ? r.data.sku.trim() : null;
type Where = Pick<CatalogRecord, "unit" | "position">;
const where = (r: Where): Where => ({ unit: r.unit, position: r.position });

/**
 * Validates rows one at a time; the first row with a SKU (or variant SKU) wins and later ones are
 * rejected. It keeps only where each SKU was first seen, never the rows, so memory grows with the
 * number of SKUs, not with the file.
 */
class RowValidator {
  private readonly skuAt = new Map<string, Where>();
  private readonly variantAt = new Map<string, Where>();

  check(record: CatalogRecord): { accepted: Accepted } | Refusal {
    if (record.error)
      return refusal([
        fieldError("", "INVALID", record.error, record.errorRule ?? ruleRef("ROW_NOT_AN_OBJECT", {})),
      ]);
    const r = parseCatalogRow(record.data);
    if (!r.ok) return refusal(r.errors);
    const problems: FieldError[] = [];
    const seenBefore = (field: string, sku: string, at: Where) =>
      fieldError(
        field,
        "DUPLICATE",
        `${JSON.stringify(sku)} already appears at ${at.unit} ${at.position}`,
        ruleRef("SKU_EARLIER_ROW", { sku, unit: at.unit, position: at.position }),
      );
    const first = this.skuAt.get(r.product.sku);
    if (first) problems.push(seenBefore("sku", r.product.sku, first));
    (r.product.variants ?? []).forEach((v, i) => {
      const other = this.variantAt.get(v.sku);
      if (other) problems.push(seenBefore(`variants[${i}].sku`, v.sku, other));
    });
    if (problems.length) return refusal(problems);
    this.skuAt.set(r.product.sku, where(record));
    for (const v of r.product.variants ?? []) this.variantAt.set(v.sku, where(record));
    return { accepted: { record, product: r.product } };
  }
}

/** Rows whose variant SKUs already belong to another product: moving them silently would corrupt it. */
async function foreignVariants(em: EntityManager, chunk: Accepted[]): Promise<Map<Accepted, Refusal>> {
  const skus = chunk.flatMap((a) => (a.product.variants ?? []).map((v) => v.sku));
  const out = new Map<Accepted, Refusal>();
  if (skus.length === 0) return out;
  const owners: { sku: string; owner: string }[] = await em.query(
    "SELECT v.sku, p.sku AS owner FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ANY($1::varchar[])",
    [skus],
  );
  const ownerOf = new Map(owners.map((o) => [o.sku, o.owner]));
  for (const a of chunk) {
    const problems = (a.product.variants ?? []).flatMap((v, i) => {
      const owner = ownerOf.get(v.sku);
      return owner && owner !== a.product.sku
        ? [
            fieldError(
              `variants[${i}].sku`,
              "DUPLICATE",
              `${JSON.stringify(v.sku)} already belongs to product ${JSON.stringify(owner)}`,
              ruleRef("SKU_OF_OTHER_PRODUCT", { sku: v.sku, owner }),
            ),
          ]
        : [];
    });
    if (problems.length) out.set(a, refusal(problems));
  }
  return out;
}

export interface ImportOptions {
  chunkSize?: number;
  /** Validate everything, database checks included, but write nothing: what the import would do. */
  dryRun?: boolean;
  /** Called after each chunk with the report so far. */
  onProgress?: (report: ImportReport) => void;
  /** Rejected rows listed in the report (all are counted in `rejectedCount`); default 1000. */
  maxRejectedListed?: number;
}

/**
 * Upserts catalog rows by SKU, reading them as they come: valid rows are written in chunks (one
 * transaction each), so neither the file nor its rows are ever held whole. Every rejected row is
 * reported with its position and reasons. Products whose content changed get their SYNCED listings
 * marked OUT_OF_DATE.
 */
export async function importCatalog(
  ds: DataSource,
  records: Iterable<CatalogRecord> | AsyncIterable<CatalogRecord>,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const chunkSize = opts.chunkSize ?? 1000;
  const maxListed = opts.maxRejectedListed ?? 1000;
  const report: ImportReport = {
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedCount: 0,
    listingsMarkedOutOfDate: 0,
  };
  const reject = (r: RejectedRow) => {
    report.rejectedCount += 1;
    if (report.rejected.length < maxListed) report.rejected.push(r);
  };
  const validator = new RowValidator();
  let chunk: Accepted[] = [];
  const flush = async () => {
    if (chunk.length) await writeChunk(ds, chunk, report, reject, opts.dryRun ?? false);
    chunk = [];
    opts.onProgress?.(report);
  };
  for await (const record of records) {
    report.rows += 1;
    const checked = validator.check(record);
    if ("reasons" in checked)
      reject({ unit: record.unit, position: record.position, sku: skuOf(record), ...checked });
    else chunk.push(checked.accepted);
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  report.rejected.sort((a, b) => a.position - b.position);
  return report;
}

async function writeChunk(
  ds: DataSource,
  chunk: Accepted[],
  report: ImportReport,
  reject: (r: RejectedRow) => void,
  dryRun: boolean,
): Promise<void> {
  try {
    const { written, outOfDate, writable } = await ds.transaction(async (em) => {
      const foreign = await foreignVariants(em, chunk);
      for (const [a, refused] of foreign)
        reject({ unit: a.record.unit, position: a.record.position, sku: a.product.sku, ...refused });
      const rows = chunk.filter((a) => !foreign.has(a));
      if (dryRun) return { written: [], outOfDate: 0, writable: rows.length };
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
    report.unchanged += dryRun ? 0 : writable - written.length;
    report.listingsMarkedOutOfDate += outOfDate;
    if (dryRun) report.valid = (report.valid ?? 0) + writable;
  } catch (e) {
    const refused = refusal([
      fieldError(
        "",
        "INVALID",
        `not imported, the database refused this chunk: ${(e as Error).message}`,
        ruleRef("DATABASE_REFUSED", {}),
      ),
    ]);
    for (const a of chunk)
      reject({ unit: a.record.unit, position: a.record.position, sku: a.product.sku, ...refused });
  }
}
