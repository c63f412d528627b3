import type { AuthCheckerFn } from "type-graphql";
import { forbidden, unauthenticated } from "./auth-errors";
import { isPermission, permissionsOf, type Permission } from "./permissions";
import type { ViewerContext } from "./viewer";

/**
 * The type-graphql auth checker (`buildSchema({ authChecker })`). `@Authorized()` means "any
 * signed-in caller"; `@Authorized(Permission.SYNC, …)` means "holding any one of these".
 * It throws coded errors itself because type-graphql's own errors carry no `extensions.code`.
 */
export const authChecker: AuthCheckerFn<ViewerContext, Permission | string> = ({ context }, required) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated("Sign in or send an API key: Authorization: Bearer <token>");
  for (const p of required) {
    // A typo in a decorator must fail loudly, not lock the operation silently.
    if (!isPermission(p)) throw new Error(`@Authorized declares unknown permission ${JSON.stringify(p)}`);
  }
  if (required.length === 0) return true;
  const granted = permissionsOf(viewer);
  if (required.some((p) => granted.has(p as Permission))) return true;
  const who =
    viewer.kind === "apiKey"
      ? `this API key (scopes: ${viewer.scopes.join(", ") || "none"})`
      : `role ${viewer.role}`;
  throw forbidden(`This operation needs permission ${required.join(" or ")}; ${who} does not have it`);
};
