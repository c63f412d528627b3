// Rolling a batch back from its page in a real Chromium against the started product: the preview
// first (what will be taken off sale), then the ROLLBACK batch followed live on its own page, and the
// simulators holding the listings unlisted and deactivated afterwards.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { launchChromium, readBatch, signedInContext, startBatch, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };

let product: RunningProduct;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function simStatuses(sim: string): Promise<string[]> {
  const res = await fetch(`${sim}/__sim/listings`);
  const body = (await res.json()) as { listings: { status: string }[] };
  return body.listings.map((l) => l.status);
}

describe.sequential("rolling a batch back from its page", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
    const context = await signedInContext(browser, product, { width: 1366, height: 900 });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it("previews the rollback, runs it, follows it live, and the simulators hold the listings off sale", async () => {
    const started = await startBatch(product, 6);
    const batch = await waitForBatchEnd(product, started.id);
    expect(batch.succeeded).toBeGreaterThan(0);
    const created = batch.succeeded;

    await page.goto(`/batches/${batch.id}`);
    await page.locator('[data-testid="live-badge"][data-mode="finished"]').waitFor(WAIT);
    await page.getByRole("button", { name: "Roll back", exact: true }).click();

    // The dry run: nothing is written until the person confirms what it will do.
    const counts = page.getByTestId("rollback-counts");
    await counts.waitFor(WAIT);
    expect(await counts.textContent()).toContain(
      `${created} listing${created === 1 ? "" : "s"} the batch created taken off sale`,
    );
    expect(await page.getByTestId("rollback-preview").locator("tbody tr").count()).toBe(created);
    expect((await simStatuses(product.shopeeSim)).every((s) => s === "NORMAL")).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "rollback-preview.png"), fullPage: true });

    await page
      .getByRole("button", { name: `Roll back ${created} listing${created === 1 ? "" : "s"}` })
      .click();
    await page.waitForURL(
      (url) => url.pathname.startsWith("/batches/") && !url.pathname.endsWith(batch.id),
      WAIT,
    );
    const rollbackId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByTestId("rollback-of").getByRole("link").waitFor(WAIT);
    await page.locator('[data-testid="live-badge"][data-mode="finished"]').waitFor(WAIT);
    const done = await readBatch(product, rollbackId);
    expect(done).toMatchObject({ status: "COMPLETED", total: created, succeeded: created });
    await page.screenshot({ path: path.join(SHOTS, "rollback-batch.png"), fullPage: true });

    const shopee = await simStatuses(product.shopeeSim);
    const tiktok = await simStatuses(product.tiktokSim);
    expect(shopee.length + tiktok.length).toBe(created);
    expect(shopee.every((s) => s === "UNLIST")).toBe(true);
    expect(tiktok.every((s) => s === "SELLER_DEACTIVATED")).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
