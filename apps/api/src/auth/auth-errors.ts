import { GraphQLError } from "graphql";
import { ErrorCode } from "../graphql/errors";

/** No usable credential: missing where one is required, malformed, unknown, expired or revoked. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** A known caller asking for something their role or key scopes do not allow. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Too many requests or sign-in attempts; the client may try again after `retryAfterMs`. */
export function rateLimited(message: string, retryAfterMs: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) },
  });
}

export function errorCodeOf(e: unknown): string | undefined {
  if (!(e instanceof GraphQLError)) return undefined;
  const code = e.extensions.code;
  return typeof code === "string" ? code : undefined;
}
