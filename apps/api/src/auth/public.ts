import { Extensions } from "type-graphql";

/** The field extension that marks an operation as open to anonymous callers. */
export const PUBLIC_EXTENSION = "syncstorePublic";

/**
 * Declares an operation open to everyone (e.g. signIn). It grants nothing by itself — an operation
 * without `@Authorized` is already open — but it makes "open on purpose" visible, so the
 * declaration check can tell it from "forgot to declare".
 */
export function Public(): MethodDecorator {
  return Extensions({ [PUBLIC_EXTENSION]: true });
}
