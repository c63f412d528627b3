import { Readable, Writable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing";
import { insertTestChannel, insertTestProducts, setListing, testProduct } from "../../test-support/products";
import { catalogRecordStream } from "../import/stream";
import { importCatalog } from "../import/import";
import { upsertProducts } from "../write-products";
import { catalogExportRows, type CatalogExportRow } from "./rows";
import { writeCatalogCsv, writeCatalogXlsx, type CatalogExportFormat } from "./files";

let source: TestDatabase;
let ids: string[];

/** Products with what breaks naive CSV and spreadsheets: quotes, delimiters, line breaks, formulas. */
const TRICKY = [
  testProduct("EXP-1", {
    title: 'Kaos "Polos", putih; katun',
    description: "Baris satu\r\nbaris dua\n\n  indented, with trailing space ",
    attributes: { Material: "Katun; 100%", "Ukuran=": "M=Medium" },
    images: ["/media/demo/fashion-1.png", "https://cdn.example.com/a.jpg?w=1&h=2"],
  }),
  testProduct("EXP-2", {
    title: '=HYPERLINK("https://evil.example","klik")',
    description: "+62 812 3456 7890",
    brand: "@acme",
    category: "-Diskon-",
    price: "999999999999.99",
    stock: 0,
    weightGrams: null,
    lengthCm: null,
    widthCm: null,
    heightCm: null,
    images: [],
    attributes: {},
  }),
  testProduct("00123", { title: "Sepatu lari ＝ ringan", price: "0.10", lengthCm: 10.5, widthCm: 7.25 }),
  testProduct("EXP-4", { brand: null, category: null, description: "", title: "Tas 🎒 ransel" }),
  testProduct("EXP-5", { description: "literally _x000D_ and _x005F_, then\r\nCRLF and a lone\rCR" }),
  ...Array.from({ length: 4 }, (_, i) => testProduct(`EXP-BULK-${i}`, { title: `Botol minum ${i}` })),
];

beforeAll(async () => {
  source = await createTestDatabase();
  ids = await insertTestProducts(source.dataSource, TRICKY);
  // Variants are not an import column: a CSV round trip must leave them as they are.
  await source.dataSource.transaction((em) =>
    upsertProducts(em, [
      {
        ...TRICKY[0]!,
        variants: [
          { sku: "EXP-1-M", options: { Size: "M" }, price: "15000.00", stock: 3, image: null, position: 0 },
        ],
      },
    ]),
  );
});
afterAll(async () => source?.drop());

async function rowsOf(iterable: AsyncIterable<CatalogExportRow>): Promise<CatalogExportRow[]> {
  const out: CatalogExportRow[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

/** The file's bytes, written by the exporter into a real Writable. */
async function exportFile(format: CatalogExportFormat, db: TestDatabase = source): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk);
      done();
    },
  });
  const rows = catalogExportRows(db.dataSource, {}, { pageSize: 3 });
  await (format === "csv" ? writeCatalogCsv(rows, sink) : writeCatalogXlsx(rows, sink));
  return Buffer.concat(parts);
}

/** Every content column of every product, and the variants, as PostgreSQL holds them. */
async function catalog(db: TestDatabase) {
  const products: unknown[] = await db.dataSource.query(
    `SELECT sku, title, description, brand, category, price::text, currency, stock, weight_grams,
            length_cm::text, width_cm::text, height_cm::text, images, attributes FROM products ORDER BY sku`,
  );
  const variants: unknown[] = await db.dataSource.query(
    "SELECT v.sku, v.options, v.price::text, v.stock FROM product_variants v ORDER BY v.sku",
  );
  return { products, variants };
}

describe("catalogExportRows", () => {
  it("reads every product once, in id order, across keyset pages", async () => {
    const rows = await rowsOf(catalogExportRows(source.dataSource, {}, { pageSize: 2 }));
    expect(rows.map((r) => r.sku)).toEqual(TRICKY.map((p) => p.sku));
    expect(rows[1]).toEqual({
      sku: "EXP-2",
      title: '=HYPERLINK("https://evil.example","klik")',
      description: "+62 812 3456 7890",
      brand: "@acme",
      category: "-Diskon-",
      price: "999999999999.99",
      currency: "IDR",
      stock: 0,
      weight_grams: null,
      length_cm: null,
      width_cm: null,
      height_cm: null,
      images: null,
      attributes: null,
    });
  });

  it("applies the products list's filters: search words and listing status", async () => {
    const bySearch = await rowsOf(catalogExportRows(source.dataSource, { search: "minum botol" }));
    expect(bySearch.map((r) => r.sku)).toEqual(TRICKY.slice(5).map((p) => p.sku));
    const channel = await insertTestChannel(source.dataSource, "SHOPEE", "exp-1");
    await setListing(source.dataSource, ids[2]!, channel, "FAILED");
    const failed = await rowsOf(
      catalogExportRows(source.dataSource, { listingStatus: "FAILED", platform: "SHOPEE" }),
    );
    expect(failed.map((r) => r.sku)).toEqual(["00123"]);
    expect(await rowsOf(catalogExportRows(source.dataSource, { search: "no such product" }))).toEqual([]);
  });
});

describe("CSV export", () => {
  it("writes a BOM, the import's header and CRLF records, and guards cells a spreadsheet would run", async () => {
    const text = (await exportFile("csv")).toString("utf8");
    expect(text.startsWith("\uFEFFsku,title,description,brand,category,price,currency,stock,")).toBe(true);
    const line = text.split("\r\n").find((l) => l.startsWith("EXP-2,"));
    expect(line).toBe(
      `EXP-2,"'=HYPERLINK(""https://evil.example"",""klik"")",'+62 812 3456 7890,'@acme,'-Diskon-,999999999999.99,IDR,0,,,,,,`,
    );
  });
});

describe.each(["csv", "xlsx"] as const)("%s export → import", (format) => {
  it("re-imports into the same catalog with nothing to change", async () => {
    const before = await catalog(source);
    const file = await exportFile(format);
    const report = await importCatalog(source.dataSource, catalogRecordStream(Readable.from([file]), format));
    expect(await catalog(source)).toEqual(before);
    expect(report).toMatchObject({
      rows: TRICKY.length,
      inserted: 0,
      updated: 0,
      unchanged: TRICKY.length,
      rejectedCount: 0,
      listingsMarkedOutOfDate: 0,
    });
    expect(await catalog(source)).toEqual(before);
  });

  it("rebuilds the same products in an empty catalog", async () => {
    const target = await createTestDatabase();
    try {
      const file = await exportFile(format);
      const report = await importCatalog(
        target.dataSource,
        catalogRecordStream(Readable.from([file]), format),
      );
      expect(report).toMatchObject({ inserted: TRICKY.length, rejectedCount: 0 });
      expect((await catalog(target)).products).toEqual((await catalog(source)).products);
    } finally {
      await target.drop();
    }
  });
});

describe("XLSX export", () => {
  it("puts numbers in number cells and text (SKUs with leading zeros, formulas) in string cells", async () => {
    const wb = new ExcelJS.Workbook();
    const file = await exportFile("xlsx");
    // exceljs declares its own Buffer type: hand it the bytes as the ArrayBuffer it expects.
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Catalog");
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      "sku",
      "title",
      "description",
      "brand",
      "category",
    ]);
    const row = (sku: string) =>
      [...Array(sheet.rowCount).keys()]
        .map((i) => sheet.getRow(i + 1))
        .find((r) => r.getCell(1).value === sku)!;
    expect(row("00123").getCell("F").value).toBe(0.1);
    expect(row("00123").getCell("J").value).toBe(10.5);
    const formula = row("EXP-2").getCell("B");
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe('=HYPERLINK("https://evil.example","klik")');
  });
});
