// Every page on a 360 px phone and under axe-core, the phone menu, the skeleton painted before any
// script runs, and what the API sends over the wire (compressed, long-cached assets).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH, graphql, launchChromium, signedInContext, startBatch, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };
const PHONE = { width: 360, height: 740 };

let product: RunningProduct;
let browser: Browser;
let phone: BrowserContext;
let batchId: string;
const pageErrors: string[] = [];

/** Every page of the dashboard, with what shows it is drawn. */
function pages(): [name: string, url: string, ready: string][] {
  return [
    ["products", "/products", '[data-testid="product-row"]'],
    ["product", "/products/1", '[data-testid="listing-SHOPEE"]'],
    ["batches", "/batches", '[data-testid="batch-row"]'],
    ["batch", `/batches/${batchId}`, '[data-testid="live-badge"][data-mode="finished"]'],
    ["dead-letters", "/dead-letters", '[data-testid="dead-letter"]'],
    ["queues", "/queues", '[data-testid="queue"]'],
    ["sync-log", "/logs", '[data-testid="log-entry"]'],
    ["not-found", "/no-such-page", "text=Page not found"],
  ];
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

describe.sequential("the dashboard on a phone, accessible, and light on the wire", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    // A finished batch with some dead letters, so every page has something to show.
    const batch = await startBatch(product, 150);
    batchId = batch.id;
    browser = await launchChromium();
    phone = await signedInContext(browser, product, PHONE);
    await waitForBatchEnd(product, batchId);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it("shows every page at 360 px without horizontal overflow, and axe finds nothing serious", async () => {
    const page = await phone.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const problems: string[] = [];
    for (const [name, url, ready] of pages()) {
      await page.goto(url);
      await page.locator(ready).first().waitFor(WAIT);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${name} is ${overflow} px wider than the screen`);
      await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`), fullPage: true });
      for (const v of await seriousViolations(page)) problems.push(`${name} at 360 px: ${v}`);
    }
    // The sign-in page, as someone signed out sees it.
    const signedOut = await browser.newContext({
      viewport: PHONE,
      baseURL: product.baseUrl,
      locale: ENGLISH,
    });
    const login = await signedOut.newPage();
    await login.goto("/login");
    await login.getByLabel("Email").waitFor(WAIT);
    const overflow = await login.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`login is ${overflow} px wider than the screen`);
    for (const v of await seriousViolations(login)) problems.push(`login: ${v}`);
    await login.screenshot({ path: path.join(SHOTS, "phone-login.png"), fullPage: true });
    await signedOut.close();
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("has no serious axe violations at desktop width either (the header and the widest pages)", async () => {
    const desktop = await signedInContext(browser, product, { width: 1366, height: 768 });
    const page = await desktop.newPage();
    const problems: string[] = [];
    // The phone pass covers every page; what differs on a desktop is the header and the wide layouts.
    const wide = new Set(["products", "product", "batch", "dead-letters"]);
    for (const [name, url, ready] of pages().filter(([n]) => wide.has(n))) {
      await page.goto(url);
      await page.locator(ready).first().waitFor(WAIT);
      for (const v of await seriousViolations(page)) problems.push(`${name}: ${v}`);
    }
    expect(problems).toEqual([]);
    await desktop.close();
  }, 180_000);

  it("keeps every section of the header in view at laptop widths, in English and in Indonesian", async () => {
    const hidden: string[] = [];
    for (const language of ["en", "id"]) {
      for (const width of [1200, 1280, 1366, 1440, 1600]) {
        const context = await signedInContext(browser, product, { width, height: 800 });
        await context.addInitScript((code) => localStorage.setItem("syncstore.lang", code), language);
        const page = await context.newPage();
        await page.goto("/products");
        await page.getByTestId("product-row").first().waitFor(WAIT);
        // Not one link behind the nav's edge, nothing of the header past the window's.
        const out = await page.evaluate(() => {
          const nav = document.querySelector(".nav")!.getBoundingClientRect();
          const links = [...document.querySelectorAll(".nav a")].filter((a) => {
            const r = a.getBoundingClientRect();
            return r.right > nav.right + 0.5 || r.bottom > nav.bottom + 0.5 || r.width === 0;
          });
          // The header's own pieces, not text an ellipsis clips inside them.
          const pieces = [
            ...document.querySelectorAll(".header .brand, .header .nav, .header-end > *"),
          ].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5);
          return [...links, ...pieces].map((e) => e.textContent?.trim() || e.className);
        });
        for (const o of out) hidden.push(`${language} ${width}px: ${o}`);
        await context.close();
      }
    }
    expect(hidden).toEqual([]);
  }, 180_000);

  it("reaches every section from a menu on a phone, with the dead-letter count on it", async () => {
    const page = await phone.newPage();
    await page.goto("/products");
    await page.getByTestId("product-row").first().waitFor(WAIT);
    const nav = page.getByRole("navigation", { name: "Main" });
    // Closed, the menu takes no room; the button says what it holds.
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: /Menu/ });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    for (const label of ["Products", "Batches", "Dead letters", "Queues", "Sync log"]) {
      const link = nav.getByRole("link", { name: new RegExp(`^${label}`) });
      await link.waitFor(WAIT);
      const box = (await link.boundingBox())!;
      expect(box.x, label).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, label).toBeLessThanOrEqual(PHONE.width);
    }
    await nav.getByTestId("dead-letter-count").waitFor(WAIT);
    await page.screenshot({ path: path.join(SHOTS, "phone-menu.png") });
    await nav.getByRole("link", { name: /^Dead letters/ }).click();
    await page.waitForURL(/\/dead-letters$/, WAIT);
    // Following a link closes the menu.
    await nav.waitFor({ state: "hidden", ...WAIT });

    // Dead-letter messages wrap as sentences, not a letter per line.
    const message = page.getByTestId("dead-letter-message").first();
    await message.waitFor(WAIT);
    const box = (await message.boundingBox())!;
    expect(box.width, "dead-letter message width at 360 px").toBeGreaterThan(180);

    // A validation failure made no call: "Last call" says so, and why, instead of empty boxes.
    const invalid = page
      .locator('[data-testid="dead-letter-group"][data-error-class="VALIDATION"] [data-testid="dead-letter"]')
      .first();
    await invalid.getByRole("button", { name: "Last call" }).click();
    await invalid
      .getByTestId("no-call")
      .getByText(/Nothing was sent to .*failed validation/)
      .waitFor(WAIT);
    await page.close();
  }, 120_000);

  it("finds a product by the words of its title in any order, on the phone", async () => {
    const first = await graphql<{ products: { edges: { node: { sku: string; title: string } }[] } }>(
      product,
      "{ products(first: 1) { edges { node { sku title } } } }",
    );
    const { sku, title } = first.data!.products.edges[0]!.node;
    const words = title.split(/\s+/).filter((w) => w.length >= 3);
    expect(words.length, `title "${title}"`).toBeGreaterThanOrEqual(2);
    const query = `${words.at(-1)} ${words[0]}`.toLowerCase();
    const page = await phone.newPage();
    await page.goto(`/products?q=${encodeURIComponent(query)}`);
    await page.locator(`[data-testid="product-row"][data-sku="${sku}"]`).waitFor(WAIT);
    await page.close();
  }, 60_000);

  it("paints a skeleton before any script has arrived", async () => {
    const page = await phone.newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/assets/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/products", { waitUntil: "commit" });
    await page.getByTestId("boot-skeleton").waitFor({ state: "visible", ...WAIT });
    expect(await page.getByTestId("product-row").count()).toBe(0);
    release();
    await page.getByTestId("product-row").first().waitFor(WAIT);
    expect(await page.getByTestId("boot-skeleton").count()).toBe(0);
    await page.close();
  }, 60_000);

  it("serves scripts compressed and cached for good, GraphQL answers compressed", async () => {
    const html = await (await fetch(`${product.baseUrl}/products`)).text();
    const script = html.match(/<script[^>]*src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${product.baseUrl}${script}`, { headers: { "accept-encoding": "br, gzip" } });
    expect(asset.headers.get("content-encoding")).toBe("br");
    expect(asset.headers.get("cache-control")).toMatch(
      /max-age=31536000.*immutable|immutable.*max-age=31536000/,
    );
    const index = await fetch(`${product.baseUrl}/products`);
    expect(index.headers.get("cache-control")).toBe("no-cache");

    const answer = await fetch(`${product.baseUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-encoding": "gzip",
        authorization: `Bearer ${product.adminApiKey}`,
      },
      body: JSON.stringify({
        query: "{ products(first: 50) { edges { node { id sku title description } } } }",
      }),
    });
    expect(answer.headers.get("content-encoding")).toBe("gzip");
    const body = (await answer.json()) as { data?: { products: { edges: unknown[] } } };
    expect(body.data?.products.edges).toHaveLength(50);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
