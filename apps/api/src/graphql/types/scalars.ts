import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { ErrorCode } from "../errors";

const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) {
    throw new GraphQLError(
      `Decimal must be a number with at most 4 decimals, e.g. "129000" or "19.99"; got ${JSON.stringify(value)}`,
      {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      },
    );
  }
  return text;
}

/** Money and multipliers as exact decimal strings: a float would turn 19.99 into 19.989999. */
export const DecimalScalar = new GraphQLScalarType({
  name: "Decimal",
  description: 'An exact decimal number, serialized as a string, e.g. "129000.00".',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT)
      return parseDecimal(ast.value);
    throw new GraphQLError("Decimal must be a string or number literal", {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  },
});

/** Arbitrary JSON, for marketplace request and response bodies in the sync log. */
export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
});
