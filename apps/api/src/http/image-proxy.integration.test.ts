import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDemoImage } from "@syncstore/db";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/**
 * The dashboard's product images come from the API's own origin (so the CSP can say img-src 'self'):
 * absolute image URLs become signed /media/proxy links fetched with the worker's SSRF guard. Replayed
 * here against a real API: an image host on IMAGE_FETCH_ALLOW stands for a public CDN, and a second
 * loopback listener stands for the machine's internals — it must never be reached.
 */
const png = renderDemoImage("fashion-1.png")!;
const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';

let h: ApiHarness;
let cdn: http.Server;
let internal: http.Server;
let cdnBase = "";
let internalBase = "";
let internalHits = 0;
let productId = "";

function listen(handler: http.RequestListener): Promise<[http.Server, string]> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve([server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`]),
    ),
  );
}

beforeAll(async () => {
  [cdn, cdnBase] = await listen((req, res) => {
    if (req.url === "/img/pic.png") res.writeHead(200, { "content-type": "image/png" }).end(png);
    // The remote says image/png; the bytes say otherwise.
    else if (req.url === "/img/evil.png") res.writeHead(200, { "content-type": "image/png" }).end(svg);
    else if (req.url === "/img/page.svg") res.writeHead(200, { "content-type": "image/svg+xml" }).end(svg);
    else if (req.url === "/img/huge.png") {
      // 12 MB without a Content-Length: only a streaming limit stops it.
      res.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && res.write(chunk)) sent++;
        if (sent >= 12) res.end();
        else res.once("drain", pump);
      };
      res.write(png.subarray(0, 8));
      pump();
    } else if (req.url === "/img/to-internal.png") {
      res.writeHead(302, { location: `${internalBase}/secret.png` }).end();
    } else res.writeHead(404, { "content-type": "text/plain" }).end("internal detail: /srv/cdn/missing");
  });
  [internal, internalBase] = await listen((_req, res) => {
    internalHits++;
    res.writeHead(200, { "content-type": "image/png" }).end(png);
  });
  h = await createApiHarness({ products: 1, env: { IMAGE_FETCH_ALLOW: `${cdnBase}/img/` } });
  const [row] = (await h.ds.query("SELECT min(id)::text AS id FROM products")) as [{ id: string }];
  productId = row.id;
});
afterAll(async () => {
  await h?.close();
  cdn?.close();
  internal?.close();
});

async function displayUrls(images: string[]): Promise<string[]> {
  const edit = await h.gql<{ updateProduct: { userErrors: unknown[] } }>(
    `mutation ($id: ID!, $images: [String!]!) { updateProduct(input: { id: $id, images: $images }) { userErrors { code } } }`,
    { id: productId, images },
  );
  expect(edit.data?.updateProduct.userErrors).toEqual([]);
  const read = await h.gql<{ product: { imageDisplayUrls: string[] } }>(
    `query ($id: ID!) { product(id: $id) { imageDisplayUrls } }`,
    { id: productId },
  );
  return read.data!.product.imageDisplayUrls;
}

describe("product images through the API's own origin", () => {
  it("serves an allowed image from a signed same-origin link, with caching and a locked-down answer", async () => {
    const [proxied, own] = await displayUrls([`${cdnBase}/img/pic.png`, "/media/demo/fashion-2.png"]);
    expect(own).toBe("/media/demo/fashion-2.png");
    expect(proxied).toMatch(/^\/media\/proxy\/[A-Za-z0-9_-]{32}\?url=/);
    // No credential: an <img> cannot send the bearer token; the signature is the permission.
    const res = await fetch(`${h.api.url}${proxied}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("private, max-age=86400");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it("is not an open proxy: unsigned, re-signed or tampered links answer 404 without fetching", async () => {
    const [proxied] = await displayUrls([`${cdnBase}/img/pic.png`]);
    const signature = proxied!.split("/")[3]!.split("?")[0]!;
    const attempts = [
      `/media/proxy/${signature}?url=${encodeURIComponent(`${internalBase}/secret.png`)}`,
      `/media/proxy/${"A".repeat(32)}?url=${encodeURIComponent(`${cdnBase}/img/pic.png`)}`,
      `/media/proxy/x?url=${encodeURIComponent(`${cdnBase}/img/pic.png`)}`,
      `/media/proxy/${signature}`,
    ];
    for (const path of attempts) {
      const res = await fetch(`${h.api.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect(internalHits).toBe(0);
  });

  it("refuses private addresses, redirects into them, SVG, disguised markup and oversized bodies", async () => {
    const urls = await displayUrls([
      `${internalBase}/secret.png`,
      `${cdnBase}/img/to-internal.png`,
      `${cdnBase}/img/page.svg`,
      `${cdnBase}/img/evil.png`,
      `${cdnBase}/img/huge.png`,
      `${cdnBase}/img/missing.png`,
    ]);
    const answers = [];
    for (const u of urls) {
      const res = await fetch(`${h.api.url}${u}`);
      answers.push([res.status, res.headers.get("content-type"), await res.text()]);
    }
    const text = "text/plain; charset=utf-8";
    expect(answers).toEqual([
      [403, text, "image not reachable (not a public address)"],
      [403, text, "image not reachable (not a public address)"],
      [502, text, "image not reachable (not a PNG, JPEG, GIF, WebP or AVIF image)"],
      [502, text, "image not reachable (not a PNG, JPEG, GIF, WebP or AVIF image)"],
      [502, text, "image not reachable (larger than 10 MB)"],
      // The remote's own words ("internal detail: …") are not passed on.
      [502, text, "image not reachable (HTTP 404)"],
    ]);
    expect(internalHits).toBe(0);
  });

  it("never puts an image URL's user:password@ into the link", async () => {
    await h.ds.query(`UPDATE products SET images = $1::jsonb WHERE id = $2`, [
      JSON.stringify([`http://u:p@${cdnBase.slice("http://".length)}/img/pic.png`]),
      productId,
    ]);
    const read = await h.gql<{ product: { imageDisplayUrls: string[] } }>(
      `query ($id: ID!) { product(id: $id) { imageDisplayUrls } }`,
      { id: productId },
    );
    const [link] = read.data!.product.imageDisplayUrls;
    expect(decodeURIComponent(link!)).not.toContain("u:p@");
    expect((await fetch(`${h.api.url}${link}`)).status).toBe(200);
  });
});

describe("the dashboard's content security policy", () => {
  it("allows images and connections from the API's own origin only", async () => {
    const csp = (await fetch(`${h.api.url}/`)).headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("img-src")).toEqual(["'self'", "data:"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
  });
});
