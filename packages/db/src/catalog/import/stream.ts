import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { csvCatalogRecords } from "./csv-stream";
import { CatalogFileError, readCatalogText, type CatalogRecord } from "./sources";
import { xlsxCatalogRecords } from "./xlsx-stream";

export type CatalogFormat = "csv" | "xlsx" | "json";

export function catalogFormatOf(fileName: string): CatalogFormat | null {
  const ext = extname(fileName).toLowerCase();
  return ext === ".csv" ? "csv" : ext === ".xlsx" ? "xlsx" : ext === ".json" ? "json" : null;
}

/**
 * Catalog rows of a byte stream, read as they arrive for CSV and XLSX. JSON is one document, so it is
 * read whole (the dashboard uploads CSV or XLSX; JSON is for scripts and small files).
 */
export async function* catalogRecordStream(
  input: Readable,
  format: CatalogFormat,
): AsyncGenerator<CatalogRecord> {
  if (format === "csv") yield* csvCatalogRecords(input);
  else if (format === "xlsx") yield* xlsxCatalogRecords(input);
  else {
    const parts: Buffer[] = [];
    for await (const part of input) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(String(part)));
    yield* readCatalogText(Buffer.concat(parts).toString("utf8"), "json");
  }
}

/** Rows of a `.csv`, `.xlsx` or `.json` file, streamed. CatalogFileError when it cannot be read. */
export async function* catalogFileRecords(path: string): AsyncGenerator<CatalogRecord> {
  const format = catalogFormatOf(path);
  if (!format) throw new CatalogFileError(`${path}: expected a .csv, .xlsx or .json file`);
  if (format === "json") {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      throw new CatalogFileError(`cannot read ${path}: ${(e as Error).message}`);
    }
    yield* readCatalogText(text, "json");
    return;
  }
  const input = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    input.once("open", () => resolve());
    input.once("error", reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new CatalogFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  yield* catalogRecordStream(input, format);
}
