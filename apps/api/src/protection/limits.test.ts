import { buildSchema, getIntrospectionQuery, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { checkQuery, queryLimitsFromConfig } from "./limits";

const schema = buildSchema(`
  type Query { node(id: ID!): Node products(first: Int): ProductConnection! version: String! }
  type Node { id: ID! parent: Node child: Node }
  type ProductConnection { edges: [ProductEdge!]! }
  type ProductEdge { node: Node! }
`);
const limits = queryLimitsFromConfig({ QUERY_MAX_DEPTH: 12, QUERY_MAX_COST: 5000 });
const check = (q: string, variables?: Record<string, unknown>) =>
  checkQuery(schema, parse(q), undefined, variables, limits);

function nested(depth: number): string {
  // node(...) + (depth - 2) × child + id = depth levels
  return `{ node(id: 1) { ${"child { ".repeat(depth - 2)}id${" }".repeat(depth - 2)} } }`;
}

describe("query limits", () => {
  it("takes depth and cost from the config", () => {
    expect(limits.maxDepth).toBe(12);
    expect(limits.maxCost).toBe(5000);
  });

  it("allows a query at the depth limit and refuses one level deeper", () => {
    expect(check(nested(12)).measure.depth).toBe(12);
    expect(check(nested(12)).error).toBeNull();
    const error = check(nested(13)).error;
    expect(error?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(error?.message).toContain("depth 13 exceeds the maximum of 12");
  });

  it("refuses a depth-50 query", () => {
    const { error } = check(nested(50));
    expect(error?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(error?.message).toMatch(/depth 50/);
  });

  it("refuses a 1,000-alias query, even of a free scalar field", () => {
    const q = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: version`).join(" ")} }`;
    const { error, measure } = check(q);
    expect(measure.aliases).toBe(1000);
    expect(error?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(error?.message).toContain("1000 aliases exceed the maximum of 100");
  });

  it("refuses a query whose calculated cost exceeds the maximum, and reports the cost", () => {
    // 60 aliased pages of 100 edges, each edge 1 + node 1 + parent 1: 60 × (2 + 100 × 3) = 18 120.
    const q = `{ ${Array.from({ length: 60 }, (_, i) => `p${i}: products(first: 100) { edges { node { parent { id } } } }`).join(" ")} }`;
    const { error } = check(q);
    expect(error?.message).toContain("calculated cost 18120 exceeds the maximum of 5000");
    expect(error?.extensions.cost).toEqual({
      requestedQueryCost: 18120,
      maximumQueryCost: 5000,
      depth: 5,
      maximumDepth: 12,
    });
  });

  it("allows GraphiQL's full introspection query", () => {
    const { error, measure } = check(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(measure.introspectionDepth).toBe(15);
    expect(error).toBeNull();
  });

  it("refuses introspection nested deeper than any tool needs", () => {
    const q = `{ __schema { types { ${"fields { type { ".repeat(10)}name${" } }".repeat(10)} } } }`;
    expect(check(q).error?.message).toMatch(/introspection depth 23 exceeds the maximum of 20/);
  });
});
