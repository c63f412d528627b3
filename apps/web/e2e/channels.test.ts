// The Channels page in a real Chromium against the started product: both shops with their figures
// (the mapping coverage counted here from the database, independently of the API), a refused
// setting shown under its field with nothing written, a saved one read back through GraphQL and
// used by the next sync, and a viewer who can read but not change.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import { expectedPrice } from "./helpers";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH, graphql, launchChromium, signedInContext, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };
const STEP = 180_000;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 900 };

interface ChannelRow {
  id: string;
  platform: "SHOPEE" | "TIKTOK_SHOP";
  name: string;
  shopId: string;
  market: string;
  currency: string;
  priceMultiplier: string;
  maxAttempts: number;
  rateLimitPerSecond: number | null;
  enabled: boolean;
}

let product: RunningProduct;
let browser: Browser;

async function channels(): Promise<ChannelRow[]> {
  const r = await graphql<{ channels: ChannelRow[] }>(
    product,
    "{ channels { id platform name shopId market currency priceMultiplier maxAttempts rateLimitPerSecond enabled } }",
  );
  if (!r.data) throw new Error(`channels: ${JSON.stringify(r.errors)}`);
  return r.data.channels;
}

/** One number from the product's database, by psql: the test's own reading, not the API's. */
function sqlNumber(sql: string): number {
  const r = spawnSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", product.databaseName, "-v", "ON_ERROR_STOP=1", "-Atc", sql],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

const card = (page: Page, platform: string): Locator =>
  page.locator(`[data-testid="channel"][data-platform="${platform}"]`);

async function openChannels(viewport = DESKTOP): Promise<Page> {
  const context = await signedInContext(browser, product, viewport);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.log(`[browser] ${e.message}`));
  await page.goto("/channels");
  await page.getByTestId("channel").nth(1).waitFor(WAIT);
  return page;
}

describe.sequential("Channels page, end to end", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it(
    "lists both shops with platform, shop, market, currency, connection and how much of the catalog is mapped",
    async () => {
      const list = await channels();
      expect(list.map((c) => c.platform).sort()).toEqual(["SHOPEE", "TIKTOK_SHOP"]);
      const total = sqlNumber("SELECT count(*) FROM products");
      const page = await openChannels();
      for (const c of list) {
        // Unmapped: no category at all, or one with no mapping row for this platform and market.
        const unmapped = sqlNumber(
          `SELECT count(*) FROM products WHERE category IS NULL OR category NOT IN
             (SELECT master_category FROM category_mappings WHERE platform = '${c.platform}' AND market = '${c.market}')`,
        );
        // The demo catalog leaves some products unmapped on purpose: the figure must show them.
        expect(unmapped, c.platform).toBeGreaterThan(0);
        const mapped = total - unmapped;
        const shop = card(page, c.platform);
        expect(await shop.getByTestId("channel-name").textContent()).toBe(c.name);
        expect(await shop.locator(".platform").textContent()).toBe(
          c.platform === "SHOPEE" ? "Shopee" : "TikTok Shop",
        );
        expect(await shop.getByTestId("channel-shop-id").textContent()).toBe(c.shopId);
        expect(await shop.getByTestId("channel-market").textContent()).toBe("Indonesia (ID)");
        expect(await shop.getByTestId("channel-currency").textContent()).toBe("Indonesian Rupiah (IDR)");
        expect(await shop.getByTestId("channel-enabled").textContent()).toBe("Enabled");
        const connection = shop.getByTestId("channel-connection");
        expect(await connection.getAttribute("data-status")).toBe("CONNECTED");
        expect(await connection.textContent()).toBe("Connected");
        await shop.getByTestId("channel-expiry").waitFor(WAIT);
        expect(await shop.getByTestId("channel-multiplier").textContent()).toBe(
          `× ${Number(c.priceMultiplier).toString()}`,
        );
        expect(await shop.getByTestId("channel-attempts").textContent()).toBe(String(c.maxAttempts));
        const coverage = shop.getByTestId("channel-coverage");
        expect(await coverage.getAttribute("data-mapped")).toBe(String(mapped));
        expect(await coverage.getAttribute("data-total")).toBe(String(total));
        await coverage
          .getByText(
            `${mapped.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} products have a mapped category`,
          )
          .waitFor(WAIT);
        await coverage
          .getByText(`${unmapped.toLocaleString("en-US")} products still need a category mapping.`)
          .waitFor(WAIT);
        const bar = coverage.getByRole("progressbar", {
          name: `Products with a mapped category on ${c.name}`,
        });
        expect(Number(await bar.getAttribute("aria-valuenow"))).toBeCloseTo((mapped / total) * 100, 5);
      }
      await page.screenshot({ path: path.join(SHOTS, "channels.png"), fullPage: true });
      // The navigation leads here.
      await page.goto("/products");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Channels" }).click();
      await page.waitForURL(/\/channels$/, WAIT);
      await page.getByTestId("channel").nth(1).waitFor(WAIT);
      await page.context().close();
    },
    STEP,
  );

  it(
    "fits a 360 px phone and axe finds nothing serious, at that width and on a desktop",
    async () => {
      const problems: string[] = [];
      for (const [name, viewport] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await openChannels(viewport);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${name}: ${overflow} px wider than the screen`);
        const result = await new AxeBuilder({ page }).analyze();
        for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
          problems.push(
            `${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
          );
        if (name === "phone")
          await page.screenshot({ path: path.join(SHOTS, "phone-channels.png"), fullPage: true });
        await page.context().close();
      }
      expect(problems).toEqual([]);
    },
    STEP,
  );

  it(
    "shows an invalid multiplier and attempts out of range under their fields, and writes nothing",
    async () => {
      const before = (await channels()).find((c) => c.platform === "SHOPEE")!;
      const page = await openChannels();
      const shop = card(page, "SHOPEE");
      const form = shop.getByRole("form", { name: `Settings of ${before.name}` });
      await form.getByLabel("Price multiplier").fill("0");
      await form.getByRole("button", { name: "Save settings" }).click();
      const multiplierError = form.getByTestId("error-priceMultiplier");
      await multiplierError.waitFor(WAIT);
      expect(await multiplierError.textContent()).toBe(
        "Enter a number greater than 0 and at most 10, with at most 4 decimals.",
      );
      expect(await form.getByLabel("Price multiplier").getAttribute("aria-invalid")).toBe("true");

      // Two refusals at once: each under its own field, and the valid-looking rate limit not written either.
      await form.getByLabel("Price multiplier").fill("12");
      await form.getByLabel("Attempts before dead letter").fill("50");
      await form.getByLabel("Rate limit (calls per second)").fill("7");
      await form.getByRole("button", { name: "Save settings" }).click();
      await form
        .getByTestId("error-maxAttempts")
        .getByText("Enter a whole number from 1 to 20.")
        .waitFor(WAIT);
      await multiplierError.waitFor(WAIT);
      expect(await form.getByTestId("channel-notice").count()).toBe(0);

      const after = (await channels()).find((c) => c.id === before.id)!;
      expect(after).toEqual(before);
      expect(await shop.getByTestId("channel-multiplier").getAttribute("data-value")).toBe(
        before.priceMultiplier,
      );
      await page.screenshot({ path: path.join(SHOTS, "channels-refused.png"), fullPage: true });
      await page.context().close();
    },
    STEP,
  );

  it(
    "saves a valid change, which GraphQL reads back and the next sync prices with",
    async () => {
      const tiktok = (await channels()).find((c) => c.platform === "TIKTOK_SHOP")!;
      const page = await openChannels();
      const shop = card(page, "TIKTOK_SHOP");
      const form = shop.getByRole("form", { name: `Settings of ${tiktok.name}` });
      await form.getByLabel("Price multiplier").fill("1.35");
      await form.getByLabel("Attempts before dead letter").fill("4");
      await form.getByRole("button", { name: "Save settings" }).click();
      await form.getByTestId("channel-notice").getByText("Saved.", { exact: false }).waitFor(WAIT);
      await shop.getByTestId("channel-multiplier").getByText("× 1.35").waitFor(WAIT);
      expect(await shop.getByTestId("channel-attempts").textContent()).toBe("4");

      const one = await graphql<{ channel: ChannelRow }>(
        product,
        "query ($id: ID!) { channel(id: $id) { id platform name shopId market currency priceMultiplier maxAttempts rateLimitPerSecond enabled } }",
        { id: tiktok.id },
      );
      expect(one.data!.channel).toEqual({ ...tiktok, priceMultiplier: "1.3500", maxAttempts: 4 });
      // The other shop is untouched.
      const shopee = (await channels()).find((c) => c.platform === "SHOPEE")!;
      expect(Number(shopee.priceMultiplier)).toBe(1.15);

      // A reload shows the stored value, not the form's memory.
      await page.reload();
      await card(page, "TIKTOK_SHOP").getByTestId("channel-multiplier").getByText("× 1.35").waitFor(WAIT);
      expect(await card(page, "TIKTOK_SHOP").getByLabel("Price multiplier").inputValue()).toBe("1.35");
      await page.context().close();

      // The running worker prices the next sync with the new multiplier, no restart.
      const first = await graphql<{ products: { edges: { node: { id: string; price: string } }[] } }>(
        product,
        "{ products(first: 1) { edges { node { id price } } } }",
      );
      const p = first.data!.products.edges[0]!.node;
      const started = await graphql<{ syncProduct: { batch: { id: string } | null; userErrors: unknown[] } }>(
        product,
        "mutation ($input: SyncProductInput!) { syncProduct(input: $input) { batch { id } userErrors { message } } }",
        { input: { productId: p.id, platforms: ["TIKTOK_SHOP"], force: true } },
      );
      expect(started.data?.syncProduct.userErrors).toEqual([]);
      const batch = await waitForBatchEnd(product, started.data!.syncProduct.batch!.id);
      expect(batch).toMatchObject({ succeeded: 1, deadLettered: 0 });
      const listed = await graphql<{
        product: { listings: { price: string | null; status: string; channel: { id: string } }[] };
      }>(product, "query ($id: ID!) { product(id: $id) { listings { price status channel { id } } } }", {
        id: p.id,
      });
      const listing = listed.data!.product.listings.find((l) => l.channel.id === tiktok.id)!;
      // TikTok Shop reviews new listings: sent and waiting for the review is as priced as accepted.
      expect(["IN_REVIEW", "SYNCED"]).toContain(listing.status);
      expect(Number(listing.price)).toBe(Number(expectedPrice(p.price, "1.35")));
    },
    STEP,
  );

  it(
    "edits the shipping profile: a refused logistics channel or warehouse under its row, an added one saved whole",
    async () => {
      type Shipping = {
        logistics: { logisticId: number; sizeId: number | null; maxWeightKg: number | null }[];
        warehouseId: string | null;
      };
      const shippingOf = async (platform: string) => {
        const r = await graphql<{ channels: { platform: string; shipping: Shipping }[] }>(
          product,
          "{ channels { platform shipping { logistics { logisticId sizeId maxWeightKg } warehouseId } } }",
        );
        return r.data!.channels.find((c) => c.platform === platform)!.shipping;
      };
      const shopeeBefore = await shippingOf("SHOPEE");
      expect(shopeeBefore.logistics.map((l) => l.logisticId)).toEqual([8005]);
      const page = await openChannels();
      const shopee = card(page, "SHOPEE");
      await shopee.getByRole("button", { name: "Add logistics channel" }).click();
      const second = shopee.getByRole("group", { name: "Logistics channel 2" });
      const save = shopee.getByRole("button", { name: "Save settings" });

      // Caught before sending: an id that is no number.
      await second.getByLabel("Logistics channel id").fill("abc");
      await save.click();
      await second.getByText("Enter a whole number.").waitFor(WAIT);
      // Refused by the server, under the row it names: the same channel twice.
      await second.getByLabel("Logistics channel id").fill("8005");
      await save.click();
      await second.getByText("This logistics channel is listed twice.").waitFor(WAIT);
      expect(await shippingOf("SHOPEE")).toEqual(shopeeBefore);

      await second.getByLabel("Logistics channel id").fill("8010");
      await second.getByLabel("Size id (optional)").fill("2");
      await save.click();
      await shopee.getByTestId("channel-notice").getByText("Saved.", { exact: false }).waitFor(WAIT);
      await shopee.getByText("2 logistics channels (8005, 8010)").waitFor(WAIT);
      // The whole profile was written, and what the form does not edit (the weight limit) was kept.
      expect((await shippingOf("SHOPEE")).logistics).toEqual([
        { logisticId: 8005, sizeId: null, maxWeightKg: 50 },
        { logisticId: 8010, sizeId: 2, maxWeightKg: null },
      ]);

      const tiktokBefore = await shippingOf("TIKTOK_SHOP");
      const tiktok = card(page, "TIKTOK_SHOP");
      await tiktok.getByLabel("Warehouse id").fill("0123");
      await tiktok.getByRole("button", { name: "Save settings" }).click();
      await tiktok
        .getByTestId("error-shipping.warehouseId")
        .getByText("Enter the id the marketplace gave: digits only, not starting with 0.")
        .waitFor(WAIT);
      expect(await tiktok.getByLabel("Warehouse id").getAttribute("aria-invalid")).toBe("true");
      expect(await shippingOf("TIKTOK_SHOP")).toEqual(tiktokBefore);
      await page.screenshot({ path: path.join(SHOTS, "channels-shipping.png"), fullPage: true });
      await page.context().close();
    },
    STEP,
  );

  it(
    "shows a viewer the settings without letting them change any",
    async () => {
      const email = `viewer-${Date.now()}@example.com`;
      const password = "correct horse battery staple";
      const created = await graphql<{ createUser: { userErrors: unknown[] } }>(
        product,
        "mutation ($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }",
        { input: { email, password, role: "VIEWER", name: "Vera Viewer" } },
      );
      expect(created.data?.createUser.userErrors).toEqual([]);
      const context = await browser.newContext({
        viewport: DESKTOP,
        baseURL: product.baseUrl,
        locale: ENGLISH,
      });
      const page = await context.newPage();
      await page.goto("/channels");
      await page.waitForURL(/\/login/, WAIT);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/channels$/, WAIT);
      const shop = card(page, "SHOPEE");
      await shop.getByText("Only admins change channel settings.").waitFor(WAIT);
      expect(await shop.getByLabel("Price multiplier").isDisabled()).toBe(true);
      expect(await shop.getByLabel("Publish to this shop").isDisabled()).toBe(true);
      expect(await shop.getByRole("button", { name: "Save settings" }).count()).toBe(0);
      // What a viewer reads is the same as what an admin reads.
      await shop.getByTestId("channel-coverage").waitFor(WAIT);
      await context.close();
    },
    STEP,
  );
});
