import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "../logger";
import { startApi, type ApiServer } from "../server";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
let productId: string;
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");

beforeAll(async () => {
  h = await createApiHarness({ products: 1 });
  const [row] = (await h.ds.query("SELECT id::text FROM products LIMIT 1")) as { id: string }[];
  productId = row!.id;
});
afterAll(async () => {
  await h?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.adminKey}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    res,
    text,
    json: JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

const SQL_TEXT =
  /bigint|UTF8|invalid byte|relation "|syntax error at|QueryFailed|out of range for|sync_batches/i;

describe("bad input is refused at the edge, naming the argument", () => {
  it.each([
    [
      "an oversized batches cursor",
      `{ batches(after: "${b64(`batch:99999999999999999999999|${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}`)}") { totalCount } }`,
      "after",
    ],
    [
      "an oversized apiKeys cursor",
      `{ apiKeys(after: "${b64(`key:99999999999999999999|${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}`)}") { totalCount } }`,
      "after",
    ],
    ["a 300-character cursor", `{ products(after: "${"A".repeat(300)}") { totalCount } }`, "after"],
    ["a 900 KB search", `{ products(search: "${"x".repeat(900_000)}") { totalCount } }`, "search"],
    [
      "a NUL byte in a title",
      `mutation { updateProduct(input: { id: "${"1"}", title: "Kaos\\u0000Polos" }) { userErrors { field } } }`,
      "input.title",
    ],
  ])("%s", async (_label, query, argument) => {
    const { json, text } = await post({ query });
    expect(json.errors?.[0]?.extensions, text.slice(0, 300)).toMatchObject({
      code: "BAD_USER_INPUT",
      argument,
    });
    expect(text).not.toMatch(SQL_TEXT);
  });

  it("a NUL byte in a variable is refused the same way", async () => {
    const { json } = await post({
      query:
        "mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { userErrors { field } } }",
      variables: { input: { id: productId, description: "a\u0000b" } },
    });
    expect(json.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "input.description",
    });
  });

  it("control and bidi characters in a title, and credentials in image URLs, are userErrors", async () => {
    const res = await h.gql<{ updateProduct: { userErrors: { field: string[]; code: string }[] } }>(
      "mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { userErrors { field code } } }",
      {
        input: {
          id: productId,
          title: "Mug \u202egpj.exe",
          images: ["https://user:pass@cdn.example.com/a.jpg"],
        },
      },
    );
    expect(res.data?.updateProduct.userErrors).toEqual(
      expect.arrayContaining([
        { field: ["input", "title"], code: "INVALID" },
        { field: ["input", "images[0]"], code: "INVALID" },
      ]),
    );
  });
});

describe("an unexpected error", () => {
  it("answers a generic message with the request id, and logs the stack under that id", async () => {
    const spy = vi.spyOn(logger, "error");
    await h.ds.query("ALTER TABLE sync_batches RENAME TO sync_batches_away");
    try {
      const { res, json, text } = await post({ query: "{ batches(first: 1) { totalCount } }" });
      const requestId = res.headers.get("x-request-id");
      expect(requestId).toBeTruthy();
      expect(json.errors?.[0]).toMatchObject({
        message: `Internal server error (request id ${requestId})`,
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
      });
      expect(text).not.toMatch(SQL_TEXT);
      const entry = spy.mock.calls.find(
        ([msg, extra]) =>
          msg === "unexpected error" && (extra as { requestId?: string }).requestId === requestId,
      )?.[1] as { error?: unknown } | undefined;
      expect(entry?.error).toMatchObject({
        message: expect.stringMatching(/sync_batches/),
        stack: expect.any(String),
      });
    } finally {
      spy.mockRestore();
      await h.ds.query("ALTER TABLE sync_batches_away RENAME TO sync_batches");
    }
  });
});

describe("/metrics", () => {
  it("labels operations by the schema's root field, whatever the client names them", async () => {
    for (const name of ["SecProbeCardinality_1", "SecProbeCardinality_2", `N${"x".repeat(20_000)}`]) {
      await post({ query: `query ${name} { products(first: 1) { totalCount } }` });
    }
    await post({ query: "{ nope }" });
    const text = await (await fetch(`${h.api.url}/metrics`)).text();
    expect(text).not.toMatch(/SecProbe|xxxxxxxx/);
    expect(text).toMatch(/syncstore_graphql_operations_total\{operation="products"/);
    const labels = new Set(
      [...text.matchAll(/syncstore_graphql_operations_total\{operation="([^"]+)"/g)].map((m) => m[1]),
    );
    expect(
      [...labels].every(
        (l) =>
          l === "other" ||
          l === "introspection" ||
          h.api.schema.getQueryType()!.getFields()[l!] ||
          h.api.schema.getMutationType()!.getFields()[l!],
      ),
    ).toBe(true);
  });

  it("asks for METRICS_TOKEN when one is set, and is closed in production without one", async () => {
    const servers: ApiServer[] = [];
    try {
      const withToken = await startApi(
        {
          config: { ...h.config, METRICS_TOKEN: "metrics-token-0123456789" },
          dataSource: h.ds,
          redis: h.redis,
        },
        0,
        "127.0.0.1",
      );
      servers.push(withToken);
      expect((await fetch(`${withToken.url}/metrics`)).status).toBe(404);
      expect(
        (await fetch(`${withToken.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status,
      ).toBe(404);
      const ok = await fetch(`${withToken.url}/metrics`, {
        headers: { authorization: "Bearer metrics-token-0123456789" },
      });
      expect(ok.status).toBe(200);
      const production = await startApi(
        { config: { ...h.config, NODE_ENV: "production" }, dataSource: h.ds, redis: h.redis },
        0,
        "127.0.0.1",
      );
      servers.push(production);
      expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
    } finally {
      for (const s of servers) await s.close();
    }
  });
});
