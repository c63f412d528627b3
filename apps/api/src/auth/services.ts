import type { Config, Logger } from "@syncstore/config";
import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import { AccountAdmin } from "./account-admin";
import { ApiKeyService } from "./api-keys";
import { createAuthenticate, type Authenticate } from "./authenticate";
import { LoginThrottle, type LoginThrottleOptions } from "./login-throttle";
import { OidcVerifier, oidcSettings } from "./oidc";
import { credentialChangePublisher, type PublishCredentialChange } from "./revocation";
import { SessionService } from "./sessions";
import { UserService } from "./users";
import { logger } from "../logger";

export interface AuthServices {
  users: UserService;
  sessions: SessionService;
  apiKeys: ApiKeyService;
  accounts: AccountAdmin;
  /** null when OIDC_ISSUER is unset. */
  oidc: OidcVerifier | null;
  /** `Authorization` header → viewer | null; throws UNAUTHENTICATED for a bad credential. */
  authenticate: Authenticate;
  /**
   * Call after any change that ends or narrows a credential (revocation.ts says which); sessions.revoke,
   * sessions.revokeAllOf and apiKeys.revoke already do.
   */
  publishCredentialChange: PublishCredentialChange;
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
  /** Sign-in throttle settings (see LoginThrottleOptions for the defaults). */
  loginLimits?: Omit<LoginThrottleOptions, "prefix" | "clock">;
  /** Where failed sign-ins are reported; the API's logger by default. */
  log?: Pick<Logger, "warn">;
}): AuthServices {
  const { config, dataSource, redis, clock } = deps;
  const users = new UserService(dataSource);
  const throttle = new LoginThrottle(redis, {
    ...deps.loginLimits,
    prefix: `${config.REDIS_PREFIX}:auth`,
    clock,
  });
  const publishChange = credentialChangePublisher(redis, config.REDIS_PREFIX);
  const sessions = new SessionService(dataSource, users, throttle, {
    ttlMs: config.SESSION_TTL_HOURS * 3_600_000,
    clock,
    log: deps.log ?? logger,
    publishChange,
  });
  // Role changes, disabling and password resets close that user's open sockets on every instance.
  const accounts = new AccountAdmin(dataSource, sessions, publishChange, { clock });
  const apiKeys = new ApiKeyService(dataSource, { clock, publishChange });
  const settings = oidcSettings(config);
  const oidc = settings ? new OidcVerifier(settings) : null;
  return {
    users,
    sessions,
    apiKeys,
    accounts,
    oidc,
    authenticate: createAuthenticate({ sessions, apiKeys, oidc }),
    publishCredentialChange: publishChange,
    bootstrap: () => apiKeys.syncBootstrapKey(config.ADMIN_API_KEY),
  };
}
