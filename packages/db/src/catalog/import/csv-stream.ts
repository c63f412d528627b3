import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { catalogColumns } from "./header";
import { ruleRef } from "@syncstore/core";
import { CatalogFileError, fieldCountError, type CatalogRecord } from "./sources";
import { unguardFormula } from "../formula-guard";

/**
 * The delimiter of a catalog CSV, from its header line: spreadsheet programs in locales that write
 * decimal commas (Indonesian, Vietnamese, most of Europe) save `;`-separated files, the rest `,`.
 * The header names contain neither, so whichever appears more often there is the delimiter.
 */
export function detectDelimiter(head: string): "," | ";" {
  const firstLine = head.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1)[0] ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** The first chunk of a stream, and a stream that still yields everything. */
async function peek(input: AsyncIterable<Buffer | string>): Promise<{ head: string; all: Readable }> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? "" : first.value.toString();
  async function* replay() {
    if (!first.done) yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: Readable.from(replay()) };
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * Catalog rows of a CSV stream, one at a time (csv-parse), so a file of any size is read in constant
 * memory: delimiter detected, BOM dropped, quoted fields may span lines, each row carries the line it
 * starts on. A row with the wrong number of fields is yielded with an error instead of stopping the
 * file; broken quoting stops it (nothing after could be split reliably).
 */
export async function* csvCatalogRecords(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CatalogRecord> {
  const { head, all } = await peek(input);
  const parser = all.pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(head),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }),
  );
  let columns: string[] | null = null;
  // Start lines are counted from the raw text itself: csv-parse's own line count drifts after a
  // CRLF inside quotes. Each raw record carries the empty lines before it and its own line breaks.
  let nextLine = 1;
  try {
    for await (const chunk of parser as AsyncIterable<{
      record: string[];
      raw: string;
    }>) {
      const { record, raw } = chunk;
      const leading = /^(\r\n|\r|\n)*/.exec(raw)?.[0] ?? "";
      const line = nextLine + (leading.match(LINE_BREAKS)?.length ?? 0);
      nextLine += raw.match(LINE_BREAKS)?.length ?? 0;
      if (!columns) {
        columns = catalogColumns(record);
        continue;
      }
      const data = Object.fromEntries(columns.map((c, i) => [c, unguardFormula(record[i] ?? "")]));
      yield {
        unit: "line",
        position: line,
        data,
        ...(record.length === columns.length ? {} : fieldCountError(record.length, columns.length)),
      };
    }
  } catch (e) {
    if (e instanceof CsvError) throw new CatalogFileError(`CSV ${e.message}`, ruleRef("CSV_SYNTAX", {}));
    throw e;
  }
  if (!columns)
    throw new CatalogFileError(
      "the CSV file is empty: expected a header line such as sku,title,price,currency,stock",
      ruleRef("EMPTY_FILE", {}),
    );
}
