import { createHmac } from "node:crypto";
import type http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimControl } from "../control";
import { createSimServer, listen } from "../http";
import { png } from "../testing/wire";
import { createTikTokSim } from "./sim";

/**
 * The wire protocol, driven by a client written here from the documentation alone (raw fetch and
 * node:crypto), so the simulator is checked against the spec rather than against our own client.
 */
const creds = {
  appKey: "6a1b2c3d4e5f6",
  appSecret: "protocol-test-app-secret",
  shopCipher: "ROW_protocol_cipher",
  accessToken: "protocol-access-token",
  refreshToken: "protocol-refresh-token",
};

/** Main images must be 300–4000 px a side. */
const PNG = png(400, 400);

let server: http.Server;
let authServer: http.Server;
let base: string;
let authBase: string;
const control = new SimControl();

/** The documented algorithm, as a string: secret + path + sorted key/values + body + secret. */
function docSign(secret: string, path: string, query: Record<string, string>, body: string): string {
  const params = Object.keys(query)
    .filter((k) => k !== "sign" && k !== "access_token")
    .sort()
    .map((k) => k + query[k])
    .join("");
  return createHmac("sha256", secret).update(`${secret}${path}${params}${body}${secret}`).digest("hex");
}

interface Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  timestamp?: number;
  secret?: string;
  token?: string | null;
  shopCipher?: string | null;
  /** Bytes actually sent; defaults to the signed body. */
  sendBytes?: Buffer;
}

async function call(c: Call): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const method = c.method ?? (c.body === undefined ? "GET" : "POST");
  const query: Record<string, string> = {
    app_key: creds.appKey,
    timestamp: String(c.timestamp ?? Math.floor(Date.now() / 1000)),
    ...(c.shopCipher === null ? {} : { shop_cipher: c.shopCipher ?? creds.shopCipher }),
    ...c.query,
  };
  query.sign = docSign(c.secret ?? creds.appSecret, c.path, query, method === "GET" ? "" : (c.body ?? ""));
  const url = `${base}${c.path}?${new URLSearchParams(query)}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = c.token === undefined ? creds.accessToken : c.token;
  if (token !== null) headers["x-tts-access-token"] = token;
  const res = await fetch(url, {
    method,
    headers,
    body: method === "GET" ? undefined : (c.sendBytes ?? Buffer.from(c.body ?? "")),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function uploadImage(
  opts: { shopCipher?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const path = "/product/202309/images/upload";
  const query: Record<string, string> = {
    app_key: creds.appKey,
    timestamp: String(Math.floor(Date.now() / 1000)),
  };
  if (opts.shopCipher) query.shop_cipher = opts.shopCipher;
  query.sign = docSign(creds.appSecret, path, query, ""); // multipart bodies are not signed
  const form = new FormData();
  form.append("data", new Blob([PNG], { type: "image/png" }), "dot.png");
  const res = await fetch(`${base}${path}?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { "x-tts-access-token": creds.accessToken },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function productBody(uri: string, sellerSku: string): string {
  return JSON.stringify({
    title: "Protocol Test Product With A Long Enough Title",
    description: "<p>Made to test the wire.</p>",
    main_images: [{ uri }],
    // Kopi: Jenis Kemasan (Kemasan Pouch) is required.
    category_id: "600602",
    category_version: "v2",
    product_attributes: [{ id: "100560", values: [{ id: "10056001" }] }],
    skus: [
      {
        seller_sku: sellerSku,
        price: { amount: "19900", currency: "IDR" },
        inventory: [{ warehouse_id: "7068517275539719942", quantity: 3 }],
      },
    ],
    package_weight: { value: "0.4", unit: "KILOGRAM" },
  });
}

async function control_(path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, unknown>>;
}

beforeAll(async () => {
  const sim = createTikTokSim(creds, control);
  server = createSimServer(control, sim);
  authServer = createSimServer(control, sim.authHost);
  authBase = `http://127.0.0.1:${await listen(authServer, 0)}`;
  base = `http://127.0.0.1:${await listen(server, 0)}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => authServer.close(r));
});

beforeEach(async () => {
  await control_("/__sim/reset");
  await control_("/__sim/settings", { qpsPerShop: null, errorRate: 0, timeoutRate: 0 });
});

describe("TikTok Shop simulator: signatures", () => {
  it("accepts a request signed by the documented algorithm and rejects it after one body byte changes", async () => {
    const upload = await uploadImage();
    expect(upload.status).toBe(200);
    const uri = (upload.json.data as { uri: string }).uri;
    const body = productBody(uri, "WIRE-1");

    const ok = await call({ path: "/product/202309/products", body });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ code: 0, data: { product_id: expect.any(String) } });
    expect(ok.json.request_id).toEqual(expect.any(String));

    const tampered = Buffer.from(body);
    const at = tampered.indexOf("19.99") + 4;
    tampered[at] = "8".charCodeAt(0); // 19.99 → 19.98, signature left as it was
    const bad = await call({ path: "/product/202309/products", body, sendBytes: tampered });
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ code: 106001, data: null });
  });

  it("rejects a request signed with another app secret", async () => {
    const r = await call({
      path: "/product/202309/products/search",
      query: { page_size: "10" },
      body: "{}",
      secret: "not-the-secret",
    });
    expect(r.json.code).toBe(106001);
  });

  it("rejects a query parameter changed after signing", async () => {
    const path = "/product/202309/products/search";
    const query = {
      app_key: creds.appKey,
      timestamp: String(Math.floor(Date.now() / 1000)),
      shop_cipher: creds.shopCipher,
      page_size: "10",
    };
    const sign = docSign(creds.appSecret, path, query, "{}");
    const res = await fetch(`${base}${path}?${new URLSearchParams({ ...query, page_size: "11", sign })}`, {
      method: "POST",
      headers: { "x-tts-access-token": creds.accessToken, "content-type": "application/json" },
      body: "{}",
    });
    expect(((await res.json()) as { code: number }).code).toBe(106001);
  });

  it("signs GET requests without a body", async () => {
    const r = await call({ path: "/product/202309/products/1", method: "GET" });
    // Past the gateway: the product simply does not exist.
    expect(r.json.code).toBe(12052032);
  });

  it.each([
    ["5 minutes and 1 second old", -301, 36009004],
    ["31 seconds ahead", 31, 36009004],
    ["4 minutes 50 seconds old", -290, 0],
    ["25 seconds ahead", 25, 0],
  ])("timestamp %s → code %i", async (_name, skew, code) => {
    const r = await call({
      path: "/product/202309/products/search",
      query: { page_size: "10" },
      body: "{}",
      timestamp: Math.floor(Date.now() / 1000) + skew,
    });
    expect(r.json.code).toBe(code);
    if (code !== 0) expect(String(r.json.message)).toContain("`timestamp`");
  });

  it("refuses a missing sign, an unknown app key, a wrong shop and a shop_cipher on image upload", async () => {
    const path = "/product/202309/products/search";
    const noSign = await fetch(
      `${base}${path}?app_key=${creds.appKey}&timestamp=${Math.floor(Date.now() / 1000)}&page_size=10`,
      {
        method: "POST",
        body: "{}",
      },
    );
    expect(((await noSign.json()) as { code: number }).code).toBe(36009004);
    const badKey = await fetch(`${base}${path}?app_key=other&timestamp=1&sign=x`, {
      method: "POST",
      body: "{}",
    });
    expect(((await badKey.json()) as { code: number; message: string }).message).toContain("`app_key`");
    const shop = await call({ path, query: { page_size: "10" }, body: "{}", shopCipher: "ROW_other" });
    expect(shop.json).toMatchObject({ code: 36009004 });
    const upload = await uploadImage({ shopCipher: creds.shopCipher });
    expect(upload.json).toMatchObject({ code: 36009004 });
    expect(String(upload.json.message)).toContain("`shop_cipher`");
  });

  it("answers an unknown path with TikTok's 404 envelope", async () => {
    const r = await call({ path: "/product/202309/nothing", body: "{}" });
    expect(r.status).toBe(404);
    expect(r.json.code).toBe(36009009);
  });
});

describe("TikTok Shop simulator: tokens", () => {
  it("refuses a missing or unknown token (105001) and an expired one (105002)", async () => {
    const search = { path: "/product/202309/products/search", query: { page_size: "10" }, body: "{}" };
    expect((await call({ ...search, token: null })).json.code).toBe(105001);
    expect((await call({ ...search, token: "made-up" })).json.code).toBe(105001);
    expect((await call(search)).json.code).toBe(0);
    expect(await control_("/__sim/tiktok/expire-tokens")).toEqual({ expired: 1 });
    const expired = await call(search);
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe(105002);
  });

  it("refreshes with absolute expiries and refuses the spent refresh token", async () => {
    await control_("/__sim/settings", { accessTokenTtlSec: 600, refreshTokenTtlSec: 86_400 });
    // Refresh lives on the auth host; the API host has no such endpoint.
    const onApiHost = await fetch(`${base}/api/v2/token/refresh?app_key=${creds.appKey}`);
    expect(onApiHost.status).toBe(404);
    const refresh = (token: string, secret = creds.appSecret) =>
      fetch(
        `${authBase}/api/v2/token/refresh?${new URLSearchParams({ app_key: creds.appKey, app_secret: secret, refresh_token: token, grant_type: "refresh_token" })}`,
      ).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { code: number; data: Record<string, unknown> },
      }));
    const before = Math.floor(Date.now() / 1000);
    const first = await refresh(creds.refreshToken);
    expect(first.json.code).toBe(0);
    const data = first.json.data as {
      access_token: string;
      access_token_expire_in: number;
      refresh_token: string;
      refresh_token_expire_in: number;
    };
    expect(data.access_token_expire_in).toBeGreaterThanOrEqual(before + 600);
    expect(data.access_token_expire_in).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
    expect(data.refresh_token_expire_in).toBeGreaterThanOrEqual(before + 86_400);

    const again = await refresh(creds.refreshToken);
    expect(again.status).toBe(401);
    expect(again.json.code).toBe(36004004);
    expect((await refresh(data.refresh_token, "wrong-secret")).json.code).toBe(36004004);
    expect((await refresh(data.refresh_token)).json.code).toBe(0);
    const search = await call({
      path: "/product/202309/products/search",
      query: { page_size: "10" },
      body: "{}",
      token: data.access_token,
    });
    expect(search.json.code).toBe(0);
  });
});

describe("TikTok Shop simulator: faults, search and stats", () => {
  it("answers past the shop's QPS with 429, code 36009002 and Retry-After in seconds", async () => {
    await control_("/__sim/settings", { qpsPerShop: 1 });
    const search = { path: "/product/202309/products/search", query: { page_size: "10" }, body: "{}" };
    const results = await Promise.all([call(search), call(search), call(search)]);
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const r of limited) {
      expect(r.json.code).toBe(36009002);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("answers injected errors with HTTP 500 and code 36009003", async () => {
    await control_("/__sim/settings", { errorRate: 1 });
    const r = await call({ path: "/product/202309/products/search", query: { page_size: "10" }, body: "{}" });
    expect(r.status).toBe(500);
    expect(r.json.code).toBe(36009003);
  });

  it("finds products by exact seller SKU, takes at most 10 SKUs, and reports stats", async () => {
    const uri = ((await uploadImage()).json.data as { uri: string }).uri;
    for (const sku of ["EXACT-1", "EXACT-10"]) {
      expect((await call({ path: "/product/202309/products", body: productBody(uri, sku) })).json.code).toBe(
        0,
      );
    }
    const found = await call({
      path: "/product/202309/products/search",
      query: { page_size: "10" },
      body: JSON.stringify({ seller_skus: ["EXACT-1", "exact-10"] }),
    });
    const data = found.json.data as { products: { skus: { seller_sku: string }[] }[]; total_count: number };
    expect(data.total_count).toBe(1);
    expect(data.products[0]?.skus[0]?.seller_sku).toBe("EXACT-1");
    const tooMany = await call({
      path: "/product/202309/products/search",
      query: { page_size: "10" },
      body: JSON.stringify({ seller_skus: Array.from({ length: 11 }, (_, i) => `S${i}`) }),
    });
    expect(tooMany.json.code).toBe(36009004);
    const stats = (await (await fetch(`${base}/__sim/stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ listings: 2, skus: 2, images: 1 });
    expect((stats.rejected as Record<string, number>)["36009004"]).toBe(1);
    await control_("/__sim/reset");
    const cleared = (await (await fetch(`${base}/__sim/stats`)).json()) as Record<string, unknown>;
    expect(cleared).toMatchObject({ listings: 0, skus: 0, images: 0 });
  });
});
