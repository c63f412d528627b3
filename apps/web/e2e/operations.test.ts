// Operator and partner tools in a real Chromium against the started product: the playground's
// subscriptions with nothing but an API key, and pausing a channel's queue from the Queues page.
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const STEP = 180_000;
const WAIT = { timeout: 60_000 };

let product: RunningProduct;
let browser: Browser;

async function graphql<T>(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<T> {
  const res = await fetch(`${product.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key ?? product.adminApiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

interface SkuPage {
  edges: { node: { sku: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    baseURL: product.baseUrl,
    locale: ENGLISH,
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[browser] ${m.text()}`);
  });
  return page;
}

/** Replaces the contents of a Monaco editor the way a person pasting would. */
async function fillEditor(page: Page, selector: string, text: string): Promise<void> {
  const editor = page.locator(selector).first();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function signIn(page: Page, role: "ADMIN" | "OPERATOR" | "VIEWER", path: string): Promise<void> {
  const email = `${role.toLowerCase()}-${Date.now()}@example.com`;
  const password = "correct horse battery staple";
  await graphql(
    `
      mutation ($input: CreateUserInput!) {
        createUser(input: $input) {
          userErrors {
            message
          }
        }
      }
    `,
    { input: { email, password, role, name: `Test ${role}` } },
  );
  await page.goto(path);
  await page.waitForURL(/\/login/, WAIT);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(path), WAIT);
}

describe.sequential("operator and partner tools, end to end", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it(
    "runs a batchProgress subscription in the playground with only an API key in the Headers tab",
    async () => {
      const { createApiKey } = await graphql<{ createApiKey: { secret: string } }>(`
        mutation {
          createApiKey(input: { name: "partner", scopes: [SYNC] }) {
            secret
          }
        }
      `);
      const key = createApiKey.secret;
      const { products } = await graphql<{ products: { edges: { node: { id: string } }[] } }>(
        "{ products(first: 3) { edges { node { id } } } }",
        {},
        key,
      );
      const { startBatchSync } = await graphql<{ startBatchSync: { batch: { id: string } } }>(
        `
          mutation ($ids: [ID!]) {
            startBatchSync(input: { productIds: $ids, platforms: [SHOPEE] }) {
              batch {
                id
              }
            }
          }
        `,
        { ids: products.edges.map((e) => e.node.id) },
        key,
      );
      const batchId = startBatchSync.batch.id;

      const page = await freshPage(); // no dashboard session: the key is the only credential
      await page.goto("/playground");
      await page.locator(".graphiql-query-editor .monaco-editor").first().waitFor(WAIT);
      // The saved examples for partners are there as tabs.
      for (const name of ["ProductsPage", "StartBatchSync", "OpenDeadLetters"])
        await page
          .getByRole("tab", { name: new RegExp(name) })
          .first()
          .waitFor(WAIT);

      await fillEditor(
        page,
        ".graphiql-query-editor .monaco-editor",
        `subscription Watch { batchProgress(batchId: "${batchId}") { seq batch { id status total } } }`,
      );
      await page.getByRole("button", { name: /^Headers$/ }).click();
      await fillEditor(
        page,
        ".graphiql-editor-tool .monaco-editor >> visible=true",
        JSON.stringify({ Authorization: `Bearer ${key}` }),
      );
      await page.getByRole("button", { name: /Execute query/ }).click();
      const response = page.locator(".result-window");
      await response.getByText(batchId).first().waitFor(WAIT);
      await response
        .getByText(/"COMPLETED/)
        .first()
        .waitFor(WAIT);
      const text = (await response.textContent()) ?? "";
      expect(text).not.toMatch(/"errors"|Socket closed/);
      await page.screenshot({ path: path.join(SHOTS, "playground-subscription-api-key.png") });

      // Without the header the same subscription is refused: the socket really carries that credential.
      await page.getByRole("button", { name: /^Headers$/ }).click();
      await fillEditor(page, ".graphiql-editor-tool .monaco-editor >> visible=true", "{}");
      await page.getByRole("button", { name: /Execute query/ }).click();
      // Monaco renders each line in its own element, so the whole text is polled.
      await expect
        .poll(async () => (await response.textContent()) ?? "", WAIT)
        .toMatch(/Socket\s+closed:\s+4401\s+Unauthorized/); // Monaco draws spaces as &nbsp;
      await page.screenshot({ path: path.join(SHOTS, "playground-subscription-no-credential.png") });
      await page.context().close();
    },
    STEP,
  );

  it(
    "pauses and resumes a channel's queue from the Queues page, and opens Bull Board, as an admin",
    async () => {
      const email = `admin-${Date.now()}@example.com`;
      const password = "correct horse battery staple";
      await graphql(
        `
          mutation ($input: CreateUserInput!) {
            createUser(input: $input) {
              userErrors {
                message
              }
            }
          }
        `,
        { input: { email, password, role: "ADMIN", name: "Ayu Admin" } },
      );
      const page = await freshPage();
      await page.goto("/queues");
      await page.waitForURL(/\/login/, WAIT);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/queues/, WAIT);

      const card = page.getByTestId("queue").first();
      await card.getByText("Running").waitFor(WAIT);
      await card.getByRole("button", { name: /^Pause / }).click();
      await card.getByText("Paused").waitFor(WAIT);
      const stats = await graphql<{ queueStats: { paused: boolean }[] }>("{ queueStats { paused } }");
      expect(stats.queueStats.filter((q) => q.paused)).toHaveLength(1);
      await page.screenshot({ path: path.join(SHOTS, "queues-paused.png"), fullPage: true });
      await card.getByRole("button", { name: /^Resume / }).click();
      await card.getByText("Running").waitFor(WAIT);

      await page.getByRole("button", { name: "Open Bull Board" }).click();
      await page.waitForURL(/\/admin\/queues/, WAIT);
      const { queueStats } = await graphql<{ queueStats: { name: string }[] }>("{ queueStats { name } }");
      for (const q of queueStats) await page.getByText(q.name).first().waitFor(WAIT);
      await page.screenshot({ path: path.join(SHOTS, "bull-board.png"), fullPage: true });
      await page.context().close();
    },
    STEP,
  );

  it(
    "imports a ;-separated CSV and an XLSX, showing rejected rows with line and reason before writing",
    async () => {
      const page = await freshPage();
      await signIn(page, "OPERATOR", "/import");
      const stamp = Date.now();
      const csv =
        "\uFEFFsku;title;description;price;currency;stock\r\n" +
        `IMP-${stamp}-1;"Kaos ""polos""";"Katun\r\nputih";150000;IDR;4\r\n` +
        `IMP-${stamp}-2;Kemeja;;99000;IDR;-3\r\n` +
        `IMP-${stamp}-3;Celana;;120000;IDR;2\r\n`;
      await page.getByLabel("Catalog file").setInputFiles({
        name: "katalog.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await page
        .getByTestId("import-preview")
        .getByText("3 rows: 2 ready to import, 1 rejected")
        .waitFor(WAIT);
      const rejected = page.getByTestId("rejected-row");
      expect(await rejected.count()).toBe(1);
      expect(await rejected.first().textContent()).toMatch(new RegExp(`line 4IMP-${stamp}-2stock`));
      // Nothing written yet.
      const before = await graphql<{ products: { totalCount: number } }>(
        `
          query ($s: String) {
            products(search: $s) {
              totalCount
            }
          }
        `,
        { s: `IMP-${stamp}` },
      );
      expect(before.products.totalCount).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, "import-preview-csv.png"), fullPage: true });
      await page.getByRole("button", { name: "Import 2 products" }).click();
      await page.getByTestId("import-done").getByText(/2 new/).waitFor(WAIT);
      const after = await graphql<{
        products: { edges: { node: { sku: string; title: string; description: string } }[] };
      }>(
        `
          query ($s: String) {
            products(search: $s) {
              edges {
                node {
                  sku
                  title
                  description
                }
              }
            }
          }
        `,
        { s: `IMP-${stamp}` },
      );
      expect(after.products.edges.map((e) => e.node.sku).sort()).toEqual([
        `IMP-${stamp}-1`,
        `IMP-${stamp}-3`,
      ]);
      const first = after.products.edges.find((e) => e.node.sku.endsWith("-1"))?.node;
      expect(first?.title).toBe('Kaos "polos"');
      // The quoted line break survives the ;-separated parse, inside its field.
      expect(first?.description).toBe("Katun\r\nputih");

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Katalog");
      ws.addRow(["sku", "title", "price", "currency", "stock"]);
      ws.addRow([`XLS-${stamp}-1`, "Tas kulit", 250000, "IDR", 3]);
      ws.addRow([`XLS-${stamp}-2`, "Dompet", 80000, "IDR", -1]);
      await page.getByLabel("Catalog file").setInputFiles({
        name: "katalog.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      await page
        .getByTestId("import-preview")
        .getByText("2 rows: 1 ready to import, 1 rejected")
        .waitFor(WAIT)
        .catch(async (e: unknown) => {
          await page.screenshot({ path: path.join(SHOTS, "import-xlsx-failed.png"), fullPage: true });
          throw e;
        });
      expect(await page.getByTestId("rejected-row").first().textContent()).toMatch(
        new RegExp(`row 3XLS-${stamp}-2stock`),
      );
      await page.getByRole("button", { name: "Import 1 product" }).click();
      await page.getByTestId("import-done").getByText(/1 new/).waitFor(WAIT);
      await page.screenshot({ path: path.join(SHOTS, "import-done-xlsx.png"), fullPage: true });
      await page.context().close();
    },
    STEP,
  );
  it(
    "exports the Products page's filtered view as CSV and XLSX that the import takes back unchanged",
    async () => {
      const { products: sample } = await graphql<{ products: { edges: { node: { title: string } }[] } }>(
        "{ products(first: 1) { edges { node { title } } } }",
      );
      const word = sample.edges[0]!.node.title.split(/\s+/)[0]!;
      const skus: string[] = [];
      for (let after: string | null = null; ;) {
        const { products: found }: { products: SkuPage } = await graphql<{ products: SkuPage }>(
          `
            query ($s: String, $a: String) {
              products(first: 100, after: $a, search: $s) {
                edges {
                  node {
                    sku
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
          `,
          { s: word, a: after },
        );
        skus.push(...found.edges.map((e) => e.node.sku));
        if (!found.pageInfo.hasNextPage) break;
        after = found.pageInfo.endCursor;
      }
      expect(skus.length).toBeGreaterThan(0);

      const page = await freshPage();
      await signIn(page, "VIEWER", "/products"); // reading is all an export needs
      await page.getByLabel("Search products").fill(word);
      await expect.poll(() => new URL(page.url()).searchParams.get("q"), WAIT).toBe(word);
      // The table shows the filtered view (50 rows a page) before the file is asked for.
      await expect.poll(() => page.getByTestId("product-row").count(), WAIT).toBe(Math.min(skus.length, 50));
      await page.screenshot({ path: path.join(SHOTS, "products-export.png") });

      const download = async (name: string) => {
        const [file] = await Promise.all([
          page.waitForEvent("download", WAIT),
          page.getByRole("button", { name }).click(),
        ]);
        return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
      };

      const csv = await download("Export CSV");
      expect(csv.name).toMatch(/^catalog-\d{8}-\d{4}\.csv$/);
      const text = csv.bytes.toString("utf8");
      expect(text.split("\r\n", 1)[0]).toBe(
        "\uFEFFsku,title,description,brand,category,price,currency,stock,weight_grams,length_cm,width_cm,height_cm,images,attributes",
      );
      // Read by a CSV parser other than the import's (exceljs' fast-csv), cells kept as text.
      const fromCsv = new ExcelJS.Workbook();
      const csvSheet = await fromCsv.csv.read(Readable.from([text.slice(1)]), {
        map: (value: unknown) => value,
      });
      const csvSkus: unknown[] = [];
      csvSheet.eachRow((row, n) => {
        if (n > 1) csvSkus.push(row.getCell(1).value);
      });
      expect(csvSkus).toEqual(skus);

      const xlsx = await download("Export XLSX");
      expect(xlsx.name).toMatch(/^catalog-\d{8}-\d{4}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      const { buffer, byteOffset, byteLength } = xlsx.bytes;
      await wb.xlsx.load(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const sheetSkus: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) sheetSkus.push(row.getCell(1).value);
      });
      expect(sheetSkus).toEqual(skus);

      // Both files go back through the import as they are: every row valid, nothing would change.
      for (const [format, file] of [
        ["csv", csv.bytes],
        ["xlsx", xlsx.bytes],
      ] as const) {
        const res = await fetch(`${product.baseUrl}/catalog/import?format=${format}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${product.adminApiKey}`,
            "content-type": "application/octet-stream",
          },
          body: file,
        });
        const report = JSON.parse((await res.text()).trim().split("\n").at(-1)!) as Record<string, unknown>;
        expect(report, format).toMatchObject({
          type: "report",
          rows: skus.length,
          inserted: 0,
          updated: 0,
          unchanged: skus.length,
          rejectedCount: 0,
        });
      }
      await page.context().close();
    },
    STEP,
  );
});
