import type { Role } from "./permissions";

/**
 * Who is calling, as the auth layer resolved it. A superset of the `Viewer` declared in
 * graphql/context.ts: the extra fields are optional, so either type can stand for the other.
 */
export interface AuthViewer {
  /** users.id, api_keys.id, or `oidc:<sub>` for single sign-on users. */
  id: string;
  kind: "user" | "apiKey";
  role: Role | "ADMIN" | "OPERATOR" | "VIEWER";
  /** API key scopes (read, sync, admin); empty for people, whose role decides. */
  scopes: string[];
  email?: string | null;
  name?: string | null;
  /** When the credential stops working (session or JWT expiry, key expiry); null = never. */
  expiresAt?: Date | null;
  /** The session a sign-in token belongs to, so signOut can revoke exactly it. */
  sessionId?: string | null;
  /** The person who created an API key: disabling them ends the key too. */
  ownerId?: string | null;
  /** How the caller proved who they are. */
  method?: "session" | "apiKey" | "oidc";
}

/** The part of the GraphQL context the auth checker and auth resolver read. */
export interface ViewerContext {
  viewer: AuthViewer | null;
}
