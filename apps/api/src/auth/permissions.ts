/**
 * What a caller may do. Resolvers declare one of these with `@Authorized(Permission.X)`; roles (people)
 * and scopes (API keys) are mapped to them in one table each, so "who may do what" is read in one place.
 */
export enum Permission {
  /** Read products, batches, dead letters, logs, queue stats; subscribe to progress. */
  READ = "READ",
  /** Start, cancel and retry syncs; retry or discard dead letters. */
  SYNC = "SYNC",
  /** Change the master catalog (products, prices, stock). */
  EDIT = "EDIT",
  /** Manage users, API keys and channel settings. */
  ADMIN = "ADMIN",
}

export enum Role {
  ADMIN = "ADMIN",
  OPERATOR = "OPERATOR",
  VIEWER = "VIEWER",
}

/** API key scopes, as stored in api_keys.scopes and shown to partners. */
export enum ApiKeyScope {
  READ = "read",
  SYNC = "sync",
  ADMIN = "admin",
}

const ALL = Object.values(Permission);

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.ADMIN]: ALL,
  [Role.OPERATOR]: [Permission.READ, Permission.SYNC, Permission.EDIT],
  [Role.VIEWER]: [Permission.READ],
};

/**
 * A `sync` key drives syncs for a partner's integration but may not rewrite the catalog: editing
 * products is a person's decision (OPERATOR) or an `admin` key's.
 */
export const SCOPE_PERMISSIONS: Readonly<Record<ApiKeyScope, readonly Permission[]>> = {
  [ApiKeyScope.ADMIN]: ALL,
  [ApiKeyScope.SYNC]: [Permission.READ, Permission.SYNC],
  [ApiKeyScope.READ]: [Permission.READ],
};

export const isRole = (v: unknown): v is Role =>
  typeof v === "string" && (Object.values(Role) as string[]).includes(v);
export const isPermission = (v: unknown): v is Permission =>
  typeof v === "string" && (ALL as string[]).includes(v);
export const isApiKeyScope = (v: unknown): v is ApiKeyScope =>
  typeof v === "string" && (Object.values(ApiKeyScope) as string[]).includes(v);

/** The role an API key is shown with; its scopes, not this role, decide what it may do. */
export function roleOfScopes(scopes: readonly string[]): Role {
  if (scopes.includes(ApiKeyScope.ADMIN)) return Role.ADMIN;
  if (scopes.includes(ApiKeyScope.SYNC)) return Role.OPERATOR;
  return Role.VIEWER;
}

/** Everything a caller may do: people by role, API keys by the union of their scopes. */
export function permissionsOf(viewer: {
  kind: "user" | "apiKey";
  role: string;
  scopes: readonly string[];
}): Set<Permission> {
  if (viewer.kind === "apiKey") {
    return new Set(viewer.scopes.filter(isApiKeyScope).flatMap((s) => SCOPE_PERMISSIONS[s]));
  }
  return new Set(isRole(viewer.role) ? ROLE_PERMISSIONS[viewer.role] : []);
}
