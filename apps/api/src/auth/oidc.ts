import { ConfigError } from "@syncstore/config";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { unauthenticated } from "./auth-errors";
import { ROLE_PERMISSIONS, Role } from "./permissions";
import type { AuthViewer } from "./viewer";

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Dotted path into the claims, e.g. `role` or `realm_access.roles`. */
  roleClaim: string;
}

/** Single sign-on settings from the config, or null when OIDC_ISSUER is unset. */
export function oidcSettings(config: {
  OIDC_ISSUER?: string | undefined;
  OIDC_AUDIENCE?: string | undefined;
  OIDC_JWKS_URL?: string | undefined;
  OIDC_ROLE_CLAIM: string;
}): OidcSettings | null {
  if (!config.OIDC_ISSUER) return null;
  if (!config.OIDC_AUDIENCE) {
    throw new ConfigError([{ variable: "OIDC_AUDIENCE", message: "is required when OIDC_ISSUER is set" }]);
  }
  const jwksUrl = config.OIDC_JWKS_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/jwks.json`;
  return {
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    jwksUrl,
    roleClaim: config.OIDC_ROLE_CLAIM,
  };
}

// Asymmetric only: a shared-secret (HS*) token would let anyone holding the secret mint admins.
const ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];
// Failures of the issuer or our network, not of the caller's token: they surface as server errors.
const SERVER_SIDE = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID"]);
const RANK: readonly Role[] = [Role.ADMIN, Role.OPERATOR, Role.VIEWER];

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The strongest SyncStore role named by the claim (a string or a list, case-insensitive), or null. */
export function roleFromClaim(value: unknown): Role | null {
  const names = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.toUpperCase());
  return RANK.find((r) => names.includes(r)) ?? null;
}

/** Verifies OIDC JWTs (signature from the issuer's JWKS, iss, aud, exp, nbf) and maps the role claim. */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: OidcSettings,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys =
      keys ??
      createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<AuthViewer> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ["sub", "exp"],
        clockTolerance: 30,
      }));
    } catch (e) {
      if (!(e instanceof errors.JOSEError) || SERVER_SIDE.has(e.code)) throw e;
      if (e instanceof errors.JWTExpired) throw unauthenticated("Single sign-on token expired");
      if (e instanceof errors.JWTClaimValidationFailed)
        throw unauthenticated(`Single sign-on token is not accepted: ${e.claim} ${e.reason}`);
      throw unauthenticated("Single sign-on token is not valid");
    }
    const role = roleFromClaim(claimAt(payload, this.settings.roleClaim));
    if (!role) {
      throw unauthenticated(
        `Single sign-on token names no SyncStore role (${Object.keys(ROLE_PERMISSIONS).join(", ")}) in claim ${this.settings.roleClaim}`,
      );
    }
    const email = typeof payload.email === "string" ? payload.email : null;
    const name = typeof payload.name === "string" ? payload.name : null;
    return {
      id: `oidc:${payload.sub!}`,
      kind: "user",
      role,
      scopes: [],
      email,
      name,
      expiresAt: new Date(payload.exp! * 1000),
      method: "oidc",
    };
  }
}
