// The dashboard under its own content security policy (img-src 'self' data:, connect-src 'self'):
// a product's images from another host still show, through the API's image proxy; the live socket
// still connects (Chromium matches a same-origin ws: against 'self'); and the page reports no
// violation. A direct image or socket to another origin is refused, which shows the policy is on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startProduct, type RunningProduct } from "./product";
import { graphql, launchChromium, signedInContext, startBatch } from "./session";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

interface Violation {
  directive: string;
  blocked: string;
}
interface CspWindow {
  __violations: Violation[];
}

let cdn: http.Server;
let cdnBase = "";
const cdnRequests: string[] = [];
let product: RunningProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspConsole: string[] = [];

beforeAll(async () => {
  // Stands for an image CDN; it is on loopback, so the product must be told to trust it.
  cdn = http.createServer((req, res) => {
    cdnRequests.push(req.url ?? "");
    res.writeHead(200, { "content-type": "image/png" }).end(PNG);
  });
  await new Promise<void>((resolve) => cdn.listen(0, "127.0.0.1", resolve));
  cdnBase = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  product = await startProduct({ env: { IMAGE_FETCH_ALLOW: `${cdnBase}/img/` } });
  browser = await launchChromium();
  context = await signedInContext(browser, product, { width: 1366, height: 900 });
  await context.addInitScript(() => {
    const w = window as unknown as CspWindow;
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  cdn?.close();
}, 120_000);

const violations = () => page.evaluate(() => (window as unknown as CspWindow).__violations);

describe.sequential("the dashboard under its content security policy", () => {
  it("shows a product's images from another host and from /media/, with no violation", async () => {
    const first = await graphql<{ products: { edges: { node: { id: string } }[] } }>(
      product,
      "{ products(first: 1) { edges { node { id } } } }",
    );
    const id = first.data!.products.edges[0]!.node.id;
    const edit = await graphql<{ updateProduct: { userErrors: unknown[] } }>(
      product,
      `
        mutation ($id: ID!, $images: [String!]!) {
          updateProduct(input: { id: $id, images: $images }) {
            userErrors {
              message
            }
          }
        }
      `,
      { id, images: [`${cdnBase}/img/front.png`, "/media/demo/fashion-1.png"] },
    );
    expect(edit.data?.updateProduct.userErrors).toEqual([]);

    await page.goto(`/products/${id}`);
    const images = page.getByRole("group", { name: "Images" }).locator("img");
    await expect.poll(() => images.count(), { timeout: 30_000 }).toBe(2);
    await page.waitForFunction(
      () => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('[role="group"] img')];
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
      },
      undefined,
      { timeout: 30_000 },
    );
    const sources = await images.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src));
    for (const src of sources) expect(new URL(src).origin).toBe(product.baseUrl);
    expect(cdnRequests).toEqual(["/img/front.png"]);
    expect(await violations()).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  it("keeps the live socket under connect-src 'self'", async () => {
    const batch = await startBatch(product, 3);
    // A three-item batch may finish before the page loads, so its badge need never say "live": the
    // proof is the page's own socket, on this origin, answering with the batch's snapshot.
    const opened = page.waitForEvent("websocket", { timeout: 20_000 });
    await page.goto(`/batches/${batch.id}`);
    const socket = await opened;
    expect(new URL(socket.url()).host).toBe(new URL(product.baseUrl).host);
    await socket.waitForEvent("framereceived", {
      predicate: (frame) => String(frame.payload).includes("batchProgress"),
      timeout: 20_000,
    });
    expect(await violations()).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  it("refuses an image or a socket from any other origin", async () => {
    const before = cdnRequests.length;
    await page.evaluate((base) => {
      const img = document.createElement("img");
      img.src = `${base}/img/direct.png`;
      document.body.append(img);
      try {
        new WebSocket(base.replace("http", "ws"));
      } catch {
        // Chromium reports the refusal as a violation event; some browsers also throw.
      }
    }, cdnBase);
    await expect
      .poll(async () => (await violations()).map((v) => v.directive).sort(), { timeout: 10_000 })
      .toEqual(["connect-src", "img-src"]);
    expect(cdnRequests.length).toBe(before);
  });
});
