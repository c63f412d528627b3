import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createApiHarness, type ApiHarness, type GraphQLResponse } from "../testing/harness";

/**
 * Bad requests answer the same over WebSocket as over HTTP: a query that fails to parse or to
 * validate gets GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED (not INTERNAL_SERVER_ERROR, not a
 * closed socket), bad values BAD_USER_INPUT naming the argument, and no answer carries SQL text, a
 * stack, or — with introspection off — schema names.
 */
let h: ApiHarness;
let client: Client;
let closedWith: number | null = null;
let productId = "";

beforeAll(async () => {
  h = await createApiHarness({ products: 1, env: { INTROSPECTION_ENABLED: "false" } });
  const [row] = (await h.ds.query("SELECT min(id)::text AS id FROM products")) as [{ id: string }];
  productId = row.id;
  client = createClient({
    url: `${h.api.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${h.adminKey}` },
    // 1000 is the lazy client closing after its last operation; anything else is the server's doing.
    on: {
      closed: (e) => {
        const { code } = e as { code: number };
        if (code !== 1000) closedWith = code;
      },
    },
  });
});
afterAll(async () => {
  await client?.dispose();
  await h?.close();
});

function overWs(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  return new Promise((resolve) => {
    let result: GraphQLResponse = {};
    client.subscribe(
      { query, variables },
      {
        next: (r) => (result = r as GraphQLResponse),
        error: (e) =>
          resolve(
            Array.isArray(e)
              ? { errors: e as GraphQLResponse["errors"] }
              : { errors: [{ message: `socket closed ${(e as { code?: number }).code}` }] },
          ),
        complete: () => resolve(result),
      },
    );
  });
}

/** What the client may rely on: the code, the argument named, and that the message is ours. */
function shape(r: GraphQLResponse) {
  return (r.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    argument: e.extensions?.argument,
  }));
}

const CASES: [string, string, Record<string, unknown>?][] = [
  ["an unknown field", "{ products(first: 1) { edges { node { nosuchfield } } } }"],
  ["a misspelt root field", '{ product(id: "1") { titel } }'],
  ["a literal of the wrong type", '{ products(first: "ten") { totalCount } }'],
  ["a syntax error", "{ products(first: 1) { totalCount "],
  ["introspection while it is off", "{ __schema { types { name } } }"],
  ["a variable of the wrong type", "query ($f: Int) { products(first: $f) { totalCount } }", { f: "x" }],
  ["an oversized cursor", '{ products(first: 1, after: "99999999999999999999999") { totalCount } }'],
  ["a product id past bigint", '{ product(id: "99999999999999999999999") { id } }'],
];

describe("errors over WebSocket are the errors of HTTP", () => {
  it.each(CASES)("%s", async (_label, query, variables) => {
    const http = await h.gql(query, variables);
    const ws = await overWs(query, variables);
    expect(shape(http).length).toBeGreaterThan(0);
    expect(shape(ws)).toEqual(shape(http));
    for (const e of ws.errors ?? []) {
      expect(e.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
      expect(e.message).not.toMatch(/Did you mean|bigint|out of range for type|SELECT|at .*\.js:\d+/);
      expect(e.extensions?.stacktrace).toBeUndefined();
    }
    expect(closedWith).toBeNull();
  });

  it("a NUL byte in a title is BAD_USER_INPUT naming the argument, and nothing is written", async () => {
    const UPDATE = `mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { product { title } userErrors { field code } } }`;
    const input = { id: productId, title: "Kemeja\u0000 linen premium lengan panjang" };
    const ws = await overWs(UPDATE, { input });
    const http = await h.gql(UPDATE, { input });
    expect(shape(ws)).toEqual(shape(http));
    expect(JSON.stringify(ws)).not.toMatch(/invalid byte sequence|UTF8/);
    const [row] = (await h.ds.query("SELECT title FROM products WHERE id = $1", [productId])) as [
      { title: string },
    ];
    expect(row.title).not.toContain("\u0000");
  });
});
