// The analytics page in a real Chromium against the started product: empty before anything ran, then
// after a batch (and a sync TikTok Shop refused) its charts are drawn and its numbers are syncStats'.
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

interface Totals {
  succeeded: number;
  calls: number;
  errors: Map<string, number>;
}

/** syncStats over exactly the range the page shows, summed. */
async function statsOfPage(channelId: string | null): Promise<Totals> {
  const box = page.getByTestId("analytics");
  const [from, to, bucket] = await Promise.all([
    box.getAttribute("data-from"),
    box.getAttribute("data-to"),
    box.getAttribute("data-bucket"),
  ]);
  const { syncStats } = await ask<{
    syncStats: {
      succeeded: number;
      calls: number;
      errorsByClass: { errorClass: string; count: number }[];
    }[];
  }>(
    `query ($from: DateTimeISO!, $to: DateTimeISO!, $bucket: StatsBucket!, $channelId: ID) {
      syncStats(from: $from, to: $to, bucket: $bucket, channelId: $channelId) {
        succeeded calls errorsByClass { errorClass count }
      }
    }`,
    { from, to, bucket, channelId },
  );
  const errors = new Map<string, number>();
  for (const b of syncStats)
    for (const e of b.errorsByClass) errors.set(e.errorClass, (errors.get(e.errorClass) ?? 0) + e.count);
  return {
    succeeded: syncStats.reduce((n, b) => n + b.succeeded, 0),
    calls: syncStats.reduce((n, b) => n + b.calls, 0),
    errors,
  };
}

const valueOf = async (testId: string) =>
  Number(await page.getByTestId(testId).getAttribute("data-value", WAIT));

describe.sequential("the analytics page", () => {
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

  it("says so when nothing was synced in the range", async () => {
    await page.goto("/analytics?range=hour");
    await page.getByText("Nothing was synced in this range").waitFor(WAIT);
    expect(await page.locator(".time-chart canvas").count()).toBe(0);
  });

  it("draws throughput, success rate, errors and latency after a batch, with syncStats' numbers", async () => {
    const batch = await startBatch(product, 4);
    await waitForBatchEnd(product, batch.id);
    const { products, channels } = await ask<{
      products: { edges: { node: { id: string } }[] };
      channels: { id: string; platform: string }[];
    }>("{ products(first: 1) { edges { node { id } } } channels { id platform } }");
    const tiktok = channels.find((c) => c.platform === "TIKTOK_SHOP")!;
    const shopee = channels.find((c) => c.platform === "SHOPEE")!;

    // TikTok Shop refuses one sync's first calls, so there are errors to chart; then it answers again.
    await simErrors(product.tiktokSim, 1);
    const { syncProduct } = await ask<{ syncProduct: { batch: { id: string } } }>(
      `mutation ($id: ID!) { syncProduct(input: { productId: $id, platforms: [TIKTOK_SHOP], force: true }) { batch { id } } }`,
      { id: products.edges[0]!.node.id },
    );
    const failedCalls = async () =>
      (
        await ask<{ syncLogs: { totalCount: number } }>(
          `{ syncLogs(first: 1, batchId: "${syncProduct.batch.id}", outcome: FAILED) { totalCount } }`,
        )
      ).syncLogs.totalCount;
    await expect.poll(failedCalls, WAIT).toBeGreaterThan(0);
    await simErrors(product.tiktokSim, 0);
    await waitForBatchEnd(product, syncProduct.batch.id);

    await page.goto("/analytics?range=hour");
    for (const chart of ["chart-throughput", "chart-success-rate", "chart-errors", "chart-latency"])
      await page.getByTestId(chart).locator("canvas").first().waitFor(WAIT);
    // A call can still be recorded after the batch ends (a status follow-up): Refresh until the page
    // and the API agree on one reading.
    let all = await statsOfPage(null);
    await expect
      .poll(async () => {
        all = await statsOfPage(null);
        const shown = Number(await page.locator('[data-stat="calls"]').getAttribute("data-value"));
        if (shown === all.calls) return true;
        await page.getByRole("button", { name: "Refresh" }).click();
        return false;
      }, WAIT)
      .toBe(true);
    expect(all.succeeded).toBeGreaterThan(0);
    expect(all.errors.size).toBeGreaterThan(0);
    expect(await valueOf("legend-succeeded")).toBe(all.succeeded);
    expect(await page.getByTestId("legend-succeeded").textContent()).toContain(
      all.succeeded.toLocaleString("en-US"),
    );
    for (const [errorClass, count] of all.errors)
      expect(await valueOf(`legend-error-${errorClass}`)).toBe(count);
    // Errors by platform: the failed calls were TikTok Shop's, none Shopee's.
    const tiktokErrors = (await statsOfPage(tiktok.id)).errors;
    const tiktokTotal = [...tiktokErrors.values()].reduce((a, b) => a + b, 0);
    const row = (id: string) => page.locator(`[data-testid="channel-errors"][data-channel-id="${id}"]`);
    await expect.poll(() => row(tiktok.id).getAttribute("data-value"), WAIT).toBe(String(tiktokTotal));
    await expect.poll(() => row(shopee.id).getAttribute("data-value"), WAIT).toBe("0");
    // The slowest endpoints are the API's, in its order.
    const box = page.getByTestId("analytics");
    const { slowestEndpoints } = await ask<{ slowestEndpoints: { endpoint: string; p95Ms: number }[] }>(
      `query ($from: DateTimeISO!, $to: DateTimeISO!) { slowestEndpoints(from: $from, to: $to) { endpoint p95Ms } }`,
      { from: await box.getAttribute("data-from"), to: await box.getAttribute("data-to") },
    );
    expect(slowestEndpoints.length).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page
            .getByTestId("slow-endpoint")
            .evaluateAll((rows) =>
              rows.map((r) => [r.getAttribute("data-endpoint"), Number(r.getAttribute("data-p95"))]),
            ),
        WAIT,
      )
      .toEqual(slowestEndpoints.map((e) => [e.endpoint, e.p95Ms]));
    await page.screenshot({ path: path.join(SHOTS, "analytics.png"), fullPage: true });

    // One channel: the numbers are that channel's.
    await page.getByTestId("channel").selectOption(shopee.id);
    await page.waitForURL((u) => u.searchParams.get("channelId") === shopee.id, WAIT);
    const shopeeStats = await statsOfPage(shopee.id);
    await expect.poll(() => valueOf("legend-succeeded"), WAIT).toBe(shopeeStats.succeeded);
    expect(shopeeStats.succeeded).toBeLessThan(all.succeeded);
    expect(await row(tiktok.id).count()).toBe(0);

    // Thirty days by day: the same items, one bucket per day.
    await page.getByTestId("range").selectOption("month");
    await expect.poll(() => page.getByTestId("analytics").getAttribute("data-bucket"), WAIT).toBe("DAY");
    await page.getByTestId("chart-throughput").locator("canvas").first().waitFor(WAIT);
    await expect.poll(() => valueOf("legend-succeeded"), WAIT).toBe((await statsOfPage(shopee.id)).succeeded);
  }, 240_000);
});
