// A dry run from the batches page in a real Chromium: started with the form's "Dry run" box, its plan
// read on the batch page (the price a sync would change, before and after) while the simulators
// count no write, then "Run it for real" starting the same items as an ordinary SYNC batch.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { graphql, launchChromium, readBatch, signedInContext, startBatch, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };

let product: RunningProduct;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function psql(sql: string): string {
  const r = spawnSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", product.databaseName, "-v", "ON_ERROR_STOP=1", "-Atc", sql],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Calls that are not reads (GET, or TikTok Shop's POST search), summed over both simulators. */
async function writeCalls(): Promise<number> {
  let n = 0;
  for (const sim of [product.shopeeSim, product.tiktokSim]) {
    const stats = (await (await fetch(`${sim}/__sim/stats`)).json()) as { requests: Record<string, number> };
    for (const [k, v] of Object.entries(stats.requests))
      if (!k.startsWith("GET ") && k !== "POST /product/202309/products/search") n += v;
  }
  return n;
}

describe.sequential("a dry run from the batches page", () => {
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

  it("plans the change without writing, shows it, and runs it for real", async () => {
    const listed = await waitForBatchEnd(product, (await startBatch(product, 1)).id);
    expect(listed.succeeded).toBe(2);
    const first = await graphql<{ products: { edges: { node: { id: string; sku: string } }[] } }>(
      product,
      "{ products(first: 1) { edges { node { id sku } } } }",
    );
    const { id, sku } = first.data!.products.edges[0]!.node;
    // Automatic sync would send the edit by itself before the dry run could plan it.
    psql("UPDATE channels SET auto_sync_price = false, auto_sync_stock = false");
    psql(`UPDATE products SET price = price + 1000 WHERE id = ${id}`);
    psql(`UPDATE product_variants SET price = price + 1000 WHERE product_id = ${id} AND price IS NOT NULL`);
    const writesBefore = await writeCalls();

    await page.goto(`/batches?source=search&q=${encodeURIComponent(sku)}`);
    await page.getByLabel("Dry run (read only: show what would change)").check();
    await page.getByRole("button", { name: /^Plan .* \(dry run\)$/ }).click();
    await page.waitForURL((url) => /^\/batches\/[0-9a-f-]{36}$/.test(url.pathname), WAIT);
    const dryRunId = new URL(page.url()).pathname.split("/").pop()!;
    await page.locator('[data-testid="live-badge"][data-mode="finished"]').waitFor(WAIT);

    const plan = page.getByTestId("dry-run-plan");
    const updates = plan.locator('[data-testid="plan-row"][data-action="UPDATE"]');
    await updates
      .first()
      .waitFor(WAIT)
      .catch(async (e: unknown) => {
        await page.screenshot({ path: path.join(SHOTS, "dry-run-plan-failed.png"), fullPage: true });
        throw e;
      });
    expect(await updates.count()).toBeGreaterThanOrEqual(2);
    expect(await updates.first().textContent()).toMatch(/price\s*\S+ → \S+/);
    expect(await writeCalls()).toBe(writesBefore);
    expect(await readBatch(product, dryRunId)).toMatchObject({ status: "COMPLETED" });
    await page.screenshot({ path: path.join(SHOTS, "dry-run-plan.png"), fullPage: true });

    await plan.getByRole("button", { name: "Run it for real" }).click();
    await page.waitForURL(
      (url) => url.pathname.startsWith("/batches/") && !url.pathname.endsWith(dryRunId),
      WAIT,
    );
    const realId = new URL(page.url()).pathname.split("/").pop()!;
    await page.locator('[data-testid="live-badge"][data-mode="finished"]').waitFor(WAIT);
    const real = await waitForBatchEnd(product, realId);
    const planned = await readBatch(product, dryRunId);
    expect(real.total).toBe(planned.total);
    expect(real.succeeded).toBe(planned.succeeded);
    expect(await writeCalls()).toBeGreaterThan(writesBefore);
    expect(await page.getByTestId("dry-run-plan").count()).toBe(0);

    // The list tells the dry run from the real run it led to.
    await page.goto("/batches");
    await page.getByTestId("batch-row").first().waitFor(WAIT);
    const tagged = page.getByTestId("batch-row").filter({ has: page.getByTestId("batch-kind") });
    expect(await tagged.count()).toBe(1);
    expect(await tagged.getByRole("link").getAttribute("href")).toBe(`/batches/${dryRunId}`);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
