// A validation dead letter names a field; the edit form has that field, its link opens the form on
// it, and the fixed product syncs on retry. The failure made no call, and "Last call" says so.
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

async function openLettersOf(productId: string): Promise<{ platform: string; errorField: string | null }[]> {
  const { deadLetters } = await ask<{
    deadLetters: { edges: { node: { productId: string; platform: string; errorField: string | null } }[] };
  }>("{ deadLetters(first: 100) { edges { node { productId platform errorField } } } }");
  return deadLetters.edges.map((e) => e.node).filter((d) => d.productId === productId);
}

describe.sequential("a validation failure is fixed where it is shown", () => {
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

  it("a too-long SKU: the dead letter says nothing was sent, links to the SKU input, and the retry syncs", async () => {
    // A product both shops accept, so the SKU made below is the only thing wrong with it.
    const first = await startBatch(product, 10);
    await waitForBatchEnd(product, first.id);
    const { batch } = await ask<{
      batch: { items: { edges: { node: { productId: string; status: string } }[] } };
    }>(`{ batch(id: "${first.id}") { items(first: 100) { edges { node { productId status } } } } }`);
    const statuses = new Map<string, string[]>();
    for (const { node } of batch.items.edges)
      statuses.set(node.productId, [...(statuses.get(node.productId) ?? []), node.status]);
    const [productId] = [...statuses].find(([, s]) => s.every((x) => x === "SUCCEEDED"))!;

    // The catalog stores up to 100 characters; both marketplaces take at most 50.
    const longSku = `FIX-${"S".repeat(56)}`;
    const { updateProduct } = await ask<{ updateProduct: { userErrors: unknown[] } }>(
      `mutation ($id: ID!, $sku: String) { updateProduct(input: { id: $id, sku: $sku }) { userErrors { message } } }`,
      { id: productId, sku: longSku },
    );
    expect(updateProduct.userErrors).toEqual([]);
    const { syncProduct } = await ask<{ syncProduct: { batch: { id: string } } }>(
      `mutation ($id: ID!) { syncProduct(input: { productId: $id, platforms: [SHOPEE, TIKTOK_SHOP], force: true }) { batch { id } } }`,
      { id: productId },
    );
    await waitForBatchEnd(product, syncProduct.batch.id);
    const open = await openLettersOf(productId);
    expect(open.map((d) => d.errorField)).toEqual(["sellerSku", "sellerSku"]);

    // Where the product page shows the failed listing, the field links to its input too.
    await page.goto(`/products/${productId}`);
    const shopee = page.getByTestId("listing-SHOPEE");
    await page.getByTestId("listing-TIKTOK_SHOP").getByRole("link", { name: "Fix sellerSku" }).waitFor(WAIT);
    await shopee.getByRole("link", { name: "Fix sellerSku" }).click();
    await page.waitForURL(new RegExp(`/products/${productId}\\?edit=sellerSku$`), WAIT);
    await page.waitForFunction(() => document.activeElement?.id === "edit-sku", undefined, WAIT);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL(new RegExp(`/products/${productId}$`), WAIT);

    await page.goto("/dead-letters");
    const row = page.locator(`[data-testid="dead-letter"][data-sku="${longSku}"]`).first();
    await row.waitFor(WAIT);

    // No call was made: the page says so and why, instead of two empty boxes.
    await row.getByRole("button", { name: "Last call" }).click();
    await row
      .getByTestId("no-call")
      .getByText(
        /^Nothing was sent to (Shopee|TikTok Shop): the product failed validation before any call \(sellerSku\)/,
      )
      .waitFor(WAIT);
    expect(await row.locator(".json-pair").count()).toBe(0);

    // The field's link opens the edit form with the SKU input focused.
    await row.getByRole("link", { name: `Fix sellerSku of ${longSku} in the edit form` }).click();
    await page.waitForURL(new RegExp(`/products/${productId}\\?edit=sellerSku$`), WAIT);
    const skuInput = page.locator("#edit-sku");
    await skuInput.waitFor(WAIT);
    await page.waitForFunction(() => document.activeElement?.id === "edit-sku", undefined, WAIT);
    expect(await skuInput.inputValue()).toBe(longSku);
    await page.screenshot({ path: path.join(SHOTS, "fix-field-sku-focused.png"), fullPage: true });

    // Too long for the catalog itself: refused next to the input, nothing saved.
    await skuInput.fill("X".repeat(101));
    await page.getByRole("button", { name: "Save changes" }).click();
    await page
      .locator("#error-sku")
      .getByText(/at most 100/)
      .waitFor(WAIT);

    const fixedSku = `FIX-${productId}`;
    await skuInput.fill(fixedSku);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved. Synced listings are now out of date until the next sync.").waitFor(WAIT);
    await page.waitForURL(new RegExp(`/products/${productId}$`), WAIT);

    // Retry from the dead letter: both failed channels at once, and both now sync.
    await page.goto("/dead-letters");
    const fixedRow = page.locator(`[data-testid="dead-letter"][data-sku="${fixedSku}"]`).first();
    await fixedRow.waitFor(WAIT);
    await fixedRow.getByRole("button", { name: "Retry" }).click();
    const watch = page.getByTestId("dead-letter-notice").getByRole("link", { name: "Watch the retry" });
    await watch.waitFor(WAIT);
    await waitForBatchEnd(product, (await watch.getAttribute("href"))!.split("/").pop()!);
    expect(await openLettersOf(productId)).toEqual([]);
    const { product: after } = await ask<{ product: { sku: string; listings: { status: string }[] } }>(
      `query ($id: ID!) { product(id: $id) { sku listings { status } } }`,
      { id: productId },
    );
    expect(after.sku).toBe(fixedSku);
    // TikTok Shop may hold a new listing for its review: accepted, not failed.
    expect(after.listings).toHaveLength(2);
    for (const l of after.listings) expect(["SYNCED", "IN_REVIEW"]).toContain(l.status);
  }, 240_000);
});
