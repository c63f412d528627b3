import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** Every code a client can see in `extensions.code`, in one place. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  RATE_LIMITED = "RATE_LIMITED",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

export function userInputError(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/**
 * Codes that mean "your request was wrong", ours and those Apollo and graphql-js produce. Not
 * INTERNAL_SERVER_ERROR: Apollo gives that code to anything thrown without one (a TypeORM
 * QueryFailedError, a TypeError), whose message is ours, not the client's to read.
 */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** What the log line of an unexpected error carries: the id the client was given, and the stack. */
export interface UnexpectedErrorLog {
  requestId: string;
  path: readonly (string | number)[] | undefined;
  error: { name: string; message: string; stack: string | undefined };
}

/**
 * Maps whatever was thrown to a client-facing error. Known codes pass through; anything else is a bug
 * on our side: it is logged with its stack and a request id, and the client sees a generic message
 * with that id, never a stack or an SQL fragment.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (entry: UnexpectedErrorLog) => void,
  requestId: string = randomUUID(),
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // type-graphql reports bad argument values (e.g. an unknown enum) as plain validation errors.
  if (formatted.message.startsWith("Variable ") || formatted.message.startsWith("Argument ")) {
    return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  const cause = originalError(error);
  log({
    requestId,
    path: formatted.path,
    error: { name: cause.name, message: cause.message, stack: cause.stack },
  });
  return {
    message: `Internal server error (request id ${requestId})`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}

/** The error a resolver threw, under graphql-js's wrapper. */
function originalError(error: unknown): Error {
  const inner = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  return inner instanceof Error ? inner : new Error(String(inner));
}

/**
 * A validation message without graphql-js' "Did you mean …?" hint, which names schema fields, types
 * and enum values: with introspection off, that would hand out the schema piece by piece.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean .*$/s, "");
}
