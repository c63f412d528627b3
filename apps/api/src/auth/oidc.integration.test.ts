import http from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "@syncstore/config";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "./auth-errors";
import { createAuthenticate } from "./authenticate";
import { OidcVerifier, oidcSettings, roleFromClaim } from "./oidc";
import type { ApiKeyService } from "./api-keys";
import type { SessionService } from "./sessions";

const AUDIENCE = "syncstore-api";
let server: http.Server;
let issuer: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let jwksRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  server = http.createServer((req, res) => {
    if (req.url === "/.well-known/jwks.json") {
      jwksRequests++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function verifier(roleClaim = "role"): OidcVerifier {
  return new OidcVerifier(
    oidcSettings({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_ROLE_CLAIM: roleClaim })!,
  );
}

function token(
  claims: JWTPayload,
  opts: { key?: CryptoKey; iss?: string; aud?: string; exp?: number | string; sub?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? AUDIENCE)
    .setSubject(opts.sub ?? "user-42")
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "10m")
    .sign(opts.key ?? signingKey);
}

async function refusal(p: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: errorCodeOf(e), message: (e as Error).message };
  }
  throw new Error("expected a rejection");
}

describe("OIDC single sign-on", () => {
  it.each([
    [{ role: "ADMIN" }, "role", "ADMIN"],
    [{ role: "operator" }, "role", "OPERATOR"],
    [{ role: ["viewer", "operator"] }, "role", "OPERATOR"],
    [{ groups: ["staff", "Admin"] }, "groups", "ADMIN"],
    [{ realm_access: { roles: ["offline_access", "VIEWER"] } }, "realm_access.roles", "VIEWER"],
  ])("maps %j (claim %s) to %s", async (claims, claim, role) => {
    const viewer = await verifier(claim).verify(
      await token({ ...claims, email: "sso@example.com", name: "Sam" }),
    );
    expect(viewer).toMatchObject({
      id: "oidc:user-42",
      kind: "user",
      role,
      scopes: [],
      email: "sso@example.com",
      name: "Sam",
      method: "oidc",
    });
    expect(viewer.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each([
    [
      "a wrong audience",
      () => token({ role: "ADMIN" }, { aud: "another-app" }),
      "Single sign-on token is not accepted: aud check_failed",
    ],
    [
      "a wrong issuer",
      () => token({ role: "ADMIN" }, { iss: "https://evil.example.com" }),
      "Single sign-on token is not accepted: iss check_failed",
    ],
    [
      "an expired token",
      () => token({ role: "ADMIN" }, { exp: Math.floor(Date.now() / 1000) - 120 }),
      "Single sign-on token expired",
    ],
    [
      "a key the issuer does not publish",
      () => token({ role: "ADMIN" }, { key: strangerKey }),
      "Single sign-on token is not valid",
    ],
    [
      "no role",
      () => token({ email: "x@example.com" }),
      "Single sign-on token names no SyncStore role (ADMIN, OPERATOR, VIEWER) in claim role",
    ],
    [
      "an unknown role",
      () => token({ role: "superuser" }),
      "Single sign-on token names no SyncStore role (ADMIN, OPERATOR, VIEWER) in claim role",
    ],
  ])("refuses %s", async (_label, make, message) => {
    expect(await refusal(verifier().verify(await make()))).toEqual({ code: "UNAUTHENTICATED", message });
  });

  it("refuses a token signed with a shared secret (HS256), whatever the secret", async () => {
    const hs = await new SignJWT({ role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject("x")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("a-shared-secret-of-32-bytes-long!!"));
    expect(await refusal(verifier().verify(hs))).toEqual({
      code: "UNAUTHENTICATED",
      message: "Single sign-on token is not valid",
    });
  });

  it("is reached through authenticate() with a Bearer header", async () => {
    const unused = {} as SessionService & ApiKeyService;
    const authenticate = createAuthenticate({ sessions: unused, apiKeys: unused, oidc: verifier() });
    await expect(authenticate(`Bearer ${await token({ role: "VIEWER" })}`)).resolves.toMatchObject({
      role: "VIEWER",
      kind: "user",
    });
    expect(
      (await refusal(authenticate(`Bearer ${await token({ role: "VIEWER" }, { aud: "x" })}`))).code,
    ).toBe("UNAUTHENTICATED");
  });
});

describe("oidcSettings", () => {
  it("is off without an issuer", () => {
    expect(oidcSettings({ OIDC_ROLE_CLAIM: "role" })).toBeNull();
  });

  it("defaults the JWKS URL to the issuer's well-known path", () => {
    expect(
      oidcSettings({ OIDC_ISSUER: "https://id.example.com/", OIDC_AUDIENCE: "a", OIDC_ROLE_CLAIM: "role" }),
    ).toEqual({
      issuer: "https://id.example.com/",
      audience: "a",
      jwksUrl: "https://id.example.com/.well-known/jwks.json",
      roleClaim: "role",
    });
    expect(
      oidcSettings({
        OIDC_ISSUER: "https://id.example.com",
        OIDC_AUDIENCE: "a",
        OIDC_JWKS_URL: "https://keys.example.com/k",
        OIDC_ROLE_CLAIM: "r",
      })?.jwksUrl,
    ).toBe("https://keys.example.com/k");
  });

  it("fails fast naming OIDC_AUDIENCE when the issuer is set without it", () => {
    expect(() => oidcSettings({ OIDC_ISSUER: "https://id.example.com", OIDC_ROLE_CLAIM: "role" })).toThrow(
      ConfigError,
    );
    expect(() => oidcSettings({ OIDC_ISSUER: "https://id.example.com", OIDC_ROLE_CLAIM: "role" })).toThrow(
      /OIDC_AUDIENCE: is required when OIDC_ISSUER is set/,
    );
  });
});

describe("roleFromClaim", () => {
  it.each([
    ["ADMIN", "ADMIN"],
    ["Viewer", "VIEWER"],
    [["VIEWER", "ADMIN"], "ADMIN"],
    [["x", 3, null], null],
    [undefined, null],
    [{ role: "ADMIN" }, null],
  ])("%j → %s", (claim, role) => {
    expect(roleFromClaim(claim)).toBe(role);
  });
});
