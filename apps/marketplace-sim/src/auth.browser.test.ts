import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "@syncstore/config";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";

/**
 * The TikTok consent page in a real Chromium, with no script: the seller clicks Approve and the
 * browser lands on the app's registered redirect URL (a tiny server here) with code and state.
 */
let sims: RunningSimulators;
let browser: Browser;
let callback: http.Server;
const landed: URL[] = [];

beforeAll(async () => {
  callback = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // The browser also asks for a favicon.
    if (url.pathname === "/connect/tiktok/callback") landed.push(url);
    res.writeHead(200, { "content-type": "text/html" }).end("<p>connected</p>");
  });
  await new Promise<void>((r) => callback.listen(0, "127.0.0.1", r));
  const port = (callback.address() as AddressInfo).port;
  const config = loadConfig({ TIKTOK_REDIRECT_URL: `http://127.0.0.1:${port}/connect/tiktok/callback` });
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await browser?.close();
  await sims?.close();
  callback?.close();
});

it("approving in the browser sends the seller back with code and state", async () => {
  const config = loadConfig({});
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(
    `${sims.tiktokAuth.url}/oauth/authorize?app_key=${config.TIKTOK_APP_KEY}&state=browser-state`,
  );
  await page.getByLabel("SyncStore Demo Shop").check();
  await page.getByRole("button", { name: "Approve" }).click();
  await page.waitForURL(/\/connect\/tiktok\/callback/);
  expect(await page.textContent("p")).toBe("connected");
  expect(landed).toHaveLength(1);
  expect(landed[0]!.searchParams.get("state")).toBe("browser-state");
  expect(landed[0]!.searchParams.get("code")).toMatch(/^[0-9a-f]{32}$/);
  await context.close();
});
