import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { catalogRecordStream } from "@syncstore/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness, type GraphQLResponse } from "../testing/harness";

let h: ApiHarness;
let readKey: string;

beforeAll(async () => {
  h = await createApiHarness({ products: 40 });
  readKey = (await h.api.services.auth.apiKeys.create({ name: "reader", scopes: ["read"] }, null)).secret!;
});
afterAll(async () => h?.close());

const get = (query: string, key: string | null = readKey) =>
  fetch(`${h.api.url}/catalog/export?${query}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });

interface ProductSkus {
  products: { edges: { node: { sku: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

/** What the products list shows for a search, every page of it. */
async function listed(search: string | null): Promise<string[]> {
  const skus: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse<ProductSkus> = await h.gql<ProductSkus>(
      `query ($s: String, $a: String) {
        products(first: 100, after: $a, search: $s) { edges { node { sku } } pageInfo { hasNextPage endCursor } }
      }`,
      { s: search, a: after },
    );
    skus.push(...res.data!.products.edges.map((e) => e.node.sku));
    if (!res.data!.products.pageInfo.hasNextPage) return skus;
    after = res.data!.products.pageInfo.endCursor;
  }
}

/** The CSV's rows, read by the import's own reader (what a re-import would see). */
async function csvRows(text: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const r of catalogRecordStream(Readable.from([text]), "csv")) rows.push(r.data);
  return rows;
}

const importFile = async (body: Buffer, format: "csv" | "xlsx") => {
  const res = await fetch(`${h.api.url}/catalog/import?format=${format}`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.adminKey}`, "content-type": "application/octet-stream" },
    body,
  });
  const lines = (await res.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.at(-1)!;
};

describe("GET /catalog/export", () => {
  it("refuses anonymous callers and names the bad argument", async () => {
    const anonymous = await get("format=csv", null);
    expect(anonymous.status).toBe(401);
    const badFormat = await get("format=pdf");
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ error: { code: "BAD_USER_INPUT", argument: "format" } });
    const badStatus = await get("format=csv&listingStatus=SOLD");
    expect(await badStatus.json()).toMatchObject({
      error: { code: "BAD_USER_INPUT", argument: "listingStatus" },
    });
    const badPlatform = await get("format=csv&platform=LAZADA");
    expect(await badPlatform.json()).toMatchObject({
      error: { code: "BAD_USER_INPUT", argument: "platform" },
    });
  });

  it("gives a read key the CSV of exactly what the products list shows for the same search", async () => {
    const all = await get("format=csv");
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("content-disposition")).toMatch(
      /^attachment; filename="catalog-\d{8}-\d{4}\.csv"$/,
    );
    // The bytes, not res.text(): a TextDecoder drops the BOM that tells Excel this is UTF-8.
    const text = Buffer.from(await all.arrayBuffer()).toString("utf8");
    expect(text.split("\r\n", 1)[0]).toBe(
      "\uFEFFsku,title,description,brand,category,price,currency,stock,weight_grams,length_cm,width_cm,height_cm,images,attributes",
    );
    const rows = await csvRows(text);
    expect(rows.map((r) => r.sku)).toEqual(await listed(null));

    const word = String(rows[0]!.title).split(/\s+/)[0]!;
    const filtered = await get(`format=csv&search=${encodeURIComponent(word)}`);
    const some = await csvRows(await filtered.text());
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(rows.length);
    expect(some.map((r) => r.sku)).toEqual(await listed(word));
  });

  it.each(["csv", "xlsx"] as const)(
    "exports %s that the import takes back with nothing to change",
    async (format) => {
      const res = await get(`format=${format}`);
      expect(res.status).toBe(200);
      const bytes = await res.arrayBuffer();
      const file = Buffer.from(bytes);
      if (format === "xlsx") {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes);
        expect(wb.worksheets[0]!.rowCount).toBe((await listed(null)).length + 1);
      }
      const report = await importFile(file, format);
      expect(report).toMatchObject({
        type: "report",
        rows: (await listed(null)).length,
        inserted: 0,
        updated: 0,
        rejectedCount: 0,
        listingsMarkedOutOfDate: 0,
      });
    },
  );
});
