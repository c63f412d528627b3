import { unauthenticated } from "./auth-errors";
import type { ApiKeyService } from "./api-keys";
import type { OidcVerifier } from "./oidc";
import type { SessionService } from "./sessions";
import { bearerToken, classifyBearer } from "./tokens";
import type { AuthViewer } from "./viewer";

export type Authenticate = (authorizationHeader: string | undefined | null) => Promise<AuthViewer | null>;

/**
 * The one resolver of credentials, for HTTP and WebSocket alike: `Bearer <API key | session token |
 * OIDC JWT>` → the viewer; no header → null (anonymous); anything unusable → UNAUTHENTICATED.
 */
export function createAuthenticate(deps: {
  sessions: SessionService;
  apiKeys: ApiKeyService;
  oidc: OidcVerifier | null;
}): Authenticate {
  return async (header) => {
    const bearer = bearerToken(header);
    if (bearer === null) return null;
    if ("malformed" in bearer) throw unauthenticated(bearer.malformed);
    const { token } = bearer;
    switch (classifyBearer(token)) {
      case "session":
        return deps.sessions.resolve(token);
      case "jwt":
        if (!deps.oidc) throw unauthenticated("Single sign-on is not configured on this server");
        return deps.oidc.verify(token);
      case "apiKey":
      case "opaque":
        return deps.apiKeys.resolve(token);
    }
  };
}
