// The batch page tells the truth about its live connection: a lost socket, the network going away,
// a socket the server closed with an error, and a batch that ended while the page could not hear.
// The WebSocket goes through page.routeWebSocket, so the test can cut it, refuse it, or close it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { recordBreakdown, recordProgress, type BreakdownWindow, type ProgressWindow } from "./helpers";
import {
  launchChromium,
  readBatch,
  signedInContext,
  simLatency,
  startBatch,
  waitForBatchEnd,
} from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 60_000 };
/** The promise: the badge shows the socket's real state within a second. */
const WITHIN_A_SECOND = { timeout: 1_000 };

let product: RunningProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** The sockets the page has open, and whether new ones are refused (the server out of reach). */
const sockets = new Set<WebSocketRoute>();
let refuse = false;

async function routeSockets(target: Page): Promise<void> {
  await target.routeWebSocket(/\/graphql$/, (ws) => {
    if (refuse) {
      void ws.close({ code: 1001, reason: "unreachable" });
      return;
    }
    const server = ws.connectToServer();
    sockets.add(ws);
    ws.onClose(() => {
      sockets.delete(ws);
      void server.close();
    });
  });
}

/** Drops every open socket as a lost connection would (graphql-ws retries such a close). */
async function dropSockets(code = 1001): Promise<void> {
  const open = [...sockets];
  sockets.clear();
  await Promise.all(
    open.map((ws) => ws.close({ code, reason: code === 4500 ? "Internal Server Error" : "gone" })),
  );
}

const badge = (mode: string) => page.locator(`[data-testid="live-badge"][data-mode="${mode}"]`);
/** Every drawing of the batch page so far, each checked: the channels add up to the whole. */
async function expectBreakdownsAddUp(target: Page = page): Promise<number> {
  const seen = await target.evaluate(() => (window as unknown as BreakdownWindow).__breakdown);
  for (const s of seen) {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(s.channels), `finished per channel vs overall: ${JSON.stringify(s)}`).toBe(s.overall);
    expect(sum(s.channelTotals), `totals per channel vs overall: ${JSON.stringify(s)}`).toBe(s.total);
  }
  return seen.length;
}

const percentShown = async () =>
  Number(await page.getByTestId("batch-progress").getAttribute("aria-valuenow"));

describe.sequential("the batch page's live connection", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
    context = await signedInContext(browser, product, { width: 1366, height: 900 });
    await context.addInitScript(recordProgress);
    await context.addInitScript(recordBreakdown);
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") console.log(`[browser] ${m.text()}`);
    });
    await routeSockets(page);
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail" && page && !page.isClosed()) {
      const name = `failed-live-${ctx.task.name.slice(0, 30).replace(/[^a-z0-9]+/gi, "-")}`;
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await simLatency(product, 0).catch(() => undefined);
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it("shows a lost socket at once, keeps moving by polling, marks old numbers stale, and resumes", async () => {
    await simLatency(product, 1200, 200);
    const batch = await startBatch(product, 250);
    await page.goto(`/batches/${batch.id}`);
    await badge("live").waitFor(WAIT);

    // Lost: the badge says so within a second, and new connections are refused for a while.
    refuse = true;
    await dropSockets();
    await badge("reconnecting").waitFor(WITHIN_A_SECOND);
    expect(await page.locator(".live-indicator:text-is('Live')").count()).toBe(0);

    // While the socket is down the page reads batch(id) and keeps moving.
    const before = await percentShown();
    await page.waitForFunction(
      (p) =>
        Number(document.querySelector('[data-testid="batch-progress"]')?.getAttribute("aria-valuenow")) > p,
      before,
      WAIT,
    );
    // A poll that fails too (the API gone as well) leaves numbers that age: marked stale.
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.getByTestId("stale-note").waitFor(WAIT);
    await page.screenshot({ path: path.join(SHOTS, "batch-reconnecting.png"), fullPage: true });
    await page.unroute("**/graphql");

    // Back: live again from the snapshot, the stale mark gone, and the numbers never went back.
    refuse = false;
    await badge("live").waitFor(WAIT);
    await page.getByTestId("stale-note").waitFor({ state: "detached", ...WAIT });
    const shown = await percentShown();
    const actual = await readBatch(product, batch.id);
    expect(shown).toBeLessThanOrEqual(actual.percent);
    const seen = await page.evaluate(() => (window as unknown as ProgressWindow).__progress);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!, `progress seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(seen[i - 1]!);
    await page.screenshot({ path: path.join(SHOTS, "batch-reconnected.png"), fullPage: true });
    // Live, polled and after the reconnect alike, each channel's count is the server's.
    expect(await expectBreakdownsAddUp()).toBeGreaterThan(3);
  }, 180_000);

  it("shows the network going away within a second and comes back live", async () => {
    await context.setOffline(true);
    await badge("reconnecting").waitFor(WITHIN_A_SECOND);
    await page.getByTestId("stale-note").waitFor(WAIT);
    await context.setOffline(false);
    await badge("live").waitFor(WAIT);
  }, 120_000);

  it("says the server stopped the updates, and Try again really reconnects", async () => {
    await dropSockets(4500);
    await badge("stopped").waitFor(WITHIN_A_SECOND);
    const alert = page.getByRole("alert").filter({ hasText: "Live updates stopped" });
    await alert.waitFor(WAIT);
    // Never "Live" beside "stopped".
    expect(await page.locator(".live-indicator:text-is('Live')").count()).toBe(0);
    await alert.getByRole("button", { name: "Try again" }).click();
    await badge("live").waitFor(WAIT);
    expect(await alert.count()).toBe(0);
  }, 120_000);

  it("shows a batch that ended while the page could not hear as finished", async () => {
    const id = page.url().split("/").pop()!;
    refuse = true;
    await dropSockets();
    await badge("reconnecting").waitFor(WITHIN_A_SECOND);
    await simLatency(product, 0);
    const ended = await waitForBatchEnd(product, id);
    await badge("finished").waitFor(WAIT);
    expect(await percentShown()).toBe(ended.percent);
    expect(await page.getByRole("button", { name: "Cancel batch" }).count()).toBe(0);
    const tiles = await page
      .getByTestId("batch-counts")
      .evaluate((el) =>
        Object.fromEntries(
          [...el.querySelectorAll("[data-stat]")].map((s) => [
            s.getAttribute("data-stat"),
            Number(s.querySelector("dd")?.textContent?.replace(/,/g, "")),
          ]),
        ),
      );
    expect(tiles).toMatchObject({
      succeeded: ended.succeeded,
      skipped: ended.skipped,
      deadLettered: ended.deadLettered,
      running: 0,
      queued: 0,
    });
    refuse = false;
    await expectBreakdownsAddUp();
    // Each channel shows done and the channels' dead letters are the batch's, also right after the
    // finished batch is opened afresh (the first drawing already has the server's numbers).
    const fresh = await context.newPage();
    try {
      await fresh.goto(`/batches/${id}`);
      await fresh.locator(".platform-progress-row").first().waitFor(WAIT);
      const rows = fresh.locator(".platform-progress-row");
      let dead = 0;
      for (let i = 0; i < (await rows.count()); i++) {
        const row = rows.nth(i);
        expect(await row.getAttribute("data-done")).toBe(await row.getAttribute("data-total"));
        dead += Number(await row.getAttribute("data-dead"));
      }
      expect(dead).toBe(ended.deadLettered);
      const first = await fresh.evaluate(() => (window as unknown as BreakdownWindow).__breakdown[0]);
      expect(first?.overall).toBe(ended.total);
      await expectBreakdownsAddUp(fresh);
    } finally {
      await fresh.close();
    }
  }, 180_000);

  it("asks before cancelling, with the number of items it will stop, and ends only when every item has", async () => {
    await simLatency(product, 1200, 200);
    const batch = await startBatch(product, 200);
    await page.goto(`/batches/${batch.id}`);
    await badge("live").waitFor(WAIT);
    await page.getByRole("button", { name: "Cancel batch" }).click();
    const question = page.getByTestId("cancel-confirm");
    await question.waitFor(WAIT);
    const asked = Number((await question.textContent())?.match(/Stop ([\d,]+) item/)?.[1]?.replace(/,/g, ""));
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(batch.total);
    // Changing one's mind changes nothing.
    await page.getByRole("button", { name: "Keep running" }).click();
    expect((await readBatch(product, batch.id)).status).not.toBe("CANCELLED");

    await page.getByRole("button", { name: "Cancel batch" }).click();
    await page.getByRole("button", { name: /^Stop [\d,]+ items?$/ }).click();
    await page.locator('[data-status="CANCELLED"]').first().waitFor(WAIT);
    await simLatency(product, 0);
    const ended = await waitForBatchEnd(product, batch.id);
    expect(ended.cancelled).toBeGreaterThan(0);
    await badge("finished").waitFor(WAIT);
    expect(await page.getByTestId("batch-counts").locator('[data-stat="running"] dd').textContent()).toBe(
      "0",
    );
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
