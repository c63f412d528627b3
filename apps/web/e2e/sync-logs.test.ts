// The sync log in a real Chromium against the started product: found by a product's SKU or title
// words, narrowed by channel, outcome, error class, batch and time, each row naming its product.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { graphql, launchChromium, signedInContext, startBatch, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };

let product: RunningProduct;
let browser: Browser;
let page: Page;

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql<T>(product, query, variables);
  if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

async function simErrors(sim: string, errorRate: number): Promise<void> {
  const res = await fetch(`${sim}/__sim/settings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ errorRate }),
  });
  expect(res.ok).toBe(true);
}

interface Row {
  sku: string;
  channelId: string;
  errorClass: string;
  batchId: string;
  text: string;
}

/** The rows the list has drawn, once it has drawn any, as their data attributes say. */
async function rows(): Promise<Row[]> {
  return page.locator('[data-testid="log-entry"]').evaluateAll((els) =>
    els.map((el) => ({
      sku: el.getAttribute("data-sku") ?? "",
      channelId: el.getAttribute("data-channel-id") ?? "",
      errorClass: el.getAttribute("data-error-class") ?? "",
      batchId: el.getAttribute("data-batch-id") ?? "",
      text: el.textContent ?? "",
    })),
  );
}

/**
 * Waits until the URL holds `param` (the filter applied, the list redrawn for it) and the list shows
 * rows that all pass `check`; returns those rows.
 */
async function expectRows(param: string, check: (r: Row) => boolean): Promise<Row[]> {
  await page.waitForURL((u) => u.search.includes(param), WAIT);
  let seen: Row[] = [];
  await expect
    .poll(async () => {
      seen = await rows();
      return seen.length > 0 && seen.every(check);
    }, WAIT)
    .toBe(true);
  return seen;
}

describe.sequential("the sync log's search and filters", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
    const context = await signedInContext(browser, product, { width: 1280, height: 900 });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it("finds calls by SKU and title and narrows them by channel, outcome, error class, batch and time", async () => {
    const first = await startBatch(product, 4);
    await waitForBatchEnd(product, first.id);
    const { products, channels } = await ask<{
      products: { edges: { node: { id: string; sku: string; title: string } }[] };
      channels: { id: string; platform: string }[];
    }>("{ products(first: 4) { edges { node { id sku title } } } channels { id platform } }");
    const target = products.edges[1]!.node;
    const tiktok = channels.find((c) => c.platform === "TIKTOK_SHOP")!;

    // TikTok Shop answers every call with a server error for one sync of the target.
    await simErrors(product.tiktokSim, 1);
    const { syncProduct } = await ask<{ syncProduct: { batch: { id: string } } }>(
      `mutation ($id: ID!) { syncProduct(input: { productId: $id, platforms: [TIKTOK_SHOP], force: true }) { batch { id } } }`,
      { id: target.id },
    );
    const failing = syncProduct.batch.id;
    // The first refused call is enough; TikTok answers again before the retry's backoff ends.
    const failedCall = async () =>
      (
        await ask<{ syncLogs: { edges: { node: { errorClass: string | null } }[] } }>(
          `{ syncLogs(first: 1, batchId: "${failing}", outcome: FAILED) { edges { node { errorClass } } } }`,
        )
      ).syncLogs.edges[0]?.node.errorClass ?? null;
    await expect.poll(failedCall, WAIT).not.toBeNull();
    await simErrors(product.tiktokSim, 0);
    const errorClass = (await failedCall())!;

    await page.goto("/logs");
    await page.getByTestId("log-entry").first().waitFor(WAIT);
    // Several products' calls, each row naming its product by SKU and title.
    const all = await rows();
    expect(new Set(all.map((r) => r.sku)).size).toBeGreaterThan(1);
    for (const p of products.edges.map((e) => e.node)) {
      const row = all.find((r) => r.sku === p.sku);
      if (row) expect(row.text).toContain(p.title);
    }

    const search = page.getByLabel("SKU or product title");
    await search.fill(target.sku.toLowerCase());
    await page.getByRole("button", { name: "Filter" }).click();
    await expectRows("q=", (r) => r.sku === target.sku && r.text.includes(target.title));
    expect(page.url()).toContain(`q=${encodeURIComponent(target.sku.toLowerCase())}`);

    await page.getByLabel("Channel").selectOption(tiktok.id);
    await expectRows(`channelId=${tiktok.id}`, (r) => r.sku === target.sku && r.channelId === tiktok.id);
    await page.getByLabel("Outcome").selectOption("FAILED");
    await expectRows(
      "outcome=FAILED",
      (r) => r.sku === target.sku && r.channelId === tiktok.id && r.errorClass !== "",
    );
    await page.getByLabel("Error class").selectOption(errorClass);
    const failed = await expectRows(
      `errorClass=${errorClass}`,
      (r) => r.errorClass === errorClass && r.sku === target.sku,
    );
    await page.screenshot({ path: path.join(SHOTS, "sync-log-filtered.png"), fullPage: true });
    // The filtered view is a link: a reload shows the same rows.
    await page.reload();
    const reloaded = await expectRows(
      `errorClass=${errorClass}`,
      (r) => r.errorClass === errorClass && r.channelId === tiktok.id,
    );
    expect(reloaded.length).toBe(failed.length);

    // Clear, then the title's words in another order, and a batch id.
    await page.getByRole("button", { name: "Clear" }).click();
    const words = target.title.split(/\s+/).filter((w) => w.length > 2);
    await search.fill([...words.slice(0, 2)].reverse().join(" "));
    await page.getByRole("button", { name: "Filter" }).click();
    const byTitle = await expectRows("q=", (r) => r.text.toLowerCase().includes(words[0]!.toLowerCase()));
    expect(byTitle.some((r) => r.sku === target.sku)).toBe(true);
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Batch id").fill(failing);
    await page.getByRole("button", { name: "Filter" }).click();
    await expectRows(`batchId=${failing}`, (r) => r.batchId === failing && r.sku === target.sku);

    // A time range after every call: nothing matches, and the page says so rather than "no calls yet".
    const later = new Date(Date.now() + 3_600_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel("From").fill(local);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByText("No calls match these filters").waitFor(WAIT);
    expect(await page.getByTestId("log-entry").count()).toBe(0);
  }, 240_000);
});
