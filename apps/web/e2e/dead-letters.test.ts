// Dead letters in a real Chromium against the started product: a listing that keeps failing is one
// entry, not one per batch or attempt, and retrying it replaces that entry rather than adding one.
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

interface OpenLetter {
  id: string;
  batchId: string;
  platform: string;
  errorField: string | null;
  groupKey: string;
}

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql<T>(product, query, variables);
  if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

/** The product's open dead letters, read from the API (every page: there are few). */
async function openLettersOf(productId: string): Promise<OpenLetter[]> {
  const { deadLetters } = await ask<{
    deadLetters: { edges: { node: OpenLetter & { productId: string } }[] };
  }>("{ deadLetters(first: 100) { edges { node { id batchId productId platform errorField groupKey } } } }");
  return deadLetters.edges.map((e) => e.node).filter((d) => d.productId === productId);
}

async function syncOne(productId: string): Promise<string> {
  const { syncProduct } = await ask<{ syncProduct: { batch: { id: string } } }>(
    `mutation ($id: ID!) { syncProduct(input: { productId: $id, platforms: [SHOPEE, TIKTOK_SHOP], force: true }) { batch { id } } }`,
    { id: productId },
  );
  await waitForBatchEnd(product, syncProduct.batch.id);
  return syncProduct.batch.id;
}

async function setDescription(productId: string, description: string): Promise<void> {
  const { updateProduct } = await ask<{ updateProduct: { userErrors: unknown[] } }>(
    `mutation ($id: ID!, $d: String) { updateProduct(input: { id: $id, description: $d }) { userErrors { message } } }`,
    { id: productId, d: description },
  );
  expect(updateProduct.userErrors).toEqual([]);
}

describe.sequential("dead letters, one per stuck listing", () => {
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

  it("shows a product that failed in three batches on Shopee once, and a retry replaces that entry", async () => {
    // A product both shops accept as it is, so the only failure is the one made below.
    const first = await startBatch(product, 10);
    await waitForBatchEnd(product, first.id);
    const { batch } = await ask<{
      batch: { items: { edges: { node: { productId: string; sku: string; status: string } }[] } };
    }>(`{ batch(id: "${first.id}") { items(first: 100) { edges { node { productId sku status } } } } }`);
    const byProduct = new Map<string, { sku: string; statuses: string[] }>();
    for (const { node } of batch.items.edges) {
      const entry = byProduct.get(node.productId) ?? { sku: node.sku, statuses: [] };
      entry.statuses.push(node.status);
      byProduct.set(node.productId, entry);
    }
    const [productId, { sku }] = [...byProduct].find(([, e]) => e.statuses.every((s) => s === "SUCCEEDED"))!;

    // Shopee needs a description of 20 characters or more; TikTok Shop takes one of 10.
    await setDescription(productId, "Too short.");
    const batches = [await syncOne(productId), await syncOne(productId), await syncOne(productId)];
    const open = await openLettersOf(productId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ platform: "SHOPEE", errorField: "description", batchId: batches[2] });

    await page.goto("/dead-letters");
    const rows = page.locator(`[data-testid="dead-letter"][data-sku="${sku}"]`);
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-platform")).toBe("SHOPEE");
    const group = page.locator(`[data-testid="dead-letter-group"][data-group-key="${open[0]!.groupKey}"]`);
    expect(await group.getAttribute("data-fix")).toBe("editProduct");
    expect(await group.getAttribute("data-count")).toBe("1");
    await group
      .getByTestId("dead-letter-group-message")
      .getByText(/description/)
      .waitFor(WAIT);
    await group.getByRole("link", { name: "Edit the product" }).waitFor(WAIT);
    await page.screenshot({ path: path.join(SHOTS, "dead-letters-one-per-listing.png"), fullPage: true });

    // Retrying without a fix fails again: the new failure takes the old entry's place.
    await rows.first().getByRole("button", { name: "Retry" }).click();
    const notice = page.getByTestId("dead-letter-notice");
    await notice.getByText(`Retrying ${sku}`).waitFor(WAIT);
    const href = (await notice.getByRole("link", { name: "Watch the retry" }).getAttribute("href"))!;
    const retryBatch = href.split("/").pop()!;
    expect(batches).not.toContain(retryBatch);
    await waitForBatchEnd(product, retryBatch);
    const replaced = await openLettersOf(productId);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.id).not.toBe(open[0]!.id);
    expect(replaced[0]!.batchId).toBe(retryBatch);
    await page.reload();
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(1);

    // Fixed, the retry syncs it and the entry is gone: nothing is left for anyone to handle.
    await setDescription(productId, "A description long enough for Shopee's twenty characters.");
    await rows.first().getByRole("button", { name: "Retry" }).click();
    const watch = notice.getByRole("link", { name: "Watch the retry" });
    await expect.poll(() => watch.getAttribute("href"), WAIT).not.toBe(href);
    await waitForBatchEnd(product, (await watch.getAttribute("href"))!.split("/").pop()!);
    expect(await openLettersOf(productId)).toEqual([]);
    await page.reload();
    await page.getByText("No dead letters").waitFor(WAIT);
    expect(await rows.count()).toBe(0);
  }, 240_000);
});
