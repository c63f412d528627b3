import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { withoutSuggestions } from "./errors";

describe("withoutSuggestions", () => {
  const schema = buildSchema("type Query { apiKeys: Int, products: Int }");

  it("drops graphql-js' hint, which names the schema's fields", () => {
    const [error] = validate(schema, parse("{ apiKey }"));
    expect(error?.message).toContain('Did you mean "apiKeys"?');
    expect(withoutSuggestions(error!.message)).toBe('Cannot query field "apiKey" on type "Query".');
  });

  it("leaves other messages alone", () => {
    expect(withoutSuggestions("Syntax Error: Expected Name, found <EOF>.")).toBe(
      "Syntax Error: Expected Name, found <EOF>.",
    );
  });
});
