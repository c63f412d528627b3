import type { Config } from "@syncstore/config";
import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import { ApiKeyService } from "./api-keys";
import { createAuthenticate, type Authenticate } from "./authenticate";
import { LoginThrottle, type LoginThrottleOptions } from "./login-throttle";
import { OidcVerifier, oidcSettings } from "./oidc";
import { SessionService } from "./sessions";
import { UserService } from "./users";

export interface AuthServices {
  users: UserService;
  sessions: SessionService;
  apiKeys: ApiKeyService;
  /** null when OIDC_ISSUER is unset. */
  oidc: OidcVerifier | null;
  /** `Authorization` header → viewer | null; throws UNAUTHENTICATED for a bad credential. */
  authenticate: Authenticate;
  /** Puts ADMIN_API_KEY in place (or revokes it when unset). Call once at API start, after migrations. */
  bootstrap(): Promise<void>;
}

export type AuthConfig = Pick<
  Config,
  | "REDIS_PREFIX"
  | "SESSION_TTL_HOURS"
  | "ADMIN_API_KEY"
  | "OIDC_ISSUER"
  | "OIDC_AUDIENCE"
  | "OIDC_JWKS_URL"
  | "OIDC_ROLE_CLAIM"
>;

/** The auth composition root. Throws ConfigError at once for an incomplete OIDC configuration. */
export function createAuthServices(deps: {
  config: AuthConfig;
  dataSource: DataSource;
  redis: Redis;
  clock?: () => number;
  /** Sign-in throttle limits (defaults: 5 per email, 30 per IP, per 15 minutes). */
  loginLimits?: Omit<LoginThrottleOptions, "prefix">;
}): AuthServices {
  const { config, dataSource, redis, clock } = deps;
  const users = new UserService(dataSource);
  const throttle = new LoginThrottle(redis, { ...deps.loginLimits, prefix: `${config.REDIS_PREFIX}:auth` });
  const sessions = new SessionService(dataSource, users, throttle, {
    ttlMs: config.SESSION_TTL_HOURS * 3_600_000,
    clock,
  });
  const apiKeys = new ApiKeyService(dataSource, { clock });
  const settings = oidcSettings(config);
  const oidc = settings ? new OidcVerifier(settings) : null;
  return {
    users,
    sessions,
    apiKeys,
    oidc,
    authenticate: createAuthenticate({ sessions, apiKeys, oidc }),
    bootstrap: () => apiKeys.syncBootstrapKey(config.ADMIN_API_KEY),
  };
}
