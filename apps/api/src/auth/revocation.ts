import type { Redis } from "ioredis";

/**
 * A credential whose state changed: an API key (revoked), a session (signed out or revoked), or a
 * user (disabled, role changed, password reset, all sessions revoked). Ids are `api_keys.id`,
 * `sessions.id` and `users.id`.
 */
export interface CredentialChange {
  kind: "apiKey" | "session" | "user";
  id: string;
}

/** Announces a credential change to every API instance; resolves once Redis has taken it. */
export type PublishCredentialChange = (change: CredentialChange) => Promise<void>;

const KINDS: ReadonlySet<string> = new Set<CredentialChange["kind"]>(["apiKey", "session", "user"]);

/** The one Redis pub/sub channel of credential changes, inside the deployment's REDIS_PREFIX. */
export function credentialChangesChannel(redisPrefix: string): string {
  return `${redisPrefix}:credential-changes`;
}

/**
 * Call after committing any change that ends or narrows a credential (revokeApiKey, signOut,
 * revokeAllOf, disabling a user, changing a role, resetting a password). Every API instance then
 * re-checks the open WebSockets of that credential against PostgreSQL and closes those that no longer
 * hold (4401) or whose permissions changed (4403), within a second. Publishing after the commit
 * matters: instances re-read the credential when the message arrives.
 *
 * Most callers have the bound form: `services.auth.publishCredentialChange({ kind: "user", id })`.
 */
export async function publishCredentialChange(
  redis: Redis,
  redisPrefix: string,
  change: CredentialChange,
): Promise<void> {
  await redis.publish(
    credentialChangesChannel(redisPrefix),
    JSON.stringify({ kind: change.kind, id: change.id }),
  );
}

/** publishCredentialChange bound to one Redis connection and prefix. */
export function credentialChangePublisher(redis: Redis, redisPrefix: string): PublishCredentialChange {
  return (change) => publishCredentialChange(redis, redisPrefix, change);
}

/** A channel message (JSON text, or the object a JSON-decoding subscriber hands over) → the change. */
export function parseCredentialChange(message: unknown): CredentialChange | null {
  let value = message;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  if (typeof kind !== "string" || !KINDS.has(kind) || typeof id !== "string" || id.length === 0) return null;
  return { kind: kind as CredentialChange["kind"], id };
}
