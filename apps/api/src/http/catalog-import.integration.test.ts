import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness({ products: 1 });
});

afterAll(async () => h?.close());

/** The NDJSON answer's last line: the report, or the error that ended the import. */
async function dryRun(csv: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.api.url}/catalog/import?format=csv&dryRun=true`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.adminKey}`, "content-type": "application/octet-stream" },
    body: Buffer.from(csv),
  });
  const lines = (await res.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.at(-1)!;
}

describe("POST /catalog/import names each refusal's rule", () => {
  it("for a file refused as a whole", async () => {
    expect(await dryRun("sku,title,price,currency,stock,warna\nA,Kaos,1000,IDR,1,Merah\n")).toEqual({
      type: "error",
      message: expect.stringContaining('unknown column(s) "warna"'),
      rule: "UNKNOWN_COLUMNS",
      params: { columns: "warna" },
    });
  });

  it("for each problem of a rejected row, beside the English reasons", async () => {
    const report = await dryRun("sku,title,price,currency,stock\nA,Kaos,-5,IDR,1.5\n");
    expect(report).toMatchObject({
      type: "report",
      rejected: [
        {
          reasons: ["price: must be 0 or more", "stock: must be a whole number"],
          problems: [
            { field: "price", code: "OUT_OF_RANGE", rule: "MIN", params: { min: 0 } },
            { field: "stock", code: "INVALID", rule: "WHOLE_NUMBER", params: {} },
          ],
        },
      ],
    });
  });
});
