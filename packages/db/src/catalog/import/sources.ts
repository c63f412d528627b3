import { ruleRef, type RuleRef } from "@syncstore/core";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv";
import { CATALOG_COLUMNS, REQUIRED_COLUMNS } from "./parse-row";
import { unguardFormula } from "../formula-guard";

/** One row of an import file: where it is (CSV line, XLSX row or JSON array index) and its raw values. */
export interface CatalogRecord {
  unit: "line" | "row" | "index";
  position: number;
  data: Record<string, unknown>;
  /** A structural problem that makes the row unreadable (wrong field count, not an object). */
  error?: string;
  /** The same problem as a rule, so it can be said in the reader's language. */
  errorRule?: RuleRef;
}

/** A row with more or fewer fields than the header names. */
export function fieldCountError(
  actual: number,
  expected: number,
): Pick<CatalogRecord, "error" | "errorRule"> {
  return {
    error: `has ${actual} fields but the header has ${expected}`,
    errorRule: ruleRef("FIELD_COUNT", { actual, expected }),
  };
}

/** The file as a whole cannot be imported (unreadable, bad header, not JSON…). */
export class CatalogFileError extends Error {
  /** The same refusal as a rule, where one names it, so a client can say it in its reader's language. */
  readonly ref: RuleRef | undefined;

  constructor(message: string, ref?: RuleRef) {
    super(message);
    this.name = "CatalogFileError";
    this.ref = ref;
  }
}

function csvRecords(text: string): CatalogRecord[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new CatalogFileError(e.message);
    throw e;
  }
  const [header, ...rows] = records;
  if (!header)
    throw new CatalogFileError(
      "the CSV file is empty: expected a header line such as sku,title,price,currency,stock",
    );
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CATALOG_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) {
    throw new CatalogFileError(
      `bad header: unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(", ")}; columns are ${CATALOG_COLUMNS.join(",")}`,
    );
  }
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length)
    throw new CatalogFileError(
      `bad header: column(s) ${[...new Set(dupes)].join(", ")} appear more than once`,
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new CatalogFileError(`bad header: required column(s) ${missing.join(", ")} missing`);
  return rows.map((r) => {
    const data = Object.fromEntries(columns.map((c, i) => [c, unguardFormula(r.fields[i] ?? "")]));
    return {
      unit: "line",
      position: r.line,
      data,
      ...(r.fields.length === columns.length ? {} : fieldCountError(r.fields.length, columns.length)),
    };
  });
}

function jsonRecords(text: string): CatalogRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CatalogFileError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new CatalogFileError("the JSON file must hold an array of products");
  return parsed.map((item: unknown, index) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? { unit: "index", position: index, data: item as Record<string, unknown> }
      : {
          unit: "index",
          position: index,
          data: {},
          error: "must be an object",
          errorRule: ruleRef("ROW_NOT_AN_OBJECT", {}),
        },
  );
}

/** Rows of catalog text in either format. */
export function readCatalogText(text: string, format: "csv" | "json"): CatalogRecord[] {
  return format === "csv" ? csvRecords(text) : jsonRecords(text);
}

/** Rows of a `.csv` or `.json` file. CatalogFileError when it cannot be read as a whole. */
export async function readCatalogFile(path: string): Promise<CatalogRecord[]> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".json") throw new CatalogFileError(`${path}: expected a .csv or .json file`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new CatalogFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return readCatalogText(text, ext === ".csv" ? "csv" : "json");
}
