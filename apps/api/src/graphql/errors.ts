import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * Every code a client can see in `extensions.code`: ours, and the ones Apollo Server produces before
 * a resolver runs. formatError lets only these through, and the schema publishes them as the
 * `ErrorCode` enum, so partners can switch on a closed list.
 */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX",
  RATE_LIMITED = "RATE_LIMITED",
  BAD_REQUEST = "BAD_REQUEST",
  GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED",
  PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND",
  OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/** What each code means to the client, and which other extensions come with it. */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  [ErrorCode.BAD_USER_INPUT]:
    "An argument or variable is invalid; `extensions.argument` names it when one argument is at fault.",
  [ErrorCode.UNAUTHENTICATED]:
    "No usable credential where one is required: missing, malformed, unknown, expired or revoked.",
  [ErrorCode.FORBIDDEN]:
    "The caller's role or API key scopes do not allow this, or the browser origin is not allowed.",
  [ErrorCode.QUERY_TOO_COMPLEX]:
    "The operation is too deep, has too many aliases or costs too much; `extensions.cost` gives its cost and depth beside the limits.",
  [ErrorCode.RATE_LIMITED]:
    "Too many requests or sign-in attempts; try again after `extensions.retryAfterMs`.",
  [ErrorCode.BAD_REQUEST]:
    "The HTTP request itself is wrong (a body over 1 MB or not JSON, no query, a blocked cross-site request); nothing ran.",
  [ErrorCode.GRAPHQL_PARSE_FAILED]: "The document is not valid GraphQL syntax.",
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: "The document does not fit the schema.",
  [ErrorCode.PERSISTED_QUERY_NOT_FOUND]:
    "An automatic persisted query hash the server does not know yet: send the query with it.",
  [ErrorCode.OPERATION_RESOLUTION_FAILURE]:
    "The document has several operations and `operationName` names none of them.",
  [ErrorCode.INTERNAL_SERVER_ERROR]:
    "A failure on our side; `extensions.requestId` finds it in the API's log. The message says nothing more.",
};

export function userInputError(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/**
 * Codes that mean "your request was wrong". Not INTERNAL_SERVER_ERROR: Apollo gives that code to
 * anything thrown without one (a TypeORM QueryFailedError, a TypeError), whose message is ours, not
 * the client's to read.
 */
const CLIENT_CODES = new Set<string>(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);

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
