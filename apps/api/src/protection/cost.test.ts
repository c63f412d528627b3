import { buildSchema, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { measureOperation } from "./cost";

const schema = buildSchema(`
  type Query {
    products(first: Int, after: String): ProductConnection!
    product(id: ID!): Product
    queueStats: [QueueStats!]!
    version: String!
    capped(first: Int = 5): [Product!]!
  }
  type Mutation { syncProduct(id: ID!): SyncPayload! cancel(id: ID!): Boolean! }
  type Subscription { progress(id: ID!): Batch! }
  type ProductConnection { edges: [ProductEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ProductEdge { cursor: String! node: Product! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Product { id: ID! title: String! listings: [Listing!]! batches(first: Int): BatchConnection! }
  type Listing { platform: String! status: String! }
  type BatchConnection { edges: [BatchEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type BatchEdge { cursor: String! node: Batch! }
  type Batch { id: ID! items(first: Int): ItemConnection! }
  type ItemConnection { nodes: [Item!]! totalCount: Int! }
  type Item { id: ID! }
  type QueueStats { name: String! waiting: Int! }
  type SyncPayload { batch: Batch userErrors: [String!]! }
`);

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  measureOperation(schema, parse(query), operationName, variables).cost;

describe("calculated query cost", () => {
  it.each([
    ["a scalar root field", "{ version }", 0],
    ["an object", "{ product(id: 1) { id title } }", 1],
    ["an object with a list of objects", "{ product(id: 1) { listings { platform } } }", 2],
    ["a list without a size argument (priced as one item)", "{ queueStats { name waiting } }", 1],
    [
      "a connection with the default page size (20)",
      "{ products { edges { node { id } } } }",
      2 + 20 * (1 + 1),
    ],
    ["a connection with first: 10", "{ products(first: 10) { edges { node { id } } } }", 2 + 10 * 2],
    ["first: 0", "{ products(first: 0) { edges { node { id } } } }", 2],
    [
      "pageInfo and totalCount are not multiplied",
      "{ products(first: 10) { totalCount pageInfo { hasNextPage } } }",
      2 + 1,
    ],
    [
      "first above the cap is priced at the cap (100)",
      "{ products(first: 1000000) { edges { node { id } } } }",
      2 + 100 * 2,
    ],
    ["a negative first is priced at 0", "{ products(first: -5) { edges { node { id } } } }", 2],
    ["a schema default for first", "{ capped { id } }", 1 + 5 * 0],
    ["a schema default for first, with objects under it", "{ capped { listings { status } } }", 1 + 5 * 1],
    [
      "nested connections multiply",
      "{ products(first: 10) { edges { node { batches(first: 5) { edges { node { id } } } } } } }",
      2 + 10 * (1 + 1 + (2 + 5 * (1 + 1))),
    ],
    [
      "a connection with nodes instead of edges",
      "{ product(id: 1) { batches(first: 2) { edges { node { items(first: 30) { nodes { id } totalCount } } } } } }",
      1 + (2 + 2 * (1 + 1 + (2 + 30 * 1))),
    ],
    [
      "aliases are each charged",
      "{ a: product(id: 1) { id } b: product(id: 2) { id } c: product(id: 3) { id } }",
      3,
    ],
    [
      "aliased connections are each multiplied",
      "{ a: products(first: 50) { edges { node { id } } } b: products(first: 50) { edges { node { id } } } }",
      2 * (2 + 50 * 2),
    ],
    [
      "a mutation field costs 10 plus what it returns",
      "mutation { syncProduct(id: 1) { batch { id } userErrors } }",
      10 + 1,
    ],
    ["a mutation returning a scalar", "mutation { cancel(id: 1) }", 10],
    ["two mutations", "mutation { a: cancel(id: 1) b: cancel(id: 2) }", 20],
    ["a subscription is priced like a query", "subscription { progress(id: 1) { id } }", 1],
    ["__typename is free", "{ __typename product(id: 1) { __typename } }", 1],
    ["introspection is not charged", "{ __schema { types { name fields { name } } } }", 0],
    ["an unknown field adds nothing (validation reports it)", "{ nope { deeper } }", 0],
  ])("%s", (_label, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it("reads first from variables, falling back to the default page size", () => {
    const q = "query ($n: Int) { products(first: $n) { edges { node { id } } } }";
    expect(cost(q, { n: 3 })).toBe(2 + 3 * 2);
    expect(cost(q, {})).toBe(2 + 20 * 2);
    expect(cost(q, { n: null })).toBe(2 + 20 * 2);
  });

  it("counts fragments and inline fragments where they are spread", () => {
    const q = `
      query { products(first: 10) { ...Page } product(id: 1) { ... on Product { listings { status } } } }
      fragment Page on ProductConnection { totalCount edges { ...Edge } }
      fragment Edge on ProductEdge { node { id } }`;
    expect(cost(q)).toBe(2 + 10 * 2 + (1 + 1));
  });

  it("prices the operation named by operationName", () => {
    const q = "query Cheap { version } query Dear { products(first: 10) { edges { node { id } } } }";
    expect(cost(q, undefined, "Cheap")).toBe(0);
    expect(cost(q, undefined, "Dear")).toBe(22);
    // Ambiguous without a name: graphql refuses to run it; there is nothing to price.
    expect(cost(q)).toBe(0);
  });

  it("survives fragment cycles and measures repeated spreads once (no exponential blow-up)", () => {
    expect(cost("{ product(id: 1) { ...A } } fragment A on Product { listings { status } ...A }")).toBe(2);
    const levels = 30;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Product { ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    const bomb = `{ product(id: 1) { ...F0 } } ${fragments} fragment F${levels} on Product { listings { status } }`;
    // 2^30 spreads if expanded; the walker memoizes, and the sum still reflects every spread.
    expect(cost(bomb)).toBe(1 + 2 ** levels);
  });

  it("uses a field's declared complexity (type-graphql's `complexity` option) as its own price", () => {
    const expensive = new GraphQLObjectType({
      name: "Query",
      fields: {
        report: { type: GraphQLString, extensions: { complexity: 250 } },
        plain: { type: GraphQLInt },
      },
    });
    const s = new GraphQLSchema({ query: expensive });
    expect(measureOperation(s, parse("{ report plain }")).cost).toBe(250);
  });
});

describe("depth and aliases", () => {
  const measure = (q: string) => measureOperation(schema, parse(q));

  it.each([
    ["{ version }", 1],
    ["{ product(id: 1) { id } }", 2],
    ["{ products { edges { node { batches { edges { node { id } } } } } } }", 7],
    ["{ products { ...P } } fragment P on ProductConnection { edges { node { id } } }", 4],
    ["{ __typename }", 1],
  ])("%s is %i deep", (q, depth) => {
    expect(measure(q).depth).toBe(depth);
  });

  it("measures introspection depth separately", () => {
    const m = measure("{ __schema { types { fields { type { ofType { name } } } } } version }");
    expect(m.depth).toBe(1);
    expect(m.introspectionDepth).toBe(6);
  });

  it("counts aliases in operations and fragments, not plain fields or same-name aliases", () => {
    const m = measure(
      "{ a: version b: version version version: version ...F } fragment F on Query { c: version }",
    );
    expect(m.aliases).toBe(3);
  });
});
