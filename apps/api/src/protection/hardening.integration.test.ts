import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiServer } from "../server";
import { createApiHarness, type ApiHarness } from "../testing/harness";
import { ensureWebBuilt } from "../testing/web-build";

/**
 * The low-severity findings of the hardening probe, each replayed against the real API: schema names
 * through "Did you mean", the playground's files with the playground off, X-Forwarded-For from any
 * peer, free guesses with bad credentials, origins trusted by Host, and credentials in image URLs.
 */
let h: ApiHarness;
const extra: ApiServer[] = [];
let manifest: Record<string, { file: string }>;

beforeAll(async () => {
  manifest = ensureWebBuilt();
  h = await createApiHarness({
    products: 1,
    env: { INTROSPECTION_ENABLED: "false", PLAYGROUND_ENABLED: "false", PUBLIC_URL: "https://shop.example" },
  });
  // A fresh clone builds the web app first (about a minute).
}, 240_000);
afterAll(async () => {
  for (const s of extra) await s.close();
  await h?.close();
});

/** Another API on the same database with a tight rate limit and its own Redis namespace. */
let instances = 0;
async function tightApi(env: Partial<typeof h.config> = {}): Promise<ApiServer> {
  const config = {
    ...h.config,
    API_RATE_LIMIT_BURST: 3,
    API_RATE_LIMIT_PER_MINUTE: 1,
    REDIS_PREFIX: `${h.namespace}x${instances++}`,
    ...env,
  };
  const api = await startApi({ config, dataSource: h.ds, redis: h.redis }, 0, "127.0.0.1");
  extra.push(api);
  return api;
}

async function post(
  base: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe("schema names stay hidden with introspection off", () => {
  it("answers a misspelt field or enum value without a 'Did you mean'", async () => {
    const field = await h.gql("{ apiKey(first: 1) { totalCount } }");
    expect(field.errors?.[0]?.message).toMatch(/^Cannot query field "apiKey" on type "Query"\.?$/);
    const value = await h.gql(
      'mutation { updateUser(input: { id: "1", role: ADMN }) { userErrors { code } } }',
    );
    expect(value.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const introspection = await h.gql("{ __schema { types { name } } }");
    expect(JSON.stringify(introspection)).not.toContain("ApiKey");
  });
});

describe("the playground's files with the playground off", () => {
  it("serves neither its page nor the scripts only it uses; the dashboard's still load", async () => {
    const playgroundScript = manifest["playground.html"]!.file;
    const dashboardScript = manifest["index.html"]!.file;
    for (const p of ["/playground", "/playground.html", "/x/%2e%2e/playground.html", `/${playgroundScript}`])
      expect([p, (await fetch(`${h.api.url}${p}`)).status]).toEqual([p, 404]);
    expect((await fetch(`${h.api.url}/${dashboardScript}`)).status).toBe(200);
    const index = await fetch(`${h.api.url}/products`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain(dashboardScript);
  });
});

describe("client addresses", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY names the peer", async () => {
    const untrusting = await tightApi();
    const statuses = [];
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"])
      statuses.push((await post(untrusting.url, "{ viewer { id } }", { "x-forwarded-for": ip })).status);
    // One bucket for the real peer, however many addresses it claims to forward for.
    expect(statuses).toEqual([200, 200, 200, 429]);

    const trusting = await tightApi({ TRUST_PROXY: "loopback" });
    const behindProxy = [];
    for (const ip of ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"])
      behindProxy.push((await post(trusting.url, "{ viewer { id } }", { "x-forwarded-for": ip })).status);
    expect(behindProxy).toEqual([200, 200, 200, 200]);
  });

  it("counts requests with a bad credential against the caller's address", async () => {
    const api = await tightApi();
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await post(api.url, "{ viewer { id } }", {
            authorization: `Bearer ssk_guess${i}_${"a".repeat(40)}`,
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe("origins", () => {
  /** A raw request, because fetch will not send a Host header of our choosing. */
  function withHost(origin: string, host: string): Promise<number> {
    const { port } = new URL(h.api.url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/graphql",
          method: "POST",
          headers: { host, origin, "content-type": "application/json" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ query: "{ viewer { id } }" }));
    });
  }

  it("allows PUBLIC_URL's origin and refuses one that only matches the Host header", async () => {
    expect(await withHost("https://shop.example", "shop.example")).toBe(200);
    // A DNS-rebinding page: the browser sends its own name as both Origin and Host.
    expect(await withHost("http://rebound.example:1234", "rebound.example:1234")).toBe(403);
  });
});

describe("credentials in image URLs", () => {
  it("are refused in new image URLs and never shown to readers", async () => {
    const [{ id }] = (await h.ds.query(
      `WITH changed AS (
         UPDATE products SET images = '["https://cdn-user:s3cret@img.example/a.png"]'::jsonb
         WHERE id = (SELECT min(id) FROM products) RETURNING id::text)
       SELECT id FROM changed`,
    )) as [{ id: string }];
    const key = await h.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "reader", scopes: [READ] }) { secret } }',
    );
    const read = await h.gql<{ product: { images: string[] } }>(
      `{ product(id: "${id}") { images } }`,
      undefined,
      { authorization: `Bearer ${key.data!.createApiKey.secret}` },
    );
    expect(read.data!.product.images).toEqual(["https://img.example/a.png"]);

    const edit = await h.gql<{ updateProduct: { userErrors: { field: string[]; code: string }[] } }>(
      `mutation { updateProduct(input: { id: "${id}", images: ["https://u:p@img.example/b.png"] }) { userErrors { field code } } }`,
    );
    expect(edit.data!.updateProduct.userErrors).toEqual([{ field: ["input", "images[0]"], code: "INVALID" }]);
  });
});
