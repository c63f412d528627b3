// The dashboard in a real Chromium against the whole product (API, worker, simulators) started the
// way `pnpm start` starts it. One scenario, in order: each step starts where the previous one ended.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH } from "./session";
import { expectedPrice, recordProgress, type ProgressWindow } from "./helpers";

const SHOTS = path.join(root, "test-output/screenshots");
const STEP = 180_000;
const WAIT = { timeout: 60_000 };

let product: RunningProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Whether the API asks for credentials (the sign-in step found the auth operations). */
let authEnabled = false;

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const res = await fetch(`${product.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${product.adminApiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { message: string }[] };
}

async function simLatency(latencyMs: number, jitterMs: number): Promise<void> {
  for (const sim of [product.shopeeSim, product.tiktokSim]) {
    const res = await fetch(`${sim}/__sim/settings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs, jitterMs }),
    });
    expect(res.ok, `simulator ${sim} settings`).toBe(true);
  }
}

/** The numbers of "51–100 of 4,147". */
async function pageInfo(): Promise<{ from: number; to: number; total: number }> {
  const text = (await page.getByTestId("page-info").textContent()) ?? "";
  const [from, to, total] = (text.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, "")));
  return { from: from ?? NaN, to: to ?? NaN, total: total ?? NaN };
}

describe.sequential("the dashboard, end to end", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      baseURL: product.baseUrl,
      locale: ENGLISH,
    });
    await context.addInitScript(recordProgress);
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") console.log(`[browser] ${m.text()}`);
    });
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail" && page && !page.isClosed()) {
      await shot(`failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, "-")}`).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it(
    "signs in with email and password and shows who is signed in",
    async (ctx) => {
      const probe = await graphql<{ viewer: { id: string } | null }>("{ viewer { id } }");
      if (probe.errors?.some((e) => /Cannot query field "viewer"/.test(e.message))) {
        ctx.skip(); // the API has no auth yet: every operation is open
        return;
      }
      authEnabled = true;
      const email = `operator-${Date.now()}@example.com`;
      const password = "correct horse battery staple";
      const created = await graphql<{ createUser: { userErrors: { message: string }[] } }>(
        `
          mutation ($input: CreateUserInput!) {
            createUser(input: $input) {
              userErrors {
                message
              }
            }
          }
        `,
        { input: { email, password, role: "OPERATOR", name: "Dewi Operator" } },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data?.createUser.userErrors).toEqual([]);

      await page.goto("/products");
      await page.waitForURL(/\/login/, WAIT);
      await shot("login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("wrong password, surely");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").waitFor(WAIT);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/products/, WAIT);
      await page.getByTestId("signed-in-as").getByText("Dewi Operator").waitFor(WAIT);
    },
    STEP,
  );

  it(
    "searches and pages through the catalog",
    async () => {
      await page.goto("/products");
      await page.getByTestId("product-row").first().waitFor(WAIT);
      expect(await pageInfo()).toEqual({ from: 1, to: 50, total: 4147 });
      expect(await page.getByTestId("product-row").count()).toBe(50);
      await shot("products");

      const firstSku = (await page.getByTestId("product-row").first().getAttribute("data-sku"))!;
      await page.getByRole("button", { name: "Next →" }).click();
      // The counter and the rows render separately: wait for both to show page 2.
      await page.waitForFunction(
        (first) =>
          document.querySelector('[data-testid="page-info"]')?.textContent?.startsWith("51") &&
          document.querySelector('[data-testid="product-row"]')?.getAttribute("data-sku") !== first,
        firstSku,
        WAIT,
      );
      expect(await pageInfo()).toEqual({ from: 51, to: 100, total: 4147 });
      expect(await page.getByTestId("product-row").first().getAttribute("data-sku")).not.toBe(firstSku);
      await page.getByRole("button", { name: "← Previous" }).click();
      await page.waitForFunction(
        (first) =>
          document.querySelector('[data-testid="page-info"]')?.textContent?.startsWith("1–") &&
          document.querySelector('[data-testid="product-row"]')?.getAttribute("data-sku") === first,
        firstSku,
        WAIT,
      );
      expect(await page.getByTestId("product-row").first().getAttribute("data-sku")).toBe(firstSku);

      // A category code is the start of every SKU in that category.
      const prefix = `${firstSku.split("-")[0]}-`;
      // From the keyboard: "/" jumps to the search box.
      await page.locator("body").click({ position: { x: 5, y: 300 } });
      await page.keyboard.press("/");
      await page.waitForFunction(
        () => document.activeElement?.getAttribute("aria-label") === "Search products",
        null,
        WAIT,
      );
      await page.keyboard.type(prefix);
      await page.waitForURL(new RegExp(`q=${prefix}`), WAIT);
      await page.waitForFunction(
        (p) =>
          [...document.querySelectorAll('[data-testid="product-row"]')].every((r) =>
            r.getAttribute("data-sku")?.startsWith(p),
          ),
        prefix,
        WAIT,
      );
      const found = await pageInfo();
      expect(found.total).toBeGreaterThan(50);
      expect(found.total).toBeLessThan(4147);
      await page.getByRole("button", { name: "Next →" }).click();
      // The counter and the rows render separately: wait for both to show page 2.
      await page.waitForFunction(
        (first) =>
          document.querySelector('[data-testid="page-info"]')?.textContent?.startsWith("51") &&
          document.querySelector('[data-testid="product-row"]')?.getAttribute("data-sku") !== first,
        firstSku,
        WAIT,
      );
      const skus = await page
        .getByTestId("product-row")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-sku") ?? ""));
      expect(skus.length).toBeGreaterThan(0);
      for (const sku of skus) expect(sku.startsWith(prefix)).toBe(true);

      // One exact SKU finds exactly one product.
      await page.getByLabel("Search products").fill(firstSku);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="product-row"]').length === 1,
        null,
        WAIT,
      );
      expect(await page.getByTestId("product-row").first().getAttribute("data-sku")).toBe(firstSku);
    },
    STEP,
  );

  it(
    "orders the catalog by a column header and by the sort menu, and pages keep that order",
    async () => {
      const order = async (field: string, direction: string) =>
        (
          await graphql<{ products: { edges: { node: { sku: string } }[] } }>(
            `{ products(first: 100, orderBy: { field: ${field}, direction: ${direction} }) { edges { node { sku } } } }`,
          )
        ).data!.products.edges.map((e) => e.node.sku);
      const rowsAre = (skus: string[]) =>
        page.waitForFunction(
          (want) =>
            [...document.querySelectorAll('[data-testid="product-row"]')]
              .map((r) => r.getAttribute("data-sku"))
              .join(",") === want.join(","),
          skus,
          WAIT,
        );
      await page.goto("/products");
      await page.getByTestId("product-row").first().waitFor(WAIT);
      const price = page.getByRole("columnheader", { name: "Price" });
      await price.getByRole("button").click();
      await page.waitForURL(/sort=PRICE_ASC/, WAIT);
      await page.locator('th[aria-sort="ascending"]', { hasText: "Price" }).waitFor(WAIT);
      await rowsAre((await order("PRICE", "ASC")).slice(0, 50));
      await price.getByRole("button").click();
      await page.waitForURL(/sort=PRICE_DESC/, WAIT);
      await page.locator('th[aria-sort="descending"]', { hasText: "Price" }).waitFor(WAIT);
      const byPrice = await order("PRICE", "DESC");
      await rowsAre(byPrice.slice(0, 50));
      await page.getByRole("button", { name: "Next →" }).click();
      await rowsAre(byPrice.slice(50, 100));
      expect(await pageInfo()).toEqual({ from: 51, to: 100, total: 4147 });

      await page.getByLabel("Sort by").selectOption({ label: "SKU Z–A" });
      await page.waitForURL(/sort=SKU_DESC/, WAIT);
      await rowsAre((await order("SKU", "DESC")).slice(0, 50));
      expect(await pageInfo()).toMatchObject({ from: 1 });
      await page.locator('th[aria-sort="descending"]', { hasText: "SKU" }).waitFor(WAIT);
      // Back to the default order: the URL says nothing about it.
      await page.getByLabel("Sort by").selectOption({ label: "Oldest first" });
      await page.waitForURL((url) => !url.search.includes("sort="), WAIT);
      await rowsAre((await order("CREATED_AT", "ASC")).slice(0, 50));
    },
    STEP,
  );

  it(
    "syncs one product to both platforms and shows both listings SYNCED at the channel prices",
    async () => {
      await page.getByTestId("product-row").first().getByRole("link").first().click();
      await page.waitForURL(/\/products\/\d+$/, WAIT);
      const master = (await page.getByTestId("master-price").getAttribute("data-value"))!;
      await page.getByTestId("listing-SHOPEE").waitFor(WAIT);
      expect(await page.getByTestId("listing-SHOPEE").getAttribute("data-status")).toBe("NOT_LISTED");

      await page.getByRole("button", { name: "Sync to both" }).click();
      await page.locator('[data-testid="sync-watch"][data-final="true"]').waitFor(WAIT);
      for (const [platform, multiplier] of [
        ["SHOPEE", "1.15"],
        ["TIKTOK_SHOP", "1.20"],
      ] as const) {
        await page.locator(`[data-testid="listing-${platform}"][data-status="SYNCED"]`).waitFor(WAIT);
        const sent = await page.getByTestId(`listing-price-${platform}`).getAttribute("data-value");
        expect(Number(sent), `${platform} price`).toBe(Number(expectedPrice(master, multiplier)));
        expect(Number(sent) % 1, "IDR is whole rupiah").toBe(0);
        // The preview agrees: nothing left to change on the next sync.
        await page.getByTestId(`preview-${platform}`).getByText("unchanged").waitFor(WAIT);
      }
      await page.getByTestId("log-entry").first().waitFor(WAIT);
      await shot("product");
    },
    STEP,
  );

  it(
    "starts a batch of 50 selected products and follows its progress live to 100%",
    async () => {
      // Slow marketplaces, so the batch takes long enough to be watched.
      await simLatency(250, 150);
      try {
        await page.goto("/products");
        await page.getByTestId("product-row").nth(49).waitFor(WAIT);
        await page.getByLabel("Select all products on this page").check();
        await page.getByTestId("selected-count").getByText("50 selected").waitFor(WAIT);
        await shot("products-selected");
        await page.getByRole("button", { name: "Sync 50 products" }).click();
        await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/, WAIT);
        await page.locator('[data-testid="batch-progress"]').waitFor(WAIT);
        // Named by what it holds and who started it, not by its UUID.
        const origin = page.getByTestId("batch-origin").first();
        await origin.getByText("50 selected products").waitFor(WAIT);
        if (authEnabled) await origin.getByText("Manual · by Dewi Operator").waitFor(WAIT);
        await page
          .locator('.live-indicator:text("Live"), .live-indicator:text("Finished")')
          .first()
          .waitFor(WAIT);
        await shot("batch-running");
        await page
          .locator('[data-testid="batch-progress"][aria-valuenow="100"]')
          .waitFor({ timeout: 150_000 });
        await page.locator('.live-indicator:text("Finished")').waitFor(WAIT);
      } finally {
        await simLatency(0, 0);
      }
      const seen = await page.evaluate(() => (window as unknown as ProgressWindow).__progress);
      const intermediate = seen.filter((v) => v > 0 && v < 100);
      expect(intermediate.length, `progress values seen: ${seen.join(", ")}`).toBeGreaterThan(0);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
      expect(seen.at(-1)).toBe(100);

      const counts = await page
        .getByTestId("batch-counts")
        .evaluate((el) =>
          Object.fromEntries(
            [...el.querySelectorAll("[data-stat]")].map((s) => [
              s.getAttribute("data-stat"),
              Number(s.querySelector("dd")?.textContent?.replace(/,/g, "")),
            ]),
          ),
        );
      expect(counts.succeeded! + counts.skipped! + counts.deadLettered!).toBe(100);
      expect(counts.skipped, "the product synced before is unchanged").toBeGreaterThanOrEqual(2);
      // Per platform: every item finished, and the breakdown adds up to the batch's counters.
      let dead = 0;
      for (const platform of ["SHOPEE", "TIKTOK_SHOP"]) {
        const row = page.getByTestId(`platform-progress-${platform}`);
        await row.getByText("50/50").waitFor(WAIT);
        dead += Number(await row.getAttribute("data-dead"));
      }
      expect(dead).toBe(counts.deadLettered);
      await page.getByTestId("live-feed").waitFor(WAIT);
      await shot("batch");
      await page.goto("/batches");
      await page.getByTestId("batch-row").first().waitFor(WAIT);
      await shot("batches");
    },
    STEP,
  );

  it(
    "finds an invalid product in the dead-letter queue, fixes it, retries it and sees it succeed",
    async () => {
      await page.goto("/dead-letters");
      const group = page.locator('[data-testid="dead-letter-group"][data-error-class="VALIDATION"]').first();
      await group.waitFor(WAIT);
      // A title too short for a platform is something an operator can fix in the edit form.
      const letter = page.locator('[data-testid="dead-letter"][data-field="title"]').first();
      await letter.waitFor(WAIT);
      const sku = (await letter.getAttribute("data-sku"))!;
      const message = (await letter.getByTestId("dead-letter-message").textContent())!;
      expect(message).toMatch(/title/i);
      await shot("dead-letters");

      // The product list can be filtered down to what failed on a platform.
      const platform = (await letter.getAttribute("data-platform"))!;
      await page.goto(`/products?status=FAILED&platform=${platform}`);
      await page.locator(`[data-testid="product-row"][data-sku="${sku}"]`).waitFor(WAIT);
      await shot("products-failed");

      await page.locator(`[data-testid="product-row"][data-sku="${sku}"]`).getByRole("link").first().click();
      await page.waitForURL(/\/products\/\d+$/, WAIT);
      await page.getByTestId(`listing-error-${platform}`).waitFor(WAIT);
      await page.getByRole("button", { name: "Edit" }).click();
      const title = page.getByLabel("Title");
      const before = await title.inputValue();
      await title.fill("");
      await page.getByRole("button", { name: "Save changes" }).click();
      // Bad input is refused with the field named, and nothing is saved.
      await page.locator("#error-title").waitFor(WAIT);
      await shot("product-edit-error");
      await title.fill(`${before} Original Garansi Resmi Kualitas Terbaik`);
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Saved.").waitFor(WAIT);
      await page.getByText(`${before} Original Garansi Resmi Kualitas Terbaik`).first().waitFor(WAIT);

      await page.goto("/dead-letters");
      const row = page.locator(`[data-testid="dead-letter"][data-sku="${sku}"]`).first();
      await row.waitFor(WAIT);
      await row.getByRole("button", { name: "Retry" }).click();
      await page.getByTestId("dead-letter-notice").getByText(`Retrying ${sku}`).waitFor(WAIT);
      await page.getByRole("link", { name: "Watch the retry" }).click();
      await page.waitForURL(/\/batches\//, WAIT);
      // The retry is a batch of its own, naming the batch it retries; it shows the new result.
      await page
        .locator(
          `[data-testid="feed-row"][data-sku="${sku}"][data-platform="${platform}"][data-status="SUCCEEDED"]`,
        )
        .waitFor(WAIT);
      await page.locator('.live-indicator:text("Finished")').waitFor(WAIT);
      await shot("batch-after-retry");
      const retryUrl = page.url();
      await page.getByTestId("retry-of").getByRole("link").click();
      await page.waitForURL((u) => u.href !== retryUrl && /\/batches\//.test(u.pathname), WAIT);
      // The original batch keeps its figures: the item is still dead-lettered there, and it links on.
      await page.locator('.live-indicator:text("Finished")').waitFor(WAIT);
      await page.getByLabel("Problems only").check();
      await page
        .locator(
          `[data-testid="feed-row"][data-sku="${sku}"][data-platform="${platform}"][data-status="DEAD_LETTERED"]`,
        )
        .waitFor(WAIT);
      await page
        .getByTestId("retried-in")
        .getByRole("link", { name: /batch [0-9a-f]{8}/ })
        .first()
        .waitFor(WAIT);

      await page.goto(`/products?q=${encodeURIComponent(sku)}`);
      await page.locator(`[data-testid="product-row"][data-sku="${sku}"]`).getByRole("link").first().click();
      await page.locator(`[data-testid="listing-${platform}"][data-status="SYNCED"]`).waitFor(WAIT);
      await page.goto("/dead-letters");
      await page.getByRole("heading", { name: "Dead letters" }).waitFor(WAIT);
      await page
        .getByText(/open, in|No dead letters/)
        .first()
        .waitFor(WAIT);
      expect(await page.locator(`[data-testid="dead-letter"][data-sku="${sku}"]`).count()).toBe(0);
    },
    STEP,
  );

  it(
    "shows queue health live and the sync log with formatted bodies",
    async () => {
      await page.goto("/queues");
      await page.getByTestId("queue").nth(1).waitFor(WAIT);
      await page.locator('.live-indicator:text("Live")').waitFor(WAIT);
      await shot("queues");

      await page.goto("/logs");
      await page.getByTestId("log-entry").first().waitFor(WAIT);
      await page.getByTestId("log-entry").first().getByRole("button").click();
      await page.getByRole("figure").first().waitFor(WAIT);
      const body = await page.locator(".json pre").first().textContent();
      expect(body).toContain("\n  "); // pretty-printed, not one line
      await shot("sync-log");
    },
    STEP,
  );

  it(
    "lays out the main pages at tablet width",
    async () => {
      const tablet = await context.newPage();
      tablet.on("pageerror", (e) => pageErrors.push(e.message));
      await tablet.setViewportSize({ width: 768, height: 1024 });
      for (const [name, url, ready] of [
        ["tablet-products", "/products", '[data-testid="product-row"]'],
        ["tablet-batches", "/batches", '[data-testid="batch-row"]'],
        ["tablet-dead-letters", "/dead-letters", "h1"],
        ["tablet-product", "/products/1", '[data-testid="listing-SHOPEE"]'],
        ["tablet-queues", "/queues", '[data-testid="queue"]'],
      ] as const) {
        await tablet.goto(url);
        await tablet.locator(ready).first().waitFor(WAIT);
        // Nothing wider than the screen except inside scrollable tables.
        const overflow = await tablet.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `${name} overflows horizontally`).toBeLessThanOrEqual(0);
        await shot(name, tablet);
      }
      await tablet.goto("/batches");
      await tablet.getByTestId("batch-row").first().getByRole("link").click();
      await tablet.locator('[data-testid="batch-progress"]').waitFor(WAIT);
      await shot("tablet-batch", tablet);
      await tablet.close();
      expect(pageErrors).toEqual([]);
    },
    STEP,
  );

  it(
    "syncs every product a filter finds, past the 1,000 a selection holds, with the count it showed",
    async () => {
      const count = await graphql<{ products: { totalCount: number } }>(
        "{ products(first: 0, listingStatus: NOT_LISTED, platform: TIKTOK_SHOP) { totalCount } }",
      );
      const matching = count.data!.products.totalCount;
      expect(matching).toBeGreaterThan(1000);
      await page.goto("/products?status=NOT_LISTED&platform=TIKTOK_SHOP");
      await page.getByTestId("product-row").first().waitFor(WAIT);
      const bar = page.getByRole("region", { name: "Selection" });
      // Selecting stops at 1,000; the filters themselves can still choose the batch.
      expect(await bar.getByRole("button", { name: /^Select all/ }).count()).toBe(0);
      await bar.getByLabel("Shopee").uncheck();
      const syncAll = bar.getByTestId("sync-matching");
      expect(await syncAll.textContent()).toBe(`Sync all ${matching.toLocaleString("en-US")} matching`);
      await syncAll.click();
      await page.waitForURL(/\/batches\/[0-9a-f-]{36}/, WAIT);
      const batchId = page.url().split("/").pop()!;
      const batch = await graphql<{ batch: { total: number; platforms: string[] } }>(
        "query ($id: ID!) { batch(id: $id) { total platforms } }",
        { id: batchId },
      );
      expect(batch.data!.batch).toEqual({ total: matching, platforms: ["TIKTOK_SHOP"] });
      await graphql("mutation ($id: ID!) { cancelBatch(id: $id) { userErrors { message } } }", {
        id: batchId,
      });
    },
    STEP,
  );

  it(
    "signs out, after which the dashboard asks for a sign-in again",
    async (ctx) => {
      if (!authEnabled) {
        ctx.skip();
        return;
      }
      await page.goto("/products");
      await page.getByTestId("signed-in-as").waitFor(WAIT);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/, WAIT);
      expect(await page.evaluate(() => localStorage.getItem("syncstore.token"))).toBeNull();
      await page.goto("/batches");
      await page.waitForURL(/\/login\?next=%2Fbatches/, WAIT);
    },
    STEP,
  );
});
