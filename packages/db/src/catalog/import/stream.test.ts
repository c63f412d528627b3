import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./csv-stream";
import { CatalogFileError, type CatalogRecord } from "./sources";
import { catalogRecordStream } from "./stream";

async function all(records: AsyncIterable<CatalogRecord>): Promise<CatalogRecord[]> {
  const out: CatalogRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}
/** Split into tiny chunks, so nothing depends on a row arriving in one piece. */
const chunked = (text: string | Buffer, size = 7) => {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
};

describe("detectDelimiter", () => {
  it.each([
    ["sku,title,price,currency,stock\n", ","],
    ["\uFEFFsku;title;price;currency;stock\r\n", ";"],
    ['sku;title;price\n"A,1";"x,y";"1,5"\n', ";"],
  ])("%j → %s", (head, d) => expect(detectDelimiter(head)).toBe(d));
});

describe("catalogRecordStream (CSV)", () => {
  it("reads a ;-separated file with a BOM and a quoted field spanning lines, with each row's start line", async () => {
    const text =
      "\uFEFFsku;title;price;currency;stock\r\n" +
      'A-1;"Kaos; ""polos""\r\nputih";10000;IDR;5\r\n' +
      "\r\n" +
      "A-2;Kemeja;20000;IDR\r\n" +
      "A-3;Celana;30000;IDR;7\r\n";
    const rows = await all(catalogRecordStream(chunked(text), "csv"));
    expect(rows.map((r) => [r.position, r.data.sku, r.error ?? null])).toEqual([
      [2, "A-1", null],
      [5, "A-2", "has 4 fields but the header has 5"],
      [6, "A-3", null],
    ]);
    expect(rows[0]!.data.title).toBe('Kaos; "polos"\r\nputih');
  });

  it("refuses a bad header and broken quoting with a file error", async () => {
    await expect(all(catalogRecordStream(chunked("sku,nope\nA,1\n"), "csv"))).rejects.toThrow(
      /unknown column/,
    );
    await expect(
      all(catalogRecordStream(chunked('sku,title,price,currency,stock\nA,"open,1,IDR,1\n'), "csv")),
    ).rejects.toBeInstanceOf(CatalogFileError);
    await expect(all(catalogRecordStream(chunked(""), "csv"))).rejects.toThrow(/empty/);
  });
});

describe("catalogRecordStream (XLSX)", () => {
  it("reads the first sheet's rows with their row numbers, numbers and rich text as text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Katalog");
    ws.addRow(["SKU", "Title", "Price", "Currency", "Stock"]);
    ws.addRow(["X-1", { richText: [{ text: "Tas " }, { text: "kulit" }] }, 150000, "IDR", 3]);
    ws.addRow([]);
    ws.addRow(["X-2", "Dompet", 75000.5, "IDR", 1, "stray"]);
    wb.addWorksheet("Notes").addRow(["ignored"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await all(catalogRecordStream(chunked(buffer, 1024), "xlsx"));
    expect(
      rows.map((r) => [r.unit, r.position, r.data.sku, r.data.title, r.data.price, r.error ?? null]),
    ).toEqual([
      ["row", 2, "X-1", "Tas kulit", "150000", null],
      ["row", 4, "X-2", "Dompet", "75000.5", "has values beyond the 5 columns of the header"],
    ]);
  });

  it("refuses what is not a workbook", async () => {
    await expect(all(catalogRecordStream(chunked("sku,title\n"), "xlsx"))).rejects.toBeInstanceOf(
      CatalogFileError,
    );
  });
});
