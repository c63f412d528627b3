// Connecting a shop in a real Chromium against the started product: Connect → the Shopee
// simulator's consent page → Approve → back on the Channels page with the new shop as a channel of
// its own; the same return link opened again is refused with a sentence, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startProduct, type RunningProduct } from "./product";
import { graphql, launchChromium, signedInContext } from "./session";

const WAIT = { timeout: 60_000 };
const DESKTOP = { width: 1366, height: 900 };

let product: RunningProduct;
let browser: Browser;

const channelCount = async () => {
  const r = await graphql<{ channels: { id: string }[] }>(product, "{ channels { id } }");
  if (!r.data) throw new Error(`channels: ${JSON.stringify(r.errors)}`);
  return r.data.channels.length;
};

describe.sequential("Connecting a shop, end to end", () => {
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it("Connect → Approve on the consent page → the new shop is on the Channels page; a replayed return is refused", async () => {
    const context = await signedInContext(browser, product, DESKTOP);
    const page = await context.newPage();
    await page.goto("/channels");
    await page.getByTestId("channel").nth(1).waitFor(WAIT);
    const before = await channelCount();

    await page.getByRole("button", { name: "Connect a Shopee shop" }).click();
    await page.waitForURL((u) => u.href.startsWith(`${product.shopeeSim}/api/v2/shop/auth_partner`), WAIT);
    await page.getByLabel(/Open a new shop named/).check();
    await page.locator('input[name="shop_name"]').fill("Toko Kedua");
    const returned = page.waitForRequest(/\/connect\/shopee\/callback\?/, WAIT);
    await page.getByRole("button", { name: "Approve" }).click();
    const callbackUrl = (await returned).url();
    await page.waitForURL(/\/channels\?connected=\d+/, WAIT);

    const result = page.getByTestId("connect-result");
    await result.waitFor(WAIT);
    expect(await result.getAttribute("data-outcome")).toBe("connected");
    const id = new URL(page.url()).searchParams.get("connected")!;
    const card = page.locator(`[data-testid="channel"][data-channel-id="${id}"]`);
    await card.waitFor(WAIT);
    expect(await card.getAttribute("data-platform")).toBe("SHOPEE");
    expect(await card.getByTestId("channel-connection").getAttribute("data-status")).toBe("CONNECTED");
    expect(await page.getByTestId("channel").count()).toBe(before + 1);
    expect(await channelCount()).toBe(before + 1);

    // The marketplace's return link is single-use: opened again it changes nothing and says why.
    await page.goto(callbackUrl);
    await page.waitForURL(/\/channels\?connectError=/, WAIT);
    const refused = page.getByTestId("connect-result");
    await refused.waitFor(WAIT);
    expect(await refused.getAttribute("data-outcome")).toBe("STATE_USED_OR_EXPIRED");
    expect(await refused.textContent()).toContain("already used or has expired");
    expect(await channelCount()).toBe(before + 1);
    await context.close();
  }, 180_000);
});
