import "reflect-metadata";
import { GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { ErrorCode } from "../graphql/errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../graphql/pagination";
import { measureOperation, type CostOptions, type OperationMeasure } from "./cost";

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliases per document: each alias re-runs a field, so a thousand of them is a thousand queries. */
  maxAliases: number;
  /** Depth allowed inside `__schema`/`__type` (GraphiQL's introspection query is 15 deep). */
  maxIntrospectionDepth: number;
  cost: CostOptions;
}

export function queryLimitsFromConfig(config: {
  QUERY_MAX_DEPTH: number;
  QUERY_MAX_COST: number;
}): QueryLimits {
  return {
    maxDepth: config.QUERY_MAX_DEPTH,
    maxCost: config.QUERY_MAX_COST,
    maxAliases: 100,
    maxIntrospectionDepth: Math.max(20, config.QUERY_MAX_DEPTH),
    cost: { defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE, mutationCost: 10 },
  };
}

/** What `extensions.cost` of a response says. */
export interface CostReport {
  requestedQueryCost: number;
  maximumQueryCost: number;
  depth: number;
  maximumDepth: number;
}

export function costReport(m: OperationMeasure, limits: QueryLimits): CostReport {
  return {
    requestedQueryCost: m.cost,
    maximumQueryCost: limits.maxCost,
    depth: m.depth,
    maximumDepth: limits.maxDepth,
  };
}

/** The QUERY_TOO_COMPLEX error for an operation over a limit, or null when it is within all of them. */
export function complexityError(m: OperationMeasure, limits: QueryLimits): GraphQLError | null {
  const problems: string[] = [];
  if (m.depth > limits.maxDepth) problems.push(`depth ${m.depth} exceeds the maximum of ${limits.maxDepth}`);
  if (m.introspectionDepth > limits.maxIntrospectionDepth) {
    problems.push(
      `introspection depth ${m.introspectionDepth} exceeds the maximum of ${limits.maxIntrospectionDepth}`,
    );
  }
  if (m.aliases > limits.maxAliases)
    problems.push(`${m.aliases} aliases exceed the maximum of ${limits.maxAliases}`);
  if (m.cost > limits.maxCost) {
    problems.push(
      `calculated cost ${m.cost} exceeds the maximum of ${limits.maxCost} (ask for fewer items with first, or split the query)`,
    );
  }
  if (problems.length === 0) return null;
  return new GraphQLError(`Query is too complex: ${problems.join("; ")}`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost: costReport(m, limits) },
  });
}

/** Measures and checks in one call: for graphql-ws onSubscribe and for tests. */
export function checkQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): { measure: OperationMeasure; error: GraphQLError | null } {
  const measure = measureOperation(schema, document, operationName, variables, limits.cost);
  return { measure, error: complexityError(measure, limits) };
}
