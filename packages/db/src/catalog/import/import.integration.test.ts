import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing";
import { insertTestChannel, setListing } from "../../test-support/products";
import { importCatalog } from "./import";
import { CatalogFileError, readCatalogFile, readCatalogText } from "./sources";

let db: TestDatabase;
let dir: string;
let shopee: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "syncstore-import-"));
  shopee = await insertTestChannel(db.dataSource, "SHOPEE", "1");
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

const HEADER =
  "sku,title,description,brand,category,price,currency,stock,weight_grams,length_cm,width_cm,height_cm,images,attributes";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";

async function product(sku: string) {
  const rows: Record<string, unknown>[] = await db.dataSource.query(
    "SELECT id::text, title, description, price::text, stock, images, attributes FROM products WHERE sku = $1",
    [sku],
  );
  return rows[0];
}

describe("importCatalog from CSV", () => {
  it("imports the good rows and reports each bad one with its line", async () => {
    const text = csv(
      'CSV-1,Kaos Polos,"Bahan katun,\nadem dipakai\n""best seller""",Erigo,Fashion,89900,IDR,10,250,30,20,2,/media/demo/fashion-1.png|https://cdn.example.com/a.jpg,Material=Katun',
      "CSV-2,Tas Ransel,,Eiger,Sports,-5,IDR,3,,,,,,",
      "CSV-3,Botol Minum,,,,15000,IDR,7,,,,,,",
      "CSV-4,Too few fields",
      "CSV-1,Duplicate,,,,1000,IDR,1,,,,,,",
      ",No SKU,,,,1000,IDR,1,,,,,,",
    );
    const report = await importCatalog(db.dataSource, readCatalogText(text, "csv"));
    expect(report).toMatchObject({
      rows: 6,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      listingsMarkedOutOfDate: 0,
    });
    expect(report.rejected).toEqual([
      {
        unit: "line",
        position: 5,
        sku: "CSV-2",
        reasons: ["price: must be 0 or more"],
        problems: [expect.objectContaining({ field: "price", rule: "MIN", params: { min: 0 } })],
      },
      {
        unit: "line",
        position: 7,
        sku: "CSV-4",
        reasons: ["has 2 fields but the header has 14"],
        problems: [
          expect.objectContaining({ field: "", rule: "FIELD_COUNT", params: { actual: 2, expected: 14 } }),
        ],
      },
      {
        unit: "line",
        position: 8,
        sku: "CSV-1",
        reasons: ['sku: "CSV-1" already appears at line 2'],
        problems: [
          expect.objectContaining({
            field: "sku",
            code: "DUPLICATE",
            rule: "SKU_EARLIER_ROW",
            params: { sku: "CSV-1", unit: "line", position: 2 },
          }),
        ],
      },
      {
        unit: "line",
        position: 9,
        sku: null,
        reasons: ["sku: is required"],
        problems: [expect.objectContaining({ field: "sku", rule: "REQUIRED", params: {} })],
      },
    ]);
    expect(await product("CSV-1")).toMatchObject({
      title: "Kaos Polos",
      description: 'Bahan katun,\nadem dipakai\n"best seller"',
      price: "89900.00",
      images: ["/media/demo/fashion-1.png", "https://cdn.example.com/a.jpg"],
      attributes: { Material: "Katun" },
    });
    expect(await product("CSV-2")).toBeUndefined();
  });

  it("updates on re-import instead of duplicating, and marks changed SYNCED listings OUT_OF_DATE", async () => {
    const one = (await product("CSV-1"))!.id as string;
    const three = (await product("CSV-3"))!.id as string;
    await setListing(db.dataSource, one, shopee, "SYNCED");
    await setListing(db.dataSource, three, shopee, "SYNCED");
    const text = csv(
      'CSV-1,Kaos Polos Premium,"Bahan katun,\nadem dipakai\n""best seller""",Erigo,Fashion,99900,IDR,10,250,30,20,2,/media/demo/fashion-1.png|https://cdn.example.com/a.jpg,Material=Katun',
      "CSV-3,Botol Minum,,,,15000.00,idr,7,,,,,,",
      "CSV-5,Payung Lipat,,,,45000,IDR,20,300,,,,,",
    );
    const report = await importCatalog(db.dataSource, readCatalogText(text, "csv"));
    expect(report).toMatchObject({
      rows: 3,
      inserted: 1,
      updated: 1,
      unchanged: 1,
      rejected: [],
      listingsMarkedOutOfDate: 1,
    });
    const [{ n }] = (await db.dataSource.query(
      "SELECT count(*)::int AS n FROM products WHERE sku LIKE 'CSV-%'",
    )) as [{ n: number }];
    expect(n).toBe(3);
    expect(await product("CSV-1")).toMatchObject({ id: one, title: "Kaos Polos Premium", price: "99900.00" });
    const statuses: { product_id: string; status: string }[] = await db.dataSource.query(
      "SELECT product_id::text, status FROM listings ORDER BY listings.product_id",
    );
    expect(statuses).toEqual([
      { product_id: one, status: "OUT_OF_DATE" },
      { product_id: three, status: "SYNCED" },
    ]);
  });
});

describe("importCatalog from JSON", () => {
  const base = {
    title: "Sepatu Lari",
    price: 350000,
    currency: "IDR",
    stock: 5,
    images: ["/media/demo/sports-1.png"],
  };

  it("imports variants, replaces them on re-import, and counts that as a change", async () => {
    const first = await importCatalog(
      db.dataSource,
      readCatalogText(
        JSON.stringify([
          {
            ...base,
            sku: "JSON-1",
            variants: [
              { sku: "JSON-1-41", options: { Size: "41" }, price: 350000, stock: 2 },
              { sku: "JSON-1-42", options: { Size: "42" }, price: 350000, stock: 3 },
            ],
          },
          { ...base, sku: "JSON-2", stock: "many" },
          "not an object",
        ]),
        "json",
      ),
    );
    expect(first).toMatchObject({ rows: 3, inserted: 1 });
    expect(first.rejected).toEqual([
      {
        unit: "index",
        position: 1,
        sku: "JSON-2",
        reasons: ["stock: must be a whole number"],
        problems: [expect.objectContaining({ field: "stock", rule: "WHOLE_NUMBER" })],
      },
      {
        unit: "index",
        position: 2,
        sku: null,
        reasons: ["must be an object"],
        problems: [expect.objectContaining({ field: "", rule: "ROW_NOT_AN_OBJECT" })],
      },
    ]);
    const id = (await product("JSON-1"))!.id as string;
    await setListing(db.dataSource, id, shopee, "SYNCED");

    const second = await importCatalog(
      db.dataSource,
      readCatalogText(
        JSON.stringify([
          {
            ...base,
            sku: "JSON-1",
            variants: [{ sku: "JSON-1-42", options: { Size: "42" }, price: 360000, stock: 3 }],
          },
        ]),
        "json",
      ),
    );
    expect(second).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      listingsMarkedOutOfDate: 1,
      rejected: [],
    });
    const variants = await db.dataSource.query(
      "SELECT sku, price::text FROM product_variants WHERE product_id = $1",
      [id],
    );
    expect(variants).toEqual([{ sku: "JSON-1-42", price: "360000.00" }]);

    const third = await importCatalog(
      db.dataSource,
      readCatalogText(
        JSON.stringify([
          {
            ...base,
            sku: "JSON-1",
            variants: [{ sku: "JSON-1-42", options: { Size: "42" }, price: 360000, stock: 3 }],
          },
        ]),
        "json",
      ),
    );
    expect(third).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("rejects a row whose variant SKU belongs to another product", async () => {
    const report = await importCatalog(
      db.dataSource,
      readCatalogText(
        JSON.stringify([
          { ...base, sku: "JSON-3", variants: [{ sku: "JSON-1-42", options: {}, price: 1, stock: 1 }] },
        ]),
        "json",
      ),
    );
    expect(report.rejected).toEqual([
      {
        unit: "index",
        position: 0,
        sku: "JSON-3",
        reasons: ['variants[0].sku: "JSON-1-42" already belongs to product "JSON-1"'],
        problems: [
          expect.objectContaining({
            field: "variants[0].sku",
            rule: "SKU_OF_OTHER_PRODUCT",
            params: { sku: "JSON-1-42", owner: "JSON-1" },
          }),
        ],
      },
    ]);
    expect(await product("JSON-3")).toBeUndefined();
  });
});

describe("catalog files", () => {
  it("reads .csv and .json files", async () => {
    await writeFile(join(dir, "a.csv"), "sku,title,price,currency,stock\nF-1,Topi,1000,IDR,1\n");
    await writeFile(join(dir, "a.json"), JSON.stringify([{ sku: "F-2" }]));
    expect(await readCatalogFile(join(dir, "a.csv"))).toEqual([
      {
        unit: "line",
        position: 2,
        data: { sku: "F-1", title: "Topi", price: "1000", currency: "IDR", stock: "1" },
      },
    ]);
    expect(await readCatalogFile(join(dir, "a.json"))).toEqual([
      { unit: "index", position: 0, data: { sku: "F-2" } },
    ]);
  });

  it.each([
    ["missing.csv", null, /cannot read/],
    ["notes.txt", "x", /expected a \.csv or \.json file/],
    ["empty.csv", "", /the CSV file is empty/],
    ["unknown.csv", "sku,title,price,currency,stock,colour\n", /bad header: unknown column\(s\) "colour"/],
    ["missing.csv", "sku,title,price\n", /bad header: required column\(s\) currency, stock missing/],
    ["dupe.csv", "sku,title,price,currency,stock,sku\n", /bad header: column\(s\) sku appear more than once/],
    [
      "quote.csv",
      'sku,title,price,currency,stock\n"open,x,1,IDR,1\n',
      /CSV line 2: quoted field is never closed/,
    ],
    ["broken.json", "[{", /not valid JSON/],
    ["object.json", '{"sku":"x"}', /must hold an array/],
  ])("fails the whole file for %s", async (name, content, message) => {
    const path = join(dir, `fatal-${name}`);
    if (content !== null) await writeFile(path, content);
    await expect(readCatalogFile(path)).rejects.toThrow(message);
    await expect(readCatalogFile(path)).rejects.toBeInstanceOf(CatalogFileError);
  });
});
