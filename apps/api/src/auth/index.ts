export {
  Permission,
  Role,
  ApiKeyScope,
  ROLE_PERMISSIONS,
  SCOPE_PERMISSIONS,
  permissionsOf,
  roleOfScopes,
  isPermission,
  isRole,
  isApiKeyScope,
} from "./permissions";
export type { AuthViewer, ViewerContext } from "./viewer";
export { authChecker } from "./auth-checker";
export { Public, PUBLIC_EXTENSION } from "./public";
export { findUndeclaredOperations, type UndeclaredOperation } from "./declarations";
export { unauthenticated, forbidden, rateLimited, errorCodeOf } from "./auth-errors";
export { createAuthenticate, type Authenticate } from "./authenticate";
export { authenticateRequests, requestViewer, sendGraphQLError } from "./http";
export { createAuthServices, type AuthServices, type AuthConfig } from "./services";
export { AuthResolver, type AuthContext } from "./auth.resolver";
export { UserService, type UserRecord, type CreateUserInput } from "./users";
export { SessionService, type SignInResult } from "./sessions";
export { ApiKeyService, BOOTSTRAP_PREFIX, type ApiKeyRecord } from "./api-keys";
export {
  publishCredentialChange,
  credentialChangePublisher,
  credentialChangesChannel,
  parseCredentialChange,
  type CredentialChange,
  type PublishCredentialChange,
} from "./revocation";
export { LoginThrottle } from "./login-throttle";
export { OidcVerifier, oidcSettings, roleFromClaim, type OidcSettings } from "./oidc";
export { SecretsBox, SecretsBoxError } from "@syncstore/config";
export { generateApiKey, parseApiKey, sha256Hex, classifyBearer } from "./tokens";
