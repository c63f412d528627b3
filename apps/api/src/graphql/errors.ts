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

/** Codes Apollo and graphql-js produce themselves, which already mean "your request was wrong". */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Maps whatever was thrown to a client-facing error. Known codes pass through; anything else is a bug
 * on our side: it is logged and the client sees a generic message, never a stack or an SQL fragment.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (e: unknown) => void,
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
  log(error);
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
